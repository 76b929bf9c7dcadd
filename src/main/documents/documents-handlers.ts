import type { CallName } from '../../shared/contract';
import { type CallContext, type HandlerGroup, requireSession } from '../contract/context';
import { attachDocument, decodeUpload, getDocument, listDocuments, listInbox, removeAnnotation, saveAnnotation, setThumbnail, updateDocument, voidDocument, type Viewer } from './documents-service';
import type { ImportFolderWatcher } from './import-folder';

export type DocumentsCalls = Extract<CallName, `documents.${string}`>;

const viewer = (ctx: CallContext): Viewer => ({ actor: ctx.actor, role: requireSession(ctx).role });

/** The documents contract entries: thin, rules in documents-service.ts and import-folder.ts. */
export function documentsHandlers(folder: ImportFolderWatcher): HandlerGroup<DocumentsCalls> {
  return {
    async 'documents.list'(input, ctx) {
      return listDocuments(ctx.store(), viewer(ctx), input.patientId, { tooth: input.tooth, includeVoided: input.includeVoided });
    },
    async 'documents.inbox'(_input, ctx) {
      return listInbox(ctx.store(), viewer(ctx));
    },
    async 'documents.attach'(input, ctx) {
      return attachDocument(ctx.store(), viewer(ctx), {
        documentId: input.documentId,
        patientId: input.patientId,
        fileName: input.fileName,
        bytes: decodeUpload(input.dataBase64),
        takenOn: input.takenOn,
        kind: input.kind,
        teeth: input.teeth,
        thumbnail: input.thumbnail,
        width: input.width,
        height: input.height,
        source: 'upload',
      });
    },
    async 'documents.get'(input, ctx) {
      return getDocument(ctx.store(), viewer(ctx), input.documentId);
    },
    async 'documents.update'(input, ctx) {
      return updateDocument(ctx.store(), viewer(ctx), input);
    },
    async 'documents.setThumbnail'(input, ctx) {
      return setThumbnail(ctx.store(), viewer(ctx), input);
    },
    async 'documents.void'(input, ctx) {
      return voidDocument(ctx.store(), viewer(ctx), input.documentId, input.reason);
    },
    async 'documents.annotations.save'(input, ctx) {
      return saveAnnotation(ctx.store(), viewer(ctx), input);
    },
    async 'documents.annotations.remove'(input, ctx) {
      return removeAnnotation(ctx.store(), viewer(ctx), input.annotationId);
    },
    async 'documents.folder.get'(_input, ctx) {
      ctx.store();
      return folder.status();
    },
    async 'documents.folder.set'(input, ctx) {
      return folder.setPath(ctx.store(), ctx.actor, input.path);
    },
    async 'documents.folder.target'(input, ctx) {
      ctx.store();
      folder.setTarget(input.patientId, ctx.actor);
      return { ok: true };
    },
    async 'documents.folder.scan'(_input, ctx) {
      ctx.store();
      return { imported: await folder.scan() };
    },
  };
}

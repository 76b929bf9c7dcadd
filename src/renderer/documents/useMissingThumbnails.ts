import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AppError } from '../../shared/contract';
import type { DocumentSummary } from '../../shared/contract/documents';
import { useClient } from '../app/client';
import { base64ToBlob, makeThumbnail } from './files';

/*
 * Files from the watched import folder arrive without a thumbnail (main has
 * no canvas to draw one). The documents tab makes the missing ones of the
 * documents it lists, in this renderer, and stores them through the same
 * documents.setThumbnail the viewer uses: one file at a time, in the
 * background, once per document and app session (a file that cannot be drawn
 * is not fetched again). Once stored, the thumbnail syncs, so no other
 * workstation draws it again. The file is read through documents.get, which
 * main audits as a view: it is one.
 */

const tried = new Set<string>();

export function useMissingThumbnails(documents: readonly DocumentSummary[] | undefined, enabled: boolean): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || !documents) return;
    const missing = documents.filter((d) => !d.thumbnail && !d.restricted && !d.voided && !tried.has(d.id));
    if (missing.length === 0) return;
    let stopped = false;
    void (async () => {
      let made = 0;
      for (const doc of missing) {
        if (stopped) break;
        if (tried.has(doc.id)) continue;
        tried.add(doc.id);
        try {
          // Not through the query cache: a patient with many large files must not keep them all in memory.
          const file = await client['documents.get']({ documentId: doc.id });
          const drawn = await makeThumbnail(base64ToBlob(file.dataBase64, file.document.mime));
          if (!drawn) continue;
          await client['documents.setThumbnail']({ documentId: doc.id, thumbnail: drawn.thumbnail, width: drawn.width, height: drawn.height });
          made++;
        } catch (error) {
          // Still arriving through sync: try again the next time the list is fetched.
          if (error instanceof AppError && error.value.messageKey === 'patientDocuments.errors.notArrived') tried.delete(doc.id);
        }
      }
      if (made > 0) await queryClient.invalidateQueries({ queryKey: ['documents', 'list'] });
    })();
    return () => {
      stopped = true;
    };
  }, [client, queryClient, documents, enabled]);
}

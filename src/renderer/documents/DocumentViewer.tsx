import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { Annotation, DocumentSummary } from '../../shared/contract/documents';
import type { AnnotationShape } from '../../shared/documents/annotations';
import { isImageMime } from '../../shared/documents/kinds';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { savePdf, saveFile } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { base64ToBlob, formatBytes, makeThumbnail } from './files';
import { ImagePane } from './ImagePane';
import { base64ToBytes, openPdf, type PdfDocument } from './pdf';
import { documentKeys } from './keys';
import { TagFields, type TagValues } from './TagFields';
import { formatTeeth, parseTeeth } from './teeth';
import { useNotation } from './useNotation';

export function useDocumentName() {
  const { t } = useTranslation();
  const time = usePracticeTime();
  return (doc: Pick<DocumentSummary, 'kind' | 'takenOn'>) => t('patientDocuments.viewerTitle', { kind: t(`patientDocuments.kinds.${doc.kind}`), date: time.day(doc.takenOn) });
}

/** A PDF opened by pdf.js from the bytes in memory, closed when the viewer goes. */
function usePdf(dataBase64: string | null) {
  const [state, setState] = useState<{ pdf: PdfDocument | null; failed: boolean }>({ pdf: null, failed: false });
  useEffect(() => {
    if (!dataBase64) return;
    let live = true;
    let opened: PdfDocument | null = null;
    setState({ pdf: null, failed: false });
    openPdf(base64ToBytes(dataBase64)).then(
      (pdf) => {
        opened = pdf;
        if (live) setState({ pdf, failed: false });
        else void pdf.destroy();
      },
      () => live && setState({ pdf: null, failed: true }),
    );
    return () => {
      live = false;
      if (opened) void opened.destroy();
    };
  }, [dataBase64]);
  return state;
}

/** The file of a document, fetched once (audited as a view in main) and kept in memory: a blob URL for an image, pdf.js's document for a PDF. */
export function useDocumentFile(documentId: string) {
  const client = useClient();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: documentKeys.file(documentId), queryFn: () => client['documents.get']({ documentId }), staleTime: 30_000, retry: false });
  const url = useMemo(() => (query.data && isImageMime(query.data.document.mime) ? URL.createObjectURL(base64ToBlob(query.data.dataBase64, query.data.document.mime)) : null), [query.data]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const pdf = usePdf(query.data?.document.mime === 'application/pdf' ? query.data.dataBase64 : null);
  // A folder import has no thumbnail yet: the first workstation to open it makes one, in memory.
  const thumbnail = useMutation({
    mutationFn: async (blob: Blob) => {
      const made = await makeThumbnail(blob);
      if (made) await client['documents.setThumbnail']({ documentId, thumbnail: made.thumbnail, width: made.width, height: made.height });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['documents', 'list'] }),
  });
  const data = query.data;
  useEffect(() => {
    if (data && !data.document.thumbnail && !data.document.voided && thumbnail.isIdle) thumbnail.mutate(base64ToBlob(data.dataBase64, data.document.mime));
  }, [data, thumbnail]);
  return { query, url, pdf };
}

export function useAnnotate(documentId: string) {
  const client = useClient();
  const queryClient = useQueryClient();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: documentKeys.file(documentId) }), queryClient.invalidateQueries({ queryKey: ['documents', 'list'] })]);
  const save = useMutation({
    mutationFn: ({ shape, page = 1 }: { shape: AnnotationShape; page?: number }) => client['documents.annotations.save']({ annotationId: uuidv7(), documentId, page, shape }),
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (annotationId: string) => client['documents.annotations.remove']({ annotationId }), onSuccess: refresh });
  return { save, remove };
}

export function AnnotationList({ annotations, onRemove, busy, paged = false }: { annotations: readonly Annotation[]; onRemove?: (id: string) => void; busy: boolean; paged?: boolean }) {
  const { t } = useTranslation();
  const shape = (a: Annotation) => (a.shape.kind === 'text' ? t('patientDocuments.annotationItem.text', { text: a.shape.text }) : t(`patientDocuments.annotationItem.${a.shape.kind}`));
  // On a PDF each one says its page, so the list reads right whichever page is showing.
  const what = (a: Annotation) => (paged ? t('patientDocuments.pdf.annotationOnPage', { what: shape(a), page: a.page }) : shape(a));
  return (
    <section className="annotation-list" aria-label={t('patientDocuments.annotationsTitle')}>
      <h3 className="section-title">{t('patientDocuments.annotationsTitle')}</h3>
      {annotations.length === 0 ? <p className="muted">{t('patientDocuments.noAnnotations')}</p> : null}
      <ul>
        {annotations.map((a) => (
          <li key={a.id}>
            <span>{t('patientDocuments.annotationBy', { what: what(a), by: a.createdBy ?? t('patientDocuments.someone') })}</span>
            {onRemove ? (
              <Button size="sm" variant="ghost" busy={busy} onClick={() => onRemove(a.id)}>
                {t('patientDocuments.removeAnnotation', { what: what(a) })}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface ViewerProps {
  documentId: string;
  canWrite: boolean;
  canAnnotate: boolean;
  canWriteClinical: boolean;
  onClose: () => void;
  onPainted?: () => void;
}

/** One document: the image, or the PDF a page at a time, with its controls and annotations; its details; voiding. */
export function DocumentViewer({ documentId, canWrite, canAnnotate, canWriteClinical, onClose, onPainted }: ViewerProps) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  const notation = useNotation();
  const name = useDocumentName();
  const { query, url, pdf } = useDocumentFile(documentId);
  const annotate = useAnnotate(documentId);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<TagValues | null>(null);
  const [teethError, setTeethError] = useState<string | undefined>();
  const [voiding, setVoiding] = useState(false);
  const [reason, setReason] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const doc = query.data?.document;

  const saveTags = useMutation({
    mutationFn: (values: TagValues) => {
      const parsed = parseTeeth(values.teethText, notation);
      if (parsed.bad) {
        setTeethError(t('patientDocuments.badTeeth', { tooth: parsed.bad }));
        return Promise.reject(new Error('teeth'));
      }
      setTeethError(undefined);
      return client['documents.update']({ documentId, kind: values.kind, takenOn: values.takenOn, teeth: parsed.teeth });
    },
    onSuccess: async () => {
      setEditing(null);
      setNotice(t('patientDocuments.tagsSaved'));
      await queryClient.invalidateQueries({ queryKey: documentKeys.all });
    },
  });
  const voidDoc = useMutation({
    mutationFn: () => client['documents.void']({ documentId, reason }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: documentKeys.all });
      onClose();
    },
  });
  const save = useMutation({
    mutationFn: () => {
      const data = query.data!;
      return data.document.mime === 'application/pdf' ? savePdf(data.document.fileName, data.dataBase64) : saveFile(data.document.fileName, base64ToBlob(data.dataBase64, data.document.mime));
    },
  });

  const title = doc ? name(doc) : t('patientDocuments.loading');
  const isPdf = doc?.mime === 'application/pdf';
  const mayVoid = doc && canWrite && (!['radiograph', 'intraoral_photo'].includes(doc.kind) || canWriteClinical);
  return (
    <Dialog label={title} onClose={onClose} className="document-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{title}</h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('patientDocuments.close')}
        </Button>
      </header>
      <div className="dialog-body document-viewer">
        {query.isPending ? <Loading /> : null}
        {query.isError ? <ErrorNotice error={query.error} /> : null}
        {doc && query.data ? (
          <>
            <p className="muted">
              {t('patientDocuments.fileInfo', { name: doc.fileName, size: formatBytes(doc.byteSize, currentLanguage()), by: doc.createdBy ?? t('patientDocuments.someone') })}
              {doc.teeth.length ? ` · ${t('patientDocuments.teethShort', { teeth: formatTeeth(doc.teeth, notation) })}` : ''}
            </p>
            {url ? <ImagePane src={url} name={doc.fileName} annotations={query.data.annotations} onAnnotate={canAnnotate ? (shape) => annotate.save.mutate({ shape }) : undefined} onPainted={onPainted} /> : null}
            {pdf.pdf ? (
              <ImagePane
                pdf={{ document: pdf.pdf, page, onPage: setPage }}
                name={doc.fileName}
                annotations={query.data.annotations.filter((a) => a.page === page)}
                onAnnotate={canAnnotate ? (shape) => annotate.save.mutate({ shape, page }) : undefined}
                onPainted={onPainted}
              />
            ) : null}
            {isPdf && !pdf.pdf && !pdf.failed ? <Loading /> : null}
            {isPdf && pdf.failed ? <Alert tone="warning">{t('patientDocuments.pdf.openFailed')}</Alert> : null}
            {annotate.save.isError ? <Alert tone="error">{errorMessage(annotate.save.error)}</Alert> : null}
            <p role="status" className="muted">
              {annotate.save.isSuccess ? t('patientDocuments.annotationSaved') : (notice ?? '')}
            </p>
            {url || pdf.pdf ? <AnnotationList annotations={query.data.annotations} paged={isPdf} onRemove={canAnnotate ? (id) => annotate.remove.mutate(id) : undefined} busy={annotate.remove.isPending} /> : null}
            <div className="document-actions">
              <Button size="sm" busy={save.isPending} onClick={() => save.mutate()}>
                {t('patientDocuments.download')}
              </Button>
              {canWrite && !editing ? (
                <Button size="sm" onClick={() => setEditing({ kind: doc.kind, takenOn: doc.takenOn, teethText: formatTeeth(doc.teeth, notation) })}>
                  {t('patientDocuments.editTags')}
                </Button>
              ) : null}
              {mayVoid && !voiding ? (
                <Button size="sm" variant="danger" onClick={() => setVoiding(true)}>
                  {t('patientDocuments.voidDocument')}
                </Button>
              ) : null}
            </div>
            <SavedFileNotice file={save.data} />
            {editing ? (
              <form
                className="document-edit"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveTags.mutate(editing);
                }}
              >
                <TagFields value={editing} onChange={setEditing} notation={notation} teethError={teethError} />
                {saveTags.isError && !teethError ? <Alert tone="error">{errorMessage(saveTags.error)}</Alert> : null}
                <div className="form-actions">
                  <Button type="submit" variant="primary" busy={saveTags.isPending}>
                    {t('patientDocuments.saveTags')}
                  </Button>
                  <Button onClick={() => setEditing(null)}>{t('patientDocuments.cancel')}</Button>
                </div>
              </form>
            ) : null}
            {voiding ? (
              <form
                className="document-edit"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (reason.trim()) voidDoc.mutate();
                }}
              >
                <Field label={t('patientDocuments.voidReason')}>{(control) => <input {...control} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />}</Field>
                {voidDoc.isError ? <Alert tone="error">{errorMessage(voidDoc.error)}</Alert> : null}
                <div className="form-actions">
                  <Button type="submit" variant="danger" busy={voidDoc.isPending} aria-disabled={!reason.trim() || undefined}>
                    {t('patientDocuments.voidConfirm')}
                  </Button>
                  <Button onClick={() => setVoiding(false)}>{t('patientDocuments.cancel')}</Button>
                </div>
              </form>
            ) : null}
            {doc.voided ? <Alert tone="warning">{t('patientDocuments.voidedBadge', { reason: doc.voided.reason })}</Alert> : null}
            <p className="muted">{time.dateTime(doc.createdAt)}</p>
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Two radiographs side by side, each with its own zoom, filters and annotations. */
export function CompareDialog({ ids, canAnnotate, onClose }: { ids: readonly [string, string]; canAnnotate: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog label={t('patientDocuments.compareTitle')} onClose={onClose} className="document-dialog document-compare">
      <header className="dialog-header">
        <h2 className="dialog-title">{t('patientDocuments.compareTitle')}</h2>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('patientDocuments.close')}
        </Button>
      </header>
      <div className="dialog-body compare-grid">
        <ComparePane documentId={ids[0]} side="compareLeft" canAnnotate={canAnnotate} />
        <ComparePane documentId={ids[1]} side="compareRight" canAnnotate={canAnnotate} />
      </div>
    </Dialog>
  );
}

function ComparePane({ documentId, side, canAnnotate }: { documentId: string; side: 'compareLeft' | 'compareRight'; canAnnotate: boolean }) {
  const { t } = useTranslation();
  const name = useDocumentName();
  const { query, url } = useDocumentFile(documentId);
  const annotate = useAnnotate(documentId);
  const doc = query.data?.document;
  const label = doc ? t(`patientDocuments.${side}`, { name: `${name(doc)} · ${doc.fileName}` }) : t('patientDocuments.loading');
  return (
    <section className="compare-pane" aria-label={label}>
      <h3 className="section-title">{label}</h3>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorNotice error={query.error} /> : null}
      {doc && url && query.data ? (
        <>
          <ImagePane compact src={url} name={name(doc)} annotations={query.data.annotations} onAnnotate={canAnnotate ? (shape) => annotate.save.mutate({ shape }) : undefined} />
          {annotate.save.isError ? <Alert tone="error">{errorMessage(annotate.save.error)}</Alert> : null}
          <AnnotationList annotations={query.data.annotations} onRemove={canAnnotate ? (id) => annotate.remove.mutate(id) : undefined} busy={annotate.remove.isPending} />
        </>
      ) : null}
    </section>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { v7 as uuidv7 } from 'uuid';
import type { Notation } from '../../shared/chart/teeth';
import { AppError } from '../../shared/contract';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MAX_MB } from '../../shared/documents/kinds';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Spinner } from '../ui/Spinner';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { makeThumbnail, toBase64 } from './files';
import { documentKeys } from './keys';
import { TagFields, type TagValues } from './TagFields';
import { parseTeeth } from './teeth';

const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

/**
 * Attaching: the type, date and teeth first, then files from the picker or
 * dropped on the zone. Each file goes in its own call (a retry has no second
 * effect: the id is made here), with a thumbnail drawn on a canvas in memory.
 */
export function AttachForm({ patientId, notation, onAttached }: { patientId: string; notation: Notation; onAttached?: (ms: number) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  const today = time.dayOf(new Date().toISOString());
  const [tags, setTags] = useState<TagValues>({ kind: 'radiograph', takenOn: today, teethText: '' });
  const [teethError, setTeethError] = useState<string | undefined>();
  const [over, setOver] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const attach = useMutation({
    mutationFn: async (files: File[]) => {
      const parsed = parseTeeth(tags.teethText, notation);
      if (parsed.bad) {
        setTeethError(t('patientDocuments.badTeeth', { tooth: parsed.bad }));
        return 0;
      }
      setTeethError(undefined);
      const failed: string[] = [];
      let attached = 0;
      for (const file of files) {
        setCurrent(file.name);
        const started = performance.now();
        try {
          if (file.size > DOCUMENT_MAX_BYTES) throw new AppError('VALIDATION', 'patientDocuments.errors.tooLarge', { params: { limitMb: DOCUMENT_MAX_MB } });
          if (file.size === 0) throw new AppError('VALIDATION', 'patientDocuments.errors.empty');
          const [dataBase64, thumb] = await Promise.all([toBase64(file), makeThumbnail(file)]);
          await client['documents.attach']({
            documentId: uuidv7(),
            patientId,
            fileName: file.name,
            dataBase64,
            takenOn: tags.takenOn || today,
            kind: tags.kind,
            teeth: parsed.teeth,
            thumbnail: thumb?.thumbnail ?? null,
            width: thumb?.width ?? null,
            height: thumb?.height ?? null,
          });
          attached++;
          onAttached?.(performance.now() - started);
        } catch (error) {
          failed.push(t('patientDocuments.fileFailed', { name: file.name, error: errorMessage(error) }));
        }
      }
      setFailures(failed);
      return attached;
    },
    onMutate: () => {
      setDone(null);
      setFailures([]);
    },
    onSettled: async (attached) => {
      setCurrent(null);
      if (attached) setDone(attached);
      await queryClient.invalidateQueries({ queryKey: documentKeys.all });
    },
  });

  const take = (list: FileList | null) => {
    const files = list ? [...list] : [];
    if (files.length && !attach.isPending) attach.mutate(files);
  };

  return (
    <section className="document-attach" aria-labelledby="documents-attach-title">
      <h3 id="documents-attach-title" className="section-title">
        {t('patientDocuments.attachTitle')}
      </h3>
      <TagFields value={tags} onChange={setTags} notation={notation} teethError={teethError} />
      <div
        className={`drop-zone${over ? ' drop-zone-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          take(e.dataTransfer.files);
        }}
      >
        <label className={`btn btn-primary btn-sm file-button${attach.isPending ? ' file-button-busy' : ''}`}>
          <input
            ref={input}
            type="file"
            multiple
            className="sr-only"
            accept={ACCEPT}
            onChange={(e) => {
              const files = e.target.files;
              take(files);
              e.target.value = '';
            }}
          />
          {attach.isPending ? <Spinner /> : null}
          {t('patientDocuments.choose')}
        </label>
        <span className="muted">{t('patientDocuments.dropHere')}</span>
      </div>
      <p className="field-hint">{t('patientDocuments.attachHint', { limitMb: DOCUMENT_MAX_MB })}</p>
      <p role="status" className="muted">
        {current ? t('patientDocuments.attaching', { name: current }) : done ? t('patientDocuments.attached', { count: done }) : ''}
      </p>
      {failures.length ? (
        <Alert tone="error">
          <ul className="plain-list">
            {failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
    </section>
  );
}

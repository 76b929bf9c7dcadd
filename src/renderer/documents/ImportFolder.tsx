import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../shared/contract/patients';
import { DOCUMENT_MAX_MB } from '../../shared/documents/kinds';
import { useClient } from '../app/client';
import { translateKey } from '../app/i18n';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { documentKeys } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

/**
 * The watched import folder as this patient's documents tab sees it: while
 * the tab is open, what the X-ray software exports is imported for this
 * patient; the admin names the folder here. Files that arrived with no
 * patient open wait in the inbox below, to be assigned.
 */
export function ImportFolder({ patient, canManage }: { patient: PatientRecord; canManage: boolean }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: documentKeys.folder(), queryFn: () => client['documents.folder.get']({}), refetchInterval: 5000 });
  const [path, setPath] = useState<string | null>(null);

  // This workstation shows this patient's documents: imports come here until the tab closes.
  useEffect(() => {
    void client['documents.folder.target']({ patientId: patient.id }).catch(() => undefined);
    return () => void client['documents.folder.target']({ patientId: null }).catch(() => undefined);
  }, [client, patient.id]);

  const save = useMutation({
    mutationFn: (next: string | null) => client['documents.folder.set']({ path: next }),
    onSuccess: (data) => {
      queryClient.setQueryData(documentKeys.folder(), data);
      setPath(null);
    },
  });
  const scan = useMutation({
    mutationFn: () => client['documents.folder.scan']({}),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: documentKeys.all })]),
  });

  const folder = status.data;
  const problem = folder?.problem;
  return (
    <section className="import-folder" aria-labelledby="documents-folder-title">
      <h3 id="documents-folder-title" className="section-title">
        {t('patientDocuments.folder.title')}
      </h3>
      {folder?.path ? (
        <p>
          {t('patientDocuments.folder.watching', { path: folder.path })} {folder.imported ? t('patientDocuments.folder.imported', { count: folder.imported }) : null}
        </p>
      ) : (
        <p className="muted">{t('patientDocuments.folder.none')}</p>
      )}
      {problem ? (
        <Alert tone="warning">
          {problem.messageKey.startsWith('patientDocuments.errors.')
            ? t('patientDocuments.folder.refused', { file: problem.fileName ?? '', error: translateKey(problem.messageKey, { limitMb: DOCUMENT_MAX_MB }) })
            : translateKey(problem.messageKey, { file: problem.fileName ?? '' })}
        </Alert>
      ) : null}
      <div className="form-actions">
        {folder?.path ? (
          <Button size="sm" busy={scan.isPending} onClick={() => scan.mutate()}>
            {t('patientDocuments.folder.scan')}
          </Button>
        ) : null}
        <p role="status" className="muted">
          {scan.data?.imported ? t('patientDocuments.folder.scanned', { count: scan.data.imported }) : ''}
        </p>
      </div>
      {canManage ? (
        <form
          className="folder-form"
          onSubmit={(e) => {
            e.preventDefault();
            const next = (path ?? folder?.path ?? '').trim();
            if (next) save.mutate(next);
          }}
        >
          <Field label={t('patientDocuments.folder.path')} optional error={save.isError ? errorMessage(save.error) : undefined}>
            {(control) => <input maxLength={maxLengthAt(contract['documents.folder.set'].input, 'path')} {...control} value={path ?? folder?.path ?? ''} onChange={(e) => setPath(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <Button type="submit" size="sm" busy={save.isPending && save.variables !== null}>
              {t('patientDocuments.folder.save')}
            </Button>
            {folder?.path ? (
              <Button size="sm" variant="ghost" busy={save.isPending && save.variables === null} onClick={() => save.mutate(null)}>
                {t('patientDocuments.folder.stop')}
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** Unfiled imports: assigned to the open patient with one button each. */
export function Inbox({ patient }: { patient: PatientRecord }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  // No polling: every read is audited; an import announces itself (documents.changed) and the list refetches then.
  const inbox = useQuery({ queryKey: documentKeys.inbox(), queryFn: () => client['documents.inbox']({}) });
  const assign = useMutation({
    mutationFn: (documentId: string) => client['documents.update']({ documentId, patientId: patient.id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentKeys.all }),
  });
  if (!inbox.data?.length) return null;
  return (
    <section className="document-inbox" aria-labelledby="documents-inbox-title">
      <h3 id="documents-inbox-title" className="section-title">
        {t('patientDocuments.inboxTitle')}
      </h3>
      <p className="muted">{t('patientDocuments.inboxHint')}</p>
      <ul className="plain-list">
        {inbox.data.map((doc) => (
          <li key={doc.id}>
            <span>
              {doc.fileName} · {time.dateTime(doc.createdAt)}
            </span>{' '}
            <Button size="sm" busy={assign.isPending && assign.variables === doc.id} onClick={() => assign.mutate(doc.id)}>
              {t('patientDocuments.assignHere', { name: doc.fileName })}
            </Button>
          </li>
        ))}
      </ul>
      {assign.isError ? <Alert tone="error">{errorMessage(assign.error)}</Alert> : null}
      <p role="status" className="muted">
        {assign.isSuccess && assign.data ? t('patientDocuments.assigned', { name: assign.data.fileName }) : ''}
      </p>
    </section>
  );
}

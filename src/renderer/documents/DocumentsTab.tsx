import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTooth, parseTooth } from '../../shared/chart/teeth';
import type { DocumentSummary } from '../../shared/contract/documents';
import { isImageMime } from '../../shared/documents/kinds';
import { useClient } from '../app/client';
import type { PatientTabProps } from '../patients/tabs/types';
import { Button } from '../ui/Button';
import { Icon } from '../ui/Icon';
import { QueryState } from '../ui/QueryState';
import { usePracticeTime } from '../ui/format';
import { AttachForm } from './AttachForm';
import { CompareDialog, DocumentViewer, useDocumentName } from './DocumentViewer';
import { ImportFolder, Inbox } from './ImportFolder';
import { clearToothRequest, documentKeys, useToothRequest } from './keys';
import { formatTeeth } from './teeth';
import { useMissingThumbnails } from './useMissingThumbnails';
import { useNotation } from './useNotation';
import './documents.css';

/**
 * The patient's documents: attach (picker, drop, the watched folder),
 * thumbnails filtered by tooth, the viewer and a side-by-side comparison.
 */
export function DocumentsTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const notation = useNotation();
  const canWrite = permissions.includes('patients.write');
  const canSeeClinical = permissions.includes('clinical.read');
  const canWriteClinical = permissions.includes('clinical.write');
  const request = useToothRequest();
  const [tooth, setTooth] = useState<string | null>(() => (request && request.patientId === patient.id ? request.tooth : null));
  const [toothText, setToothText] = useState('');
  const [showVoided, setShowVoided] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<string | null>(null);
  const [comparing, setComparing] = useState<[string, string] | null>(null);

  // The chart's request, taken once: on opening, or while this tab is already showing.
  useEffect(() => {
    if (request && request.patientId === patient.id) {
      setTooth(request.tooth);
      clearToothRequest();
    }
  }, [request, patient.id]);
  useEffect(() => setToothText(tooth ? formatTooth(tooth, notation) : ''), [tooth, notation]);

  const list = useQuery({
    queryKey: documentKeys.list(patient.id, tooth, showVoided),
    queryFn: () => client['documents.list']({ patientId: patient.id, ...(tooth ? { tooth } : {}), includeVoided: showVoided }),
  });

  useMissingThumbnails(list.data, canWrite);

  const toggle = (id: string) => setSelected((now) => (now.includes(id) ? now.filter((x) => x !== id) : [...now.slice(-1), id]));
  const compareIds = selected.length === 2 ? ([selected[0]!, selected[1]!] as [string, string]) : null;

  return (
    <div className="documents-tab">
      {canWrite ? <AttachForm patientId={patient.id} notation={notation} /> : null}
      {canWrite ? <Inbox patient={patient} /> : null}
      <section className="document-list" aria-labelledby="documents-list-title">
        <h3 id="documents-list-title" className="section-title">
          {t('patientDocuments.list')}
        </h3>
        <div className="document-filters">
          <form
            className="field-inline"
            onSubmit={(e) => {
              e.preventDefault();
              const parsed = toothText.trim() ? parseTooth(toothText.trim(), notation) : null;
              setTooth(parsed);
            }}
          >
            <label className="field-inline">
              <span>{t('patientDocuments.filterTooth')}</span>
              <input size={4} value={toothText} onChange={(e) => setToothText(e.target.value)} />
            </label>
          </form>
          {tooth ? (
            <p role="status" className="document-filtered">
              {t('patientDocuments.filteredBy', { tooth: formatTooth(tooth, notation) })}{' '}
              <Button size="sm" variant="ghost" onClick={() => setTooth(null)}>
                {t('patientDocuments.clearFilter')}
              </Button>
            </p>
          ) : null}
          <label className="field-inline">
            <input type="checkbox" checked={showVoided} onChange={(e) => setShowVoided(e.target.checked)} />
            <span>{t('patientDocuments.showVoided')}</span>
          </label>
          <Button size="sm" variant="primary" disabled={!compareIds} onClick={() => compareIds && setComparing(compareIds)}>
            {t('patientDocuments.compare')}
          </Button>
          <span className="muted">{t('patientDocuments.compareHint')}</span>
        </div>
        <QueryState query={list}>
          {(documents) =>
            documents.length === 0 ? (
              <p className="muted">{tooth ? t('patientDocuments.emptyTooth', { tooth: formatTooth(tooth, notation) }) : t('patientDocuments.empty')}</p>
            ) : (
              <ul className="document-grid">
                {documents.map((doc) => (
                  <DocumentCard key={doc.id} doc={doc} notation={notation} selected={selected.includes(doc.id)} canCompare={canSeeClinical || !doc.restricted} onToggle={() => toggle(doc.id)} onOpen={() => setOpen(doc.id)} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
      {canWrite ? <ImportFolder patient={patient} canManage={permissions.includes('settings.manage')} /> : null}
      {open ? <DocumentViewer documentId={open} canWrite={canWrite} canAnnotate={canWriteClinical} canWriteClinical={canWriteClinical} onClose={() => setOpen(null)} /> : null}
      {comparing ? <CompareDialog ids={comparing} canAnnotate={canWriteClinical} onClose={() => setComparing(null)} /> : null}
    </div>
  );
}

function DocumentCard({ doc, notation, selected, canCompare, onToggle, onOpen }: { doc: DocumentSummary; notation: ReturnType<typeof useNotation>; selected: boolean; canCompare: boolean; onToggle: () => void; onOpen: () => void }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const name = useDocumentName();
  const label = name(doc);
  const thumbnail = useMemo(() => (doc.thumbnail ? `data:${doc.thumbnail.mime};base64,${doc.thumbnail.dataBase64}` : null), [doc.thumbnail]);
  return (
    <li className={`document-card${doc.voided ? ' document-voided' : ''}`}>
      {doc.restricted ? (
        <div className="document-thumb document-thumb-restricted">
          <Icon name="lock" size={28} />
          <span className="muted">{t('patientDocuments.restricted')}</span>
        </div>
      ) : (
        <button type="button" className="document-thumb" onClick={onOpen} aria-label={t('patientDocuments.open', { kind: t(`patientDocuments.kinds.${doc.kind}`), date: time.day(doc.takenOn) })}>
          {thumbnail ? <img src={thumbnail} alt="" /> : <Icon name={doc.mime === 'application/pdf' ? 'file' : 'image'} size={36} />}
        </button>
      )}
      <div className="document-caption">
        <strong>{label}</strong>
        <span className="muted">{doc.fileName}</span>
        {doc.teeth.length ? <span>{t('patientDocuments.teethShort', { teeth: formatTeeth(doc.teeth, notation) })}</span> : null}
        {doc.annotationCount ? <span className="muted">{t('patientDocuments.annotations', { count: doc.annotationCount })}</span> : null}
        {doc.voided ? <span className="document-void-badge">{t('patientDocuments.voidedBadge', { reason: doc.voided.reason })}</span> : null}
        {isImageMime(doc.mime) && canCompare && !doc.restricted && !doc.voided ? (
          <label className="field-inline">
            <input type="checkbox" checked={selected} onChange={onToggle} />
            <span>{t('patientDocuments.compareSelect', { name: label })}</span>
          </label>
        ) : null}
      </div>
    </li>
  );
}

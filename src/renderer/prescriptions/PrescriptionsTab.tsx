import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AllergyWarningOut, Medicine, Prescription, PrescriptionItem } from '../../shared/contract/prescriptions';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { type SavedFile, savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import { legalName } from '../patients/names';
import type { PatientTabProps } from '../patients/tabs/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { WarningList } from './WarningList';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

type Line = Omit<PrescriptionItem, 'classes'> & { classes: PrescriptionItem['classes']; key: string };

const rxKey = (patientId: string) => ['prescriptions', patientId] as const;

function lineFrom(m: Medicine, language: Language): Line {
  return {
    key: crypto.randomUUID(),
    medicineId: m.id,
    drug: m.name[language],
    strength: m.strength,
    dose: m.dose[language],
    frequency: m.frequency[language],
    duration: m.duration[language],
    instructions: '',
    classes: m.classes,
  };
}

function blankLine(): Line {
  return { key: crypto.randomUUID(), medicineId: null, drug: '', strength: '', dose: '', frequency: '', duration: '', instructions: '', classes: [] };
}

/** The patient's prescriptions (recetas): the list, printing, voiding and reissuing, and writing a new one. */
export function PrescriptionsTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const time = usePracticeTime();
  const canWrite = permissions.includes('prescriptions.write');
  const list = useQuery({ queryKey: rxKey(patient.id), queryFn: () => client['prescriptions.list']({ patientId: patient.id }) });
  const [writing, setWriting] = useState<{ replaces: Prescription | null } | null>(null);
  const [voiding, setVoiding] = useState<Prescription | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const print = useMutation({
    mutationFn: async (id: string) => {
      const pdf = await client['prescriptions.print']({ prescriptionId: id });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
    onSuccess: (file) => setSaved(file),
  });
  const [saved, setSaved] = useState<SavedFile | undefined>(undefined);
  const name = legalName(patient);

  return (
    <div className="rx-tab">
      {writing ? (
        <PrescriptionForm
          patientId={patient.id}
          patientName={name}
          replaces={writing.replaces}
          onDone={(file) => {
            setWriting(null);
            if (file) setSaved(file);
            // The form that had the keyboard is gone: the list's heading takes it, and the saved file is announced.
            window.requestAnimationFrame(() => heading.current?.focus());
          }}
        />
      ) : null}
      <section className="card" aria-labelledby="rx-list-title">
        <h3 id="rx-list-title" ref={heading} tabIndex={-1} className="card-title">
          {t('rx.heading')}
        </h3>
        {canWrite ? (
          !writing ? (
            <Button variant="primary" icon="edit" onClick={() => setWriting({ replaces: null })}>
              {t('rx.new')}
            </Button>
          ) : null
        ) : (
          <p className="muted">{t('rx.cannotWrite')}</p>
        )}
        <SavedFileNotice file={saved} />
        {print.error ? <Alert tone="error">{errorMessage(print.error)}</Alert> : null}
        <QueryState query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="muted">{t('rx.empty')}</p>
            ) : (
              <ul className="rx-list" aria-label={t('rx.listLabel', { name })}>
                {rows.map((rx) => {
                  const date = time.day(rx.issuedDate);
                  return (
                    <li key={rx.id} className={rx.void ? 'rx-item row-muted' : 'rx-item'}>
                      <p>
                        <strong>{t('rx.by', { date, provider: rx.providerName })}</strong> {rx.void ? <span className="badge badge-warning">{t('rx.void')}</span> : null}{' '}
                        {rx.replacedById ? <span className="badge">{t('rx.replacedBy')}</span> : null} {rx.replacesId ? <span className="badge badge-accent">{t('rx.replaces')}</span> : null}
                      </p>
                      <ul className="rx-drugs">
                        {rx.items.map((item, i) => (
                          <li key={i}>
                            {[item.drug, item.strength].filter(Boolean).join(' ')} — {item.dose}, {item.frequency}, {item.duration}
                          </li>
                        ))}
                      </ul>
                      {rx.overriddenWarnings.length ? (
                        <p className="muted">{t('rx.overrode', { alerts: [...new Set(rx.overriddenWarnings.map((w) => (w.alert === 'allergy_text' ? t('medicalHistory.allergies') : t(`alerts.${w.alert}`))))].join(', ') })}</p>
                      ) : null}
                      {rx.void ? <p className="muted">{t('rx.voided', { at: time.dateTime(rx.void.at), by: rx.void.byName ?? '—', reason: rx.void.reason })}</p> : null}
                      <div className="form-actions form-actions-start">
                        <Button size="sm" icon="download" aria-label={t('rx.printOf', { date })} busy={print.isPending && print.variables === rx.id} onClick={() => print.mutate(rx.id)}>
                          {t('rx.print')}
                        </Button>
                        {canWrite && !rx.void ? (
                          <Button size="sm" variant="ghost" aria-label={t('rx.voidOf', { date })} onClick={() => setVoiding(rx)}>
                            {t('rx.void')}
                          </Button>
                        ) : null}
                        {canWrite && rx.void && !rx.replacedById ? (
                          <Button size="sm" aria-label={t('rx.reissueOf', { date })} onClick={() => setWriting({ replaces: rx })}>
                            {t('rx.reissue')}
                          </Button>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            )
          }
        </QueryState>
      </section>
      {voiding ? <VoidDialog rx={voiding} onClose={() => setVoiding(null)} /> : null}
    </div>
  );
}

function VoidDialog({ rx, onClose }: { rx: Prescription; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  const [reason, setReason] = useState('');
  const title = t('rx.voidTitle', { date: time.day(rx.issuedDate) });
  const mutation = useMutation({
    mutationFn: () => client['prescriptions.void']({ prescriptionId: rx.id, reason }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: rxKey(rx.patientId) });
      onClose();
    },
  });
  return (
    <Dialog label={title} onClose={onClose} className="confirm-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{title}</h2>
      </header>
      <form
        className="dialog-body"
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        <label className="field-label" htmlFor="rx-void-reason">
          {t('rx.voidReason')}
        </label>
        <textarea maxLength={maxLengthAt(contract['prescriptions.void'].input, 'reason')} id="rx-void-reason" className="input" rows={3} value={reason} aria-required onChange={(e) => setReason(e.target.value)} />
        {mutation.error ? <Alert tone="error">{errorMessage(mutation.error)}</Alert> : null}
        <div className="confirm-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="danger" busy={mutation.isPending}>
            {t('rx.voidConfirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

const FIELDS = ['drug', 'strength', 'dose', 'frequency', 'duration', 'instructions'] as const;

function PrescriptionForm({ patientId, patientName, replaces, onDone }: { patientId: string; patientName: string; replaces: Prescription | null; onDone: (saved: SavedFile | null) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const time = usePracticeTime();
  const language = currentLanguage();
  const medicines = useQuery({ queryKey: ['prescriptions', 'medicines'], queryFn: () => client['prescriptions.medicines.list']({}) });
  const [choice, setChoice] = useState('');
  const [lines, setLines] = useState<Line[]>(() => (replaces ? replaces.items.map((i) => ({ ...i, key: crypto.randomUUID() })) : []));
  const [notes, setNotes] = useState(replaces?.notes ?? '');
  const [warnings, setWarnings] = useState<AllergyWarningOut[] | null>(null);
  const [empty, setEmpty] = useState(false);
  const [id] = useState(() => crypto.randomUUID());
  const firstInput = useRef<HTMLInputElement>(null);

  const issue = useMutation({
    mutationFn: async (confirm: string[]) => {
      const result = await client['prescriptions.issue']({
        id,
        patientId,
        language,
        items: lines.map(({ key: _key, ...item }) => item),
        notes,
        confirmWarnings: confirm,
        ...(replaces ? { replacesId: replaces.id } : {}),
      });
      if (result.status === 'warnings') return { warnings: result.warnings, file: null };
      const pdf = await client['prescriptions.print']({ prescriptionId: result.prescription.id });
      return { warnings: null, file: await savePdf(pdf.fileName, pdf.pdfBase64) };
    },
    onSuccess: async (result) => {
      if (result.warnings) {
        setWarnings(result.warnings);
        return;
      }
      setWarnings(null);
      await queryClient.invalidateQueries({ queryKey: rxKey(patientId) });
      onDone(result.file);
    },
  });

  const add = () => {
    const m = medicines.data?.find((x) => x.id === choice);
    if (!m) return;
    setLines((ls) => [...ls, lineFrom(m, language)]);
    setChoice('');
  };
  const update = (key: string, field: (typeof FIELDS)[number], value: string) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, [field]: value } : l)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (lines.length === 0) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    issue.mutate([]);
  };
  const title = replaces ? t('rx.reissueLabel', { date: time.day(replaces.issuedDate) }) : t('rx.formLabel', { name: patientName });

  return (
    <form className="card rx-form" aria-label={title} onSubmit={onSubmit} noValidate>
      <h3 className="card-title">{title}</h3>
      <div className="rx-add">
        <label className="field-label" htmlFor="rx-medicine">
          {t('rx.medicine')}
        </label>
        <select id="rx-medicine" className="select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('rx.chooseMedicine')}</option>
          {medicines.data?.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name[language]} {m.strength}
            </option>
          ))}
        </select>
        <Button icon="edit" onClick={add} aria-disabled={!choice || undefined}>
          {t('rx.addMedicine')}
        </Button>
        <Button variant="ghost" onClick={() => setLines((ls) => [...ls, blankLine()])}>
          {t('rx.addBlank')}
        </Button>
      </div>
      {lines.map((line, i) => (
        <fieldset key={line.key} className="rx-line">
          <legend className="field-label">{t('rx.line', { n: i + 1 })}</legend>
          <div className="form-grid form-grid-3">
            {FIELDS.map((field) => (
              <div key={field} className="field">
                <label className="field-label" htmlFor={`${line.key}-${field}`}>
                  {t(`rx.${field}`)}
                </label>
                <input maxLength={maxLengthAt(contract['prescriptions.issue'].input, `items.[].${field}`)}
                  id={`${line.key}-${field}`}
                  ref={i === 0 && field === 'drug' ? firstInput : undefined}
                  className="input"
                  value={line[field]}
                  aria-required={field === 'strength' || field === 'instructions' ? undefined : true}
                  onChange={(e) => update(line.key, field, e.target.value)}
                />
              </div>
            ))}
          </div>
          <Button size="sm" variant="ghost" icon="close" onClick={() => setLines((ls) => ls.filter((l) => l.key !== line.key))}>
            {t('rx.removeLine', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      {empty ? <Alert tone="warning">{t('rx.noLines')}</Alert> : null}
      <label className="field-label" htmlFor="rx-notes">
        {t('rx.notes')}
      </label>
      <textarea maxLength={maxLengthAt(contract['prescriptions.issue'].input, 'notes')} id="rx-notes" className="input" rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      {issue.error ? <Alert tone="error">{errorMessage(issue.error)}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" icon="download" busy={issue.isPending}>
          {t('rx.issue')}
        </Button>
        <Button onClick={() => onDone(null)}>{t('rx.cancel')}</Button>
      </div>
      {warnings ? (
        <ConfirmDialog
          title={t('rx.warningTitle')}
          confirmLabel={t('rx.warningConfirm')}
          warning={<WarningList warnings={warnings} />}
          onConfirm={() => issue.mutate(warnings.map((w) => `${w.item}:${w.alert}`))}
          onCancel={() => setWarnings(null)}
        >
          <p>{t('rx.warningIntro')}</p>
          <p className="muted">{t('rx.warningAudit')}</p>
        </ConfirmDialog>
      ) : null}
    </form>
  );
}

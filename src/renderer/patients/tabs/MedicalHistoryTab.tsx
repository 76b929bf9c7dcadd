import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { MedicalHistory, medicalHistoryVersionSchema } from '../../../shared/contract/patients';
import type { AlertCode } from '../../../shared/patients/alerts';
import { useClient } from '../../app/client';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Field } from '../../ui/Field';
import { Section } from '../../ui/PanelFrame';
import { QueryState } from '../../ui/QueryState';
import { useInstantParts } from '../../ui/format';
import { fieldErrors, formError } from '../../ui/errors';
import { useFocusFirstInvalid } from '../../ui/useFocusInvalid';
import { AlertBadges } from '../AlertBadges';
import { AlertCheckboxes } from '../AlertCheckboxes';
import { patientKeys, useInvalidatePatients } from '../keys';
import type { PatientTabProps } from './types';
import { medicalHistorySchema } from '../../../shared/contract/patients';
import { maxLengthAt } from '../../../shared/contract/text';

type Version = z.infer<typeof medicalHistoryVersionSchema>;
type TextField = 'allergies' | 'medications' | 'conditions' | 'notes';
const TEXT_FIELDS: readonly TextField[] = ['allergies', 'medications', 'conditions', 'notes'];

function useRecordedLine() {
  const { t } = useTranslation();
  const format = useInstantParts();
  return (version: Version) => {
    const when = format(version.recordedAt);
    const date = `${when.date} ${when.time}`;
    return version.recordedByName ? t('medicalHistory.recordedBy', { name: version.recordedByName, date }) : t('medicalHistory.recordedUnknown', { date });
  };
}

/** One version as read: alerts, then the free-text answers. */
function VersionView({ version }: { version: MedicalHistory }) {
  const { t } = useTranslation();
  return (
    <dl className="facts facts-stacked">
      <dt>{t('medicalHistory.alerts')}</dt>
      <dd>
        <AlertBadges alerts={version.alerts} showEmpty />
      </dd>
      {TEXT_FIELDS.map((field) => (
        <div key={field} className="facts-pair">
          <dt>{t(`medicalHistory.${field}`)}</dt>
          <dd className="pre-line">{version[field] || <span className="muted">{t('medicalHistory.empty')}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What changed from one version to the next, field by field. */
function VersionDiff({ before, after }: { before: Version; after: Version }) {
  const { t } = useTranslation();
  const added = after.alerts.filter((a) => !before.alerts.includes(a));
  const removed = before.alerts.filter((a) => !after.alerts.includes(a));
  return (
    <dl className="facts facts-stacked diff">
      <dt>{t('medicalHistory.alerts')}</dt>
      <dd>
        {added.length === 0 && removed.length === 0 ? (
          <span className="muted">{t('medicalHistory.unchanged')}</span>
        ) : (
          <div className="diff-alerts">
            {added.length > 0 ? (
              <div className="diff-added">
                <span className="diff-label">{t('medicalHistory.added')}</span>
                <AlertBadges alerts={added} compact />
              </div>
            ) : null}
            {removed.length > 0 ? (
              <div className="diff-removed">
                <span className="diff-label">{t('medicalHistory.removed')}</span>
                <AlertBadges alerts={removed} compact />
              </div>
            ) : null}
          </div>
        )}
      </dd>
      {TEXT_FIELDS.map((field) => (
        <div key={field} className="facts-pair">
          <dt>{t(`medicalHistory.${field}`)}</dt>
          <dd>
            {before[field] === after[field] ? (
              <span className="muted">{t('medicalHistory.unchanged')}</span>
            ) : (
              <div className="diff-texts">
                <div className="diff-before">
                  <span className="diff-label">{t('medicalHistory.before')}</span>
                  <p className="pre-line">{before[field] || <span className="muted">{t('medicalHistory.empty')}</span>}</p>
                </div>
                <div className="diff-after">
                  <span className="diff-label">{t('medicalHistory.after')}</span>
                  <p className="pre-line">{after[field] || <span className="muted">{t('medicalHistory.empty')}</span>}</p>
                </div>
              </div>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function RecordVersionForm({ patientId, start, onDone, onCancel }: { patientId: string; start: MedicalHistory | null; onDone: (version: Version) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const invalidate = useInvalidatePatients();
  const formRef = useRef<HTMLFormElement>(null);
  const [alerts, setAlerts] = useState<AlertCode[]>(start?.alerts ?? []);
  const [texts, setTexts] = useState<Record<TextField, string>>({
    allergies: start?.allergies ?? '',
    medications: start?.medications ?? '',
    conditions: start?.conditions ?? '',
    notes: start?.notes ?? '',
  });
  const save = useMutation({
    mutationFn: () => client['patients.medicalHistory.record']({ patientId, history: { alerts, ...texts } }),
    onSuccess: async (version) => {
      await invalidate();
      onDone(version);
    },
  });
  const errors = Object.fromEntries(Object.entries(fieldErrors(save.error)).map(([path, message]) => [path.replace(/^history\./, ''), message]));
  const topError = formError(save.error, Object.keys(fieldErrors(save.error)).filter((p) => /^history\.(alerts|allergies|medications|conditions|notes)$/.test(p)));
  useFocusFirstInvalid(formRef, save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="record-version" aria-label={t('medicalHistory.recordTitle')}>
      <Section title={t('medicalHistory.recordTitle')} description={t('medicalHistory.recordDescription')}>
        <div className="stack">
          <AlertCheckboxes legend={t('medicalHistory.alerts')} value={alerts} onChange={setAlerts} error={errors.alerts} />
          <div className="form-grid">
            {TEXT_FIELDS.map((field) => (
              <Field key={field} label={t(`medicalHistory.${field}`)} error={errors[field]} optional="quiet">
                {(control) => (
                  <textarea maxLength={maxLengthAt(medicalHistorySchema, field)} {...control} className="input textarea" rows={3} value={texts[field]} onChange={(e) => setTexts({ ...texts, [field]: e.target.value })} />
                )}
              </Field>
            ))}
          </div>
        </div>
      </Section>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions">
        <Button variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('medicalHistory.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The versioned medical history: the current answers, every earlier version
 * with who recorded it and when, a comparison with the version before, and a
 * new version for those who may write clinical records.
 */
export function MedicalHistoryTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const recorded = useRecordedLine();
  const canRecord = permissions.includes('clinical.write');
  const history = useQuery({
    queryKey: patientKeys.history(patient.id),
    queryFn: () => client['patients.medicalHistory.list']({ patientId: patient.id }),
  });
  const [recording, setRecording] = useState(false);
  const [selected, setSelected] = useState<{ id: string; compare: boolean } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <QueryState query={history}>
      {(versions) => {
        const current = versions[0] ?? null;
        const chosenIndex = selected ? versions.findIndex((v) => v.id === selected.id) : -1;
        const chosen = chosenIndex >= 0 ? versions[chosenIndex]! : null;
        const previous = chosenIndex >= 0 ? (versions[chosenIndex + 1] ?? null) : null;
        return (
          <div className="medical-tab">
            {notice ? <Alert tone="success">{notice}</Alert> : null}
            {recording ? (
              <RecordVersionForm
                patientId={patient.id}
                start={current}
                onCancel={() => setRecording(false)}
                onDone={(version) => {
                  setRecording(false);
                  setSelected(null);
                  setNotice(t('medicalHistory.saved', { n: version.version }));
                }}
              />
            ) : (
              <Section
                title={current ? `${t('medicalHistory.current')} · ${t('medicalHistory.version', { n: current.version })}` : t('medicalHistory.current')}
                description={current ? recorded(current) : undefined}
              >
                {current ? <VersionView version={current} /> : <p className="muted">{t('medicalHistory.none')}</p>}
                {canRecord ? (
                  <div className="form-actions form-actions-start">
                    <Button
                      variant="primary"
                      size="sm"
                      icon="edit"
                      onClick={() => {
                        setNotice(null);
                        setRecording(true);
                      }}
                    >
                      {t('medicalHistory.record')}
                    </Button>
                  </div>
                ) : null}
              </Section>
            )}

            {versions.length > 0 ? (
              <Section title={t('medicalHistory.historyTitle')} description={t('medicalHistory.historyDescription')}>
                <div className="table-wrap">
                  <table className="table table-dense">
                    <caption className="sr-only">{t('medicalHistory.historyTitle')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('medicalHistory.columns.version')}</th>
                        <th scope="col">{t('medicalHistory.columns.date')}</th>
                        <th scope="col">
                          <span className="sr-only">{t('medicalHistory.columns.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {versions.map((version, index) => (
                        <tr key={version.id} className={selected?.id === version.id ? 'row-selected' : undefined}>
                          <th scope="row" className="nowrap">
                            {t('medicalHistory.version', { n: version.version })}
                            {index === 0 ? <span className="badge badge-accent badge-inline">{t('medicalHistory.current')}</span> : null}
                          </th>
                          <td>{recorded(version)}</td>
                          <td className="cell-actions">
                            <Button
                              size="sm"
                              variant="ghost"
                              aria-label={t('medicalHistory.view', { n: version.version })}
                              aria-pressed={selected?.id === version.id && !selected.compare}
                              onClick={() => setSelected({ id: version.id, compare: false })}
                            >
                              {t('medicalHistory.viewShort')}
                            </Button>
                            {index < versions.length - 1 ? (
                              <Button
                                size="sm"
                                variant="ghost"
                                aria-label={t('medicalHistory.compare', { n: version.version })}
                                aria-pressed={selected?.id === version.id && selected.compare}
                                onClick={() => setSelected({ id: version.id, compare: true })}
                              >
                                {t('medicalHistory.compareShort')}
                              </Button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {chosen ? (
                  <section className="version-detail" aria-labelledby="version-detail-title">
                    <div className="version-detail-head">
                      <h4 id="version-detail-title" className="section-title">
                        {selected?.compare && previous
                          ? t('medicalHistory.comparing', { n: chosen.version, previous: previous.version })
                          : t('medicalHistory.viewing', { n: chosen.version })}
                      </h4>
                      <Button size="sm" variant="ghost" onClick={() => setSelected(null)}>
                        {t('medicalHistory.closeView')}
                      </Button>
                    </div>
                    <p className="muted">{recorded(chosen)}</p>
                    {selected?.compare && previous ? <VersionDiff before={previous} after={chosen} /> : <VersionView version={chosen} />}
                  </section>
                ) : null}
              </Section>
            ) : null}
          </div>
        );
      }}
    </QueryState>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../shared/auth/roles';
import type { PatientRecall, RecallType } from '../../shared/contract/recall';
import { useClient } from '../app/client';
import { useLanguage } from '../schedule-lists/shared';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { DateField } from '../ui/DateField';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { usePracticeTime } from '../ui/format';
import { QueryState } from '../ui/QueryState';

/** Under 'schedule' like the recall list: a completed procedure or a booking refreshes it. */
const patientRecallKey = (patientId: string) => ['schedule', 'recall', 'patient', patientId] as const;

/** The patient's recalls on the Details tab: each one's interval (theirs or the type's) and next date, changeable by the front desk. */
export function PatientRecalls({ patientId, patientName, permissions }: { patientId: string; patientName: string; permissions: readonly Permission[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const time = usePracticeTime();
  const canWrite = permissions.includes('schedule.write');
  const recalls = useQuery({ queryKey: patientRecallKey(patientId), queryFn: () => client['recall.patient.list']({ patientId }) });
  const types = useQuery({ queryKey: ['schedule', 'recall', 'types'], queryFn: () => client['recall.types.list']({}) });
  const [editing, setEditing] = useState<PatientRecall | 'new' | null>(null);
  const [saved, setSaved] = useState(false);
  const open = (what: PatientRecall | 'new') => {
    setSaved(false);
    setEditing(what);
  };

  return (
    <section className="card" aria-labelledby="facts-recalls">
      <h3 id="facts-recalls" className="card-title">
        {t('recall.patient.heading')}
      </h3>
      <QueryState query={recalls}>
        {(rows) => {
          const unused = (types.data ?? []).filter((type) => !rows.some((r) => r.typeId === type.id));
          return (
            <div className="sl-stack">
              {rows.length === 0 ? (
                <p className="muted">{t('recall.patient.empty')}</p>
              ) : (
                <ul className="patient-recalls" aria-label={t('recall.patient.listLabel', { name: patientName })}>
                  {rows.map((r) => (
                    <li key={r.id} aria-label={r.typeName[language]}>
                      <strong>{r.typeName[language]}</strong>
                      {r.active ? null : <span className="badge badge-inline">{t('recall.patient.stopped')}</span>}
                      <div className="muted">
                        {t('recall.patient.every', { months: t('recall.months', { count: r.effectiveIntervalMonths }) })} ({r.intervalMonths === null ? t('recall.patient.typeInterval') : t('recall.patient.ownInterval')})
                      </div>
                      <div>{r.dueDate ? t('recall.patient.dueOn', { date: time.day(r.dueDate) }) : t('recall.patient.noDue')}</div>
                      {r.lastDoneDate ? <div className="muted">{t('recall.patient.lastDone', { date: time.day(r.lastDoneDate) })}</div> : null}
                      {canWrite && editing !== r ? (
                        <Button size="sm" aria-label={t('recall.patient.changeOf', { type: r.typeName[language] })} onClick={() => open(r)}>
                          {t('recall.patient.change')}
                        </Button>
                      ) : null}
                      {editing === r ? (
                        <RecallForm
                          patientId={patientId}
                          recall={r}
                          types={types.data ?? []}
                          onDone={(ok) => {
                            setSaved(ok);
                            setEditing(null);
                          }}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {saved ? <Alert tone="success">{t('recall.patient.saved')}</Alert> : null}
              {canWrite && unused.length > 0 && editing !== 'new' ? (
                <div>
                  <Button size="sm" aria-label={t('recall.patient.addLabel', { name: patientName })} onClick={() => open('new')}>
                    {t('recall.patient.add')}
                  </Button>
                </div>
              ) : null}
              {editing === 'new' ? (
                <RecallForm
                  patientId={patientId}
                  recall={null}
                  types={unused}
                  onDone={(ok) => {
                    setSaved(ok);
                    setEditing(null);
                  }}
                />
              ) : null}
            </div>
          );
        }}
      </QueryState>
    </section>
  );
}

function RecallForm({ patientId, recall, types, onDone }: { patientId: string; recall: PatientRecall | null; types: readonly RecallType[]; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useLanguage();
  const [typeId, setTypeId] = useState(recall?.typeId ?? '');
  const [months, setMonths] = useState(recall?.intervalMonths === null || recall === null ? '' : String(recall.intervalMonths));
  const [dueDate, setDueDate] = useState(recall?.dueDate ?? '');
  const [active, setActive] = useState(recall?.active ?? true);
  const typeInterval = types.find((x) => x.id === typeId)?.intervalMonths ?? (recall ? recall.effectiveIntervalMonths : null);
  const save = useMutation({
    mutationFn: () => {
      const n = Number(months);
      return client['recall.patient.set']({
        patientId,
        typeId,
        // Empty: back to the type's interval. Not a whole number: sent as 0 so main's message shows beside the field.
        intervalMonths: months.trim() === '' ? null : Number.isInteger(n) ? n : 0,
        // Only a changed date is sent, so changing the interval alone lets main work the date out again.
        ...(dueDate !== (recall?.dueDate ?? '') ? { dueDate: dueDate || null } : {}),
        active,
      });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['schedule', 'recall'] });
      onDone(true);
    },
  });
  const errors = fieldErrors(save.error);
  const topError = formError(save.error, ['typeId', 'intervalMonths', 'dueDate']);
  const label = recall ? t('recall.patient.changeOf', { type: recall.typeName[language] }) : t('recall.patient.add');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!save.isPending) save.mutate();
  };
  return (
    <form className="sl-form" noValidate aria-label={label} onSubmit={onSubmit}>
      {recall ? null : (
        <Field label={t('recall.patient.type')} error={errors.typeId}>
          {(control) => (
            <select {...control} className="select" value={typeId} onChange={(e) => setTypeId(e.target.value)}>
              <option value="">{t('recall.patient.chooseType')}</option>
              {types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name[language]}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        label={t('recall.patient.interval')}
        optional
        hint={typeInterval !== null ? t('recall.patient.intervalHint', { months: t('recall.months', { count: typeInterval }) }) : undefined}
        error={errors.intervalMonths}
      >
        {(control) => <input {...control} className="input" type="number" inputMode="numeric" min={1} max={60} step={1} value={months} onChange={(e) => setMonths(e.target.value)} />}
      </Field>
      <Field label={t('recall.patient.dueDate')} optional hint={t('recall.patient.dueDateHint')} error={errors.dueDate}>
        {(control) => <DateField {...control} className="input" value={dueDate} onChange={setDueDate} />}
      </Field>
      <label className="sl-inline">
        <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
        {t('recall.patient.isActive')}
      </label>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions form-actions-start">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('recall.patient.save')}
        </Button>
        <Button onClick={() => onDone(false)}>{t('recall.patient.cancel')}</Button>
      </div>
    </form>
  );
}

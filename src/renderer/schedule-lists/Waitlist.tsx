import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../shared/contract/patients';
import type { TimeOfDay } from '../../shared/schedule/openings';
import { TIMES_OF_DAY } from '../../shared/schedule/openings';
import { useClient } from '../app/client';
import { PatientCombobox } from '../patients/PatientCombobox';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { fullName } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { LISTS_KEY, shortDate, useLanguage, useProviders } from './shared';
import { ResourceSelect } from './ResourceSelect';
import { DateField } from '../ui/DateField';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The ASAP list: patients who want an earlier slot, with their preferences. */
export function Waitlist() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useLanguage();
  const providers = useProviders();
  const list = useQuery({ queryKey: [...LISTS_KEY, 'waitlist'], queryFn: () => client['schedule.waitlist.list']({}) });

  const [patient, setPatient] = useState<{ id: string; name: string } | null>(null);
  const [providerId, setProviderId] = useState('');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [timeOfDay, setTimeOfDay] = useState<TimeOfDay>('any');
  const [fromDate, setFromDate] = useState('');
  const [untilDate, setUntilDate] = useState('');
  const [notes, setNotes] = useState('');
  const [missingPatient, setMissingPatient] = useState(false);

  const add = useMutation({
    mutationFn: () =>
      client['schedule.waitlist.add']({
        patientId: patient!.id,
        providerId: providerId || null,
        typeId: null,
        durationMin: null,
        weekdays,
        timeOfDay,
        fromDate: fromDate || null,
        untilDate: untilDate || null,
        notes,
      }),
    onSuccess: async () => {
      setPatient(null);
      setNotes('');
      setWeekdays([]);
      setFromDate('');
      setUntilDate('');
      await queryClient.invalidateQueries({ queryKey: ['schedule'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => client['schedule.waitlist.remove']({ id, reason: 'not_needed' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['schedule'] }),
  });

  const errors = fieldErrors(add.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!patient) {
      setMissingPatient(true);
      return;
    }
    setMissingPatient(false);
    add.mutate();
  };
  const weekdayName = (d: number) => new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

  return (
    <div className="sl-stack">
      <form className="sl-form" onSubmit={onSubmit} noValidate aria-label={t('scheduleLists.waitlist.formLabel')}>
        <h3 className="section-title">{t('scheduleLists.waitlist.add')}</h3>
        {patient ? (
          <p className="sl-chosen">
            <strong>{patient.name}</strong>{' '}
            <Button size="sm" variant="ghost" onClick={() => setPatient(null)} aria-label={t('scheduleLists.openings.changePatient')}>
              {t('scheduleLists.openings.change')}
            </Button>
          </p>
        ) : (
          <Field label={t('scheduleLists.waitlist.patient')} error={missingPatient || errors.patientId ? t('scheduleLists.waitlist.patientRequired') : undefined}>
            {(control) => <PatientCombobox label={t('scheduleLists.waitlist.patient')} control={control} onSelect={(p: PatientSummary) => setPatient({ id: p.id, name: fullName(p) })} />}
          </Field>
        )}
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleLists.fields.provider')} optional="quiet">
            {(control) => (
              <ResourceSelect control={control} value={providerId} onChange={setProviderId} choices={providers.data?.map((p) => ({ id: p.id, label: p.displayName }))} emptyLabel={t('scheduleLists.fields.anyProvider')} />
            )}
          </Field>
          <Field label={t('scheduleLists.fields.timeOfDay')}>
            {(control) => (
              <select {...control} className="select" value={timeOfDay} onChange={(e) => setTimeOfDay(e.target.value as TimeOfDay)}>
                {TIMES_OF_DAY.map((x) => (
                  <option key={x} value={x}>
                    {t(`scheduleLists.timesOfDay.${x}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset className="sl-weekdays">
            <legend className="field-label">{t('scheduleLists.waitlist.days')}</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="sl-inline">
                <input type="checkbox" checked={weekdays.includes(d)} onChange={(e) => setWeekdays(e.target.checked ? [...weekdays, d].sort() : weekdays.filter((x) => x !== d))} />
                {weekdayName(d)}
              </label>
            ))}
          </fieldset>
          <Field label={t('scheduleLists.waitlist.fromDate')} optional="quiet" error={errors.fromDate}>
            {(control) => <DateField {...control} className="input" value={fromDate} onChange={(v) => setFromDate(v)} />}
          </Field>
          <Field label={t('scheduleLists.waitlist.untilDate')} optional="quiet" error={errors.untilDate}>
            {(control) => <DateField {...control} className="input" value={untilDate} onChange={(v) => setUntilDate(v)} />}
          </Field>
          <Field label={t('scheduleLists.waitlist.notes')} optional="quiet" error={errors.notes}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.waitlist.add'].input, 'notes')} {...control} className="input" value={notes} onChange={(e) => setNotes(e.target.value)} />}
          </Field>
        </div>
        {formError(add.error, ['patientId', 'fromDate', 'untilDate', 'notes']) ? <Alert tone="error">{formError(add.error, ['patientId', 'fromDate', 'untilDate', 'notes'])}</Alert> : null}
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={add.isPending}>
            {t('scheduleLists.waitlist.addButton')}
          </Button>
        </div>
      </form>
      <QueryState query={list}>
        {(entries) =>
          entries.length === 0 ? (
            <p className="sl-empty">{t('scheduleLists.waitlist.empty')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table table-dense">
                <caption className="sr-only">{t('scheduleLists.waitlist.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('scheduleLists.columns.patient')}</th>
                    <th scope="col">{t('scheduleLists.columns.preferences')}</th>
                    <th scope="col">{t('scheduleLists.columns.notes')}</th>
                    <th scope="col">
                      <span className="sr-only">{t('scheduleLists.columns.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.id}>
                      <td>
                        <strong>{entry.patientName}</strong>
                        {entry.phone ? <div className="sl-meta">{entry.phone}</div> : null}
                      </td>
                      <td>
                        {[
                          entry.providerId ? providers.data?.find((p) => p.id === entry.providerId)?.displayName : t('scheduleLists.fields.anyProvider'),
                          entry.weekdays.length ? entry.weekdays.map(weekdayName).join(', ') : t('scheduleLists.waitlist.anyDay'),
                          t(`scheduleLists.timesOfDay.${entry.timeOfDay}`),
                          entry.fromDate || entry.untilDate
                            ? `${entry.fromDate ? shortDate(entry.fromDate, language) : '…'} – ${entry.untilDate ? shortDate(entry.untilDate, language) : '…'}`
                            : null,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </td>
                      <td>{entry.notes}</td>
                      <td className="num">
                        <Button size="sm" variant="ghost" busy={remove.isPending && remove.variables === entry.id} onClick={() => remove.mutate(entry.id)} aria-label={t('scheduleLists.waitlist.removeFor', { name: entry.patientName })}>
                          {t('scheduleLists.waitlist.remove')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </div>
  );
}

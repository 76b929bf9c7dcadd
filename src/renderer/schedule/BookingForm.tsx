import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, Conflict, DayView } from '../../shared/contract/schedule';
import { addDays, timeToMinutes } from '../../shared/schedule/time';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { PatientCombobox } from '../patients/PatientCombobox';
import { legalName } from '../patients/names';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage, toAppError } from '../ui/errors';
import type { BookingPatient } from './bridge';
import { ConflictNotice, ConflictPreview } from './ConflictNotice';
import type { ConflictReport } from './ConflictNotice';
import { whenLabel } from './format';
import { SCHEDULE_KEY, scheduleKeys } from './keys';
import { DateField } from '../ui/DateField';
import { TimeField } from '../ui/TimeField';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

export interface BookingDraft {
  patient: BookingPatient | null;
  date: string;
  time: string;
  operatoryId: string;
  providerId: string;
  /** Look for the next free slot (from the patient panel) instead of the slot picked on the grid. */
  findNext: boolean;
  n: number;
}

interface Props {
  draft: BookingDraft;
  day: DayView | undefined;
  today: string;
  onBooked: (appointments: Appointment[], conflicts: Conflict[]) => void;
  onCancel: () => void;
}

/** Book from an empty slot or for a patient: patient, type (its length), chair, provider, series. */
export function BookingForm({ draft, day, today, onBooked, onCancel }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const id = useId();
  const [patient, setPatient] = useState<BookingPatient | null>(draft.patient);
  const [typeId, setTypeId] = useState<string>('');
  const [duration, setDuration] = useState(30);
  const [date, setDate] = useState(draft.date);
  const [time, setTime] = useState(draft.time);
  const [operatoryId, setOperatoryId] = useState(draft.operatoryId);
  const [providerId, setProviderId] = useState(draft.providerId);
  const [series, setSeries] = useState(false);
  const [everyWeeks, setEveryWeeks] = useState(2);
  const [count, setCount] = useState(6);
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<ConflictReport | null>(null);
  const typeRef = useRef<HTMLSelectElement>(null);
  const patientRef = useRef<HTMLInputElement>(null);

  const types = useQuery({ queryKey: scheduleKeys.types(), queryFn: () => client['schedule.types.list']({ includeInactive: false }), staleTime: 60_000 });
  const typeList = types.data ?? [];
  // The first type is the default, with its length.
  useEffect(() => {
    if (!typeId && typeList[0]) {
      setTypeId(typeList[0].id);
      setDuration(typeList[0].durationMin);
    }
  }, [typeList, typeId]);

  useEffect(() => {
    if (draft.patient) typeRef.current?.focus();
    else patientRef.current?.focus();
  }, [draft.n, draft.patient]);

  const findNext = useMutation({
    mutationFn: (input: { durationMin: number; patientId?: string }) =>
      client['schedule.findOpenings']({ durationMin: input.durationMin, patientId: input.patientId, from: today, to: addDays(today, 59), limit: 1 }),
    onSuccess: (openings) => {
      const first = openings[0];
      if (!first) return;
      setDate(first.date);
      setTime(first.startLocal.slice(11, 16));
      setOperatoryId(first.operatoryId);
      setProviderId(first.providerId);
    },
  });
  const proposal = findNext.data?.[0];
  const runFindNext = (durationMin = duration) => findNext.mutate({ durationMin, patientId: patient?.id });
  const typesReady = types.isSuccess;
  useEffect(() => {
    if (draft.findNext && typesReady) runFindNext();
    // Once per request and whenever the length changes while looking for the next slot.
  }, [draft.n, typesReady, duration]);

  // What this booking would clash with, asked again as each field changes: the form says so before Ctrl+Enter.
  const checkInput =
    patient && providerId && operatoryId && date && time
      ? { patientId: patient.id, providerId, operatoryId, typeId: typeId || null, startLocal: `${date}T${time}`, durationMin: duration, series: series ? { everyWeeks, count } : undefined }
      : null;
  const check = useQuery({
    queryKey: [...SCHEDULE_KEY, 'check', checkInput],
    queryFn: () => client['schedule.check'](checkInput!),
    enabled: checkInput !== null,
    placeholderData: (previous) => previous,
  });
  const liveConflicts = checkInput && check.data && !check.isError ? check.data.conflicts : [];

  const book = useMutation({
    mutationFn: (override: boolean) =>
      client['schedule.book']({
        patientId: patient!.id,
        providerId,
        operatoryId,
        typeId: typeId || null,
        startLocal: `${date}T${time}`,
        durationMin: duration,
        notes,
        series: series ? { everyWeeks, count } : undefined,
        override,
      }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: SCHEDULE_KEY });
      onBooked(result.appointments, result.conflicts);
    },
    onError: (error) => {
      const value = toAppError(error).value;
      if (value.code === 'CONFLICT') {
        const kinds = String(value.params?.kinds ?? '').split(',').filter(Boolean) as Conflict['kind'][];
        setReport({
          kind: 'blocked',
          conflicts: kinds.map((kind) => ({ kind, label: null })),
          message: errorMessage(error),
          onOverride: value.messageKey === 'errors.SCHEDULE_CONFLICT' ? () => book.mutate(true) : undefined,
        });
      } else setProblem(errorMessage(error));
    },
  });

  const submit = () => {
    setProblem(null);
    setReport(null);
    if (!patient) {
      setProblem(t('schedule.booking.pickPatient'));
      patientRef.current?.focus();
      return;
    }
    if (findNext.isPending || book.isPending) return;
    book.mutate(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement && event.target.getAttribute('role') === 'combobox')) {
      event.preventDefault();
      onCancel();
    }
  };

  const operatories = day?.operatories ?? [];
  const providers = day?.providers ?? [];
  const chairName = (opId: string) => operatories.find((o) => o.id === opId)?.name ?? '';
  const f = (name: string) => `${id}-${name}`;

  return (
    <section className="sched-side-section" aria-labelledby={f('title')}>
      <h3 id={f('title')} className="sched-side-title">
        {t('schedule.booking.title')}
      </h3>
      <form
        className="sched-form"
        onKeyDown={onKeyDown}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <span className="field-label" id={f('patient')}>
            {t('schedule.booking.patient')}
          </span>
          {patient ? (
            <div className="sched-chosen">
              <strong aria-labelledby={f('patient')}>{patient.name}</strong>
              <Button size="sm" variant="ghost" onClick={() => setPatient(null)}>
                {t('schedule.booking.change')}
              </Button>
            </div>
          ) : (
            <PatientCombobox
              label={t('schedule.booking.patientSearch')}
              inputRef={patientRef}
              onSelect={(p) => {
                setPatient({ id: p.id, name: legalName(p) });
                window.requestAnimationFrame(() => typeRef.current?.focus());
              }}
            />
          )}
        </div>
        <div className="field">
          <label className="field-label" htmlFor={f('type-input')}>{t('schedule.booking.type')}</label>
          <select id={f('type-input')}
            ref={typeRef}
            className="input"
            value={typeId}
            onChange={(event) => {
              setTypeId(event.target.value);
              const type = typeList.find((x) => x.id === event.target.value);
              if (type) setDuration(type.durationMin);
            }}
          >
            {typeList.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name} ({type.durationMin} min)
              </option>
            ))}
            <option value="">{t('schedule.booking.noType')}</option>
          </select>
        </div>
        <div className="sched-form-row">
          <div className="field">
            <label className="field-label" htmlFor={f('length-input')}>{t('schedule.booking.length')}</label>
            <input id={f('length-input')} className="input" type="number" min={5} max={600} step={5} value={duration} onChange={(e) => setDuration(Number(e.target.value) || 5)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={f('date-input')}>{t('schedule.booking.date')}</label>
            <DateField id={f('date-input')} className="input" value={date} onChange={(v) => setDate(v)} />
          </div>
          <div className="field">
            <label className="field-label" htmlFor={f('time-input')}>{t('schedule.booking.time')}</label>
            <TimeField id={f('time-input')} className="input" value={time} onChange={(v) => setTime(v)} />
          </div>
        </div>
        <div className="sched-form-row">
          <div className="field">
            <label className="field-label" htmlFor={f('chair-input')}>{t('schedule.booking.chair')}</label>
            <select id={f('chair-input')} className="input" value={operatoryId} onChange={(e) => setOperatoryId(e.target.value)}>
              {operatories.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor={f('provider-input')}>{t('schedule.booking.provider')}</label>
            <select id={f('provider-input')} className="input" value={providerId} onChange={(e) => setProviderId(e.target.value)}>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div role="status" className="sched-check">
          {!report && liveConflicts.length > 0 ? <ConflictPreview conflicts={liveConflicts} /> : null}
        </div>
        <div className="sched-next">
          <Button size="sm" icon="search" busy={findNext.isPending} onClick={() => runFindNext()}>
            {t('schedule.booking.nextFree')}
          </Button>
          <p className="sched-proposal" role="status">
            {findNext.isSuccess && !findNext.isPending
              ? proposal
                ? t('schedule.booking.proposal', { when: whenLabel(proposal.startLocal, language), chair: chairName(proposal.operatoryId) })
                : t('schedule.booking.noOpening')
              : ''}
          </p>
        </div>
        <fieldset className="sched-series">
          <label className="check">
            <input type="checkbox" checked={series} onChange={(e) => setSeries(e.target.checked)} />
            {t('schedule.booking.series')}
          </label>
          {series ? (
            <div className="sched-form-row">
              <div className="field">
                <label className="field-label" htmlFor={f('everyWeeks-input')}>{t('schedule.booking.everyWeeks')}</label>
                <input id={f('everyWeeks-input')} className="input" type="number" min={1} max={52} value={everyWeeks} onChange={(e) => setEveryWeeks(Number(e.target.value) || 1)} />
              </div>
              <div className="field">
                <label className="field-label" htmlFor={f('count-input')}>{t('schedule.booking.count')}</label>
                <input id={f('count-input')} className="input" type="number" min={2} max={52} value={count} onChange={(e) => setCount(Number(e.target.value) || 2)} />
              </div>
            </div>
          ) : null}
        </fieldset>
        <div className="field">
          <label className="field-label" htmlFor={f('notes-input')}>{t('schedule.booking.notes')}</label>
          <input maxLength={maxLengthAt(contract['schedule.book'].input, 'notes')} id={f('notes-input')} className="input" type="text" value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        {findNext.error ? <Alert tone="error">{errorMessage(findNext.error)}</Alert> : null}
        {report ? <ConflictNotice report={report} onDismiss={() => setReport(null)} /> : null}
        <div className="sched-form-actions">
          <Button type="submit" variant="primary" busy={book.isPending} aria-keyshortcuts="Control+Enter">
            {t('schedule.booking.submit')}
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            {t('schedule.booking.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

export const minutesOf = (time: string) => timeToMinutes(time);

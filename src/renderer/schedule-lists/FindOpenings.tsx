import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallInput, CallOutput } from '../../shared/contract';
import type { PatientSummary } from '../../shared/contract/patients';
import type { TimeOfDay } from '../../shared/schedule/openings';
import { TIMES_OF_DAY } from '../../shared/schedule/openings';
import { useClient } from '../app/client';
import { PatientCombobox } from '../patients/PatientCombobox';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fullName } from '../ui/format';
import { errorMessage, fieldErrors, formError } from '../ui/errors';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { ConflictList } from './ConflictList';
import { LISTS_KEY, addDays, shortDate, timeOf, useAppointmentTypes, useLanguage, useOperatories, usePracticeToday, useProviders } from './shared';
import { ResourceSelect } from './ResourceSelect';
import { DateField } from '../ui/DateField';

type Opening = CallOutput<'schedule.findOpenings'>[number];
type Query = CallInput<'schedule.findOpenings'>;
type Booked = CallOutput<'schedule.book'>;

/** "Find next opening": the first free slots for a provider or chair, and booking one for a patient. */
export function FindOpenings({ rebook }: { rebook?: { /** Absent when booking a patient afresh (from the recall list). */ appointmentId?: string; patient: { id: string; name: string }; providerId: string; durationMin: number } | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const providers = useProviders();
  const operatories = useOperatories();
  const types = useAppointmentTypes();

  const [providerId, setProviderId] = useState(rebook?.providerId ?? '');
  const [operatoryId, setOperatoryId] = useState('');
  const [typeId, setTypeId] = useState('');
  const [duration, setDuration] = useState(String(rebook?.durationMin ?? 30));
  const [timeOfDay, setTimeOfDay] = useState<TimeOfDay>('any');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 13));
  const [submitted, setSubmitted] = useState<Query | null>(null);
  const [patient, setPatient] = useState<{ id: string; name: string } | null>(rebook?.patient ?? null);
  const [booked, setBooked] = useState<Booked | null>(null);
  const [bookError, setBookError] = useState<unknown>(null);

  const search = useQuery({
    queryKey: [...LISTS_KEY, 'openings', submitted],
    queryFn: () => client['schedule.findOpenings'](submitted!),
    enabled: submitted !== null,
    staleTime: 0,
  });

  const book = useMutation({
    mutationFn: (input: { opening: Opening; override: boolean }) =>
      client['schedule.book']({
        patientId: patient!.id,
        providerId: input.opening.providerId,
        operatoryId: input.opening.operatoryId,
        typeId: typeId || null,
        startLocal: input.opening.startLocal,
        durationMin: submitted!.durationMin,
        notes: '',
        override: input.override,
        ...(rebook?.appointmentId ? { rebookOf: rebook.appointmentId } : {}),
      }),
    onMutate: () => {
      setBooked(null);
      setBookError(null);
    },
    onSuccess: async (result) => {
      setBooked(result);
      await queryClient.invalidateQueries({ queryKey: ['schedule'] });
    },
    onError: (error) => setBookError(error),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setBooked(null);
    setBookError(null);
    setSubmitted({
      ...(providerId ? { providerId } : {}),
      ...(operatoryId ? { operatoryId } : {}),
      ...(patient ? { patientId: patient.id } : {}),
      durationMin: Number(duration),
      timeOfDay,
      weekdays: [],
      from,
      to,
      limit: 12,
    });
  };

  const errors = fieldErrors(search.error);
  const providerName = (id: string) => providers.data?.find((p) => p.id === id)?.displayName ?? '';
  const operatoryName = (id: string) => operatories.data?.find((o) => o.id === id)?.name ?? '';
  const slotLabel = (o: Opening) => `${shortDate(o.date, language)} ${timeOf(o.startLocal)}`;

  return (
    <div className="sl-stack">
      <form className="sl-form" onSubmit={onSubmit} noValidate aria-label={t('scheduleLists.openings.formLabel')}>
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleLists.fields.provider')} optional="quiet">
            {(control) => (
              <ResourceSelect control={control} value={providerId} onChange={setProviderId} choices={providers.data?.map((p) => ({ id: p.id, label: p.displayName }))} emptyLabel={t('scheduleLists.fields.anyProvider')} />
            )}
          </Field>
          <Field label={t('scheduleLists.fields.operatory')} optional="quiet">
            {(control) => (
              <ResourceSelect control={control} value={operatoryId} onChange={setOperatoryId} choices={operatories.data?.map((o) => ({ id: o.id, label: o.name }))} emptyLabel={t('scheduleLists.fields.anyOperatory')} />
            )}
          </Field>
          <Field label={t('scheduleLists.fields.type')} optional="quiet">
            {(control) => (
              <select
                {...control}
                className="select"
                value={typeId}
                onChange={(e) => {
                  setTypeId(e.target.value);
                  const type = types.data?.find((x) => x.id === e.target.value);
                  if (type) setDuration(String(type.durationMin));
                }}
              >
                <option value="">{t('scheduleLists.fields.noType')}</option>
                {types.data?.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name} ({x.durationMin} min)
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleLists.fields.duration')} error={errors.durationMin}>
            {(control) => (
              <input {...control} className="input input-narrow" type="number" min={5} max={600} step={5} value={duration} onChange={(e) => setDuration(e.target.value)} />
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
          <Field label={t('scheduleLists.fields.from')} error={errors.from}>
              {(control) => <DateField {...control} className="input" value={from} onChange={(v) => setFrom(v)} />}
            </Field>
            <Field label={t('scheduleLists.fields.to')} error={errors.to} hint={t('scheduleLists.openings.rangeHint')}>
              {(control) => <DateField {...control} className="input" value={to} onChange={(v) => setTo(v)} />}
            </Field>
        </div>
        <div className="sl-patient">
          {patient ? (
            <p className="sl-chosen">
              {t('scheduleLists.openings.bookingFor')} <strong>{patient.name}</strong>{' '}
              <Button size="sm" variant="ghost" onClick={() => setPatient(null)} aria-label={t('scheduleLists.openings.changePatient')}>
                {t('scheduleLists.openings.change')}
              </Button>
            </p>
          ) : (
            <PatientCombobox
              label={t('scheduleLists.openings.patient')}
              placeholder={t('scheduleLists.openings.patientPlaceholder')}
              onSelect={(p: PatientSummary) => setPatient({ id: p.id, name: fullName(p) })}
            />
          )}
        </div>
        {formError(search.error, ['durationMin', 'from', 'to']) ? <Alert tone="error">{formError(search.error, ['durationMin', 'from', 'to'])}</Alert> : null}
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" icon="search" busy={search.isFetching}>
            {t('scheduleLists.openings.search')}
          </Button>
        </div>
      </form>

      {booked ? (
        <Alert tone="success" title={t('scheduleLists.openings.booked', { name: booked.appointments[0]?.patientName ?? '', when: booked.appointments[0] ? `${shortDate(booked.appointments[0].startLocal.slice(0, 10), language)} ${timeOf(booked.appointments[0].startLocal)}` : '' })}>
          {booked.conflicts.length > 0 ? <ConflictList conflicts={booked.conflicts} /> : null}
        </Alert>
      ) : null}
      {bookError ? <BookError error={bookError} onOverride={() => book.variables && book.mutate({ opening: book.variables.opening, override: true })} /> : null}

      {submitted === null ? null : search.isPending ? (
        <Loading />
      ) : search.isError ? (
        Object.keys(errors).length ? null : <ErrorNotice error={search.error} />
      ) : search.data.length === 0 ? (
        <p className="sl-empty">{t('scheduleLists.openings.none')}</p>
      ) : (
        <section aria-label={t('scheduleLists.openings.results')}>
          <h3 className="section-title">{t('scheduleLists.openings.results')}</h3>
          {!patient ? <p className="sl-meta">{t('scheduleLists.openings.pickPatientFirst')}</p> : null}
          <ul className="sl-slots">
            {search.data.map((o) => (
              <li key={`${o.startLocal}-${o.operatoryId}-${o.providerId}`} className="sl-slot">
                <span className="sl-slot-when">
                  <strong>{shortDate(o.date, language)}</strong> <span className="sl-time">{timeOf(o.startLocal)}</span>–{timeOf(o.endLocal)}
                </span>
                <span className="sl-meta">
                  {providerName(o.providerId)} · {operatoryName(o.operatoryId)} · {t('scheduleLists.openings.freeUntil', { time: timeOf(o.freeUntilLocal) })}
                </span>
                <Button
                  size="sm"
                  variant="primary"
                  aria-label={t('scheduleLists.openings.bookHereAt', { slot: slotLabel(o), provider: providerName(o.providerId), operatory: operatoryName(o.operatoryId) })}
                  aria-disabled={!patient || undefined}
                  busy={book.isPending && book.variables.opening === o}
                  onClick={() => {
                    if (!patient) {
                      setBookError(new Error('patient'));
                      return;
                    }
                    book.mutate({ opening: o, override: false });
                  }}
                >
                  {t('scheduleLists.openings.bookHere')}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function BookError({ error, onOverride }: { error: unknown; onOverride: () => void }) {
  const { t } = useTranslation();
  if (error instanceof Error && error.message === 'patient') return <Alert tone="warning">{t('scheduleLists.openings.pickPatientFirst')}</Alert>;
  const value = (error as { value?: { messageKey?: string; params?: Record<string, unknown> } }).value;
  const kinds = typeof value?.params?.kinds === 'string' ? value.params.kinds.split(',').filter(Boolean) : [];
  return (
    <Alert tone="error" title={errorMessage(error)}>
      {kinds.length ? (
        <ul className="sl-conflicts">
          {kinds.map((kind) => (
            <li key={kind}>{t(`scheduleLists.conflictKinds.${kind}`, { defaultValue: kind })}</li>
          ))}
        </ul>
      ) : null}
      {value?.messageKey === 'errors.SCHEDULE_CONFLICT' ? (
        <Button size="sm" variant="danger" className="alert-action" onClick={onOverride}>
          {t('scheduleLists.openings.bookAnyway')}
        </Button>
      ) : null}
    </Alert>
  );
}

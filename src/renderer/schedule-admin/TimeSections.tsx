import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXCEPTION_KINDS } from '../../shared/schedule/availability';
import { useClient } from '../app/client';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/errors';
import { QueryState } from '../ui/QueryState';
import { addDays, shortDate, useLanguage, useOperatories, usePracticeToday, useProviders } from '../schedule-lists/shared';
import { CallError, ColourInput, Swatch, useScheduleMutation, useWeekdayName } from './common';
import { stepStart } from './first-steps';
import { ActiveToggle } from './SetupTable';
import { DateField } from '../ui/DateField';
import { DateTimeField, TimeField } from '../ui/TimeField';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

type Interval = { weekday: number; start: string; end: string };

/** A dental practice's usual week, Monday to Friday with a lunch break: a start the admin then adjusts. */
const USUAL_WEEK: readonly Interval[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '13:00' },
  { weekday, start: '14:00', end: '18:00' },
]);

function ProviderPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const providers = useProviders();
  return (
    <Field label={t('scheduleLists.fields.provider')}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
          {providers.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/* ------------------------------------------------------------ weekly hours */

export function HoursSection() {
  const { t } = useTranslation();
  const providers = useProviders();
  const [picked, setPicked] = useState('');
  const providerId = picked || providers.data?.[0]?.id || '';
  return (
    <div className="sl-stack">
      <div className="sa-row">
        <ProviderPicker value={providerId} onChange={setPicked} />
      </div>
      {providerId ? <HoursEditor key={providerId} providerId={providerId} /> : <p className="sl-empty">{t('scheduleAdmin.hours.noProviders')}</p>}
    </div>
  );
}

function HoursEditor({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const weekday = useWeekdayName();
  const hours = useQuery({ queryKey: ['schedule', 'setup', 'hours', providerId], queryFn: () => client['schedule.hours.list']({ providerId }) });
  const [draft, setDraft] = useState<Interval[] | null>(null);
  const current: Interval[] = draft ?? (hours.data?.[0]?.intervals ?? []).map((i) => ({ weekday: i.weekday, start: i.start, end: i.end }));
  const save = useScheduleMutation(() => client['schedule.hours.set']({ providerId, intervals: current.map((i) => ({ ...i, operatoryId: null })) }), () => setDraft(null));
  const errors = fieldErrors(save.error);
  const edit = (next: Interval[]) => setDraft(next);
  const formRef = useRef<HTMLFormElement>(null);
  const usualHintId = useId();
  return (
    <QueryState query={hours}>
      {() => (
        <form
          ref={formRef}
          className="sl-form"
          noValidate
          aria-label={t('scheduleAdmin.hours.title')}
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(undefined);
          }}
        >
          <div className="sa-row">
            <Button
              {...stepStart('hours')}
              aria-describedby={usualHintId}
              onClick={() => {
                edit([...USUAL_WEEK]);
                // Filled in, not saved: the keyboard goes on to saving it.
                formRef.current?.querySelector<HTMLElement>('button[type="submit"]')?.focus();
              }}
            >
              {t('firstSteps.usualWeek')}
            </Button>
            <span id={usualHintId} className="sl-meta">
              {t('firstSteps.usualWeekHint')}
            </span>
          </div>
          <table className="table table-dense">
            <caption className="sr-only">{t('scheduleAdmin.hours.title')}</caption>
            <tbody>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                const dayName = weekday(d);
                return (
                  <tr key={d}>
                    <th scope="row">{dayName}</th>
                    <td>
                      {current.map((iv, index) =>
                        iv.weekday !== d ? null : (
                          <span key={index} className="sa-interval">
                            <TimeField className="input" aria-label={t('scheduleAdmin.hours.startOf', { day: dayName })} value={iv.start} onChange={(v) => edit(current.map((x, j) => (j === index ? { ...x, start: v } : x)))} />
                            –
                            <TimeField className="input" aria-label={t('scheduleAdmin.hours.endOf', { day: dayName })} value={iv.end} onChange={(v) => edit(current.map((x, j) => (j === index ? { ...x, end: v } : x)))} />
                            <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.hours.removeOf', { day: dayName, start: iv.start, end: iv.end })} onClick={() => edit(current.filter((_, j) => j !== index))}>
                              ✕
                            </Button>
                          </span>
                        ),
                      )}
                      <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.hours.addOf', { day: dayName })} onClick={() => edit([...current, { weekday: d, start: '09:00', end: '13:00' }])}>
                        + {t('scheduleAdmin.hours.add')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {Object.keys(errors).length ? <p className="field-error">{t('scheduleAdmin.hours.invalid')}</p> : null}
          <CallError error={save.error} shown={Object.keys(errors)} />
          <div className="form-actions form-actions-start">
            <Button type="submit" variant="primary" busy={save.isPending}>
              {t('scheduleAdmin.hours.save')}
            </Button>
            {save.isSuccess && !draft ? <span role="status" className="sl-meta">{t('scheduleAdmin.common.saved')}</span> : null}
          </div>
        </form>
      )}
    </QueryState>
  );
}

/* ------------------------------------------------------------ exceptions */

export function ExceptionsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const providers = useProviders();
  const [picked, setPicked] = useState('');
  const providerId = picked || providers.data?.[0]?.id || '';
  const list = useQuery({
    queryKey: ['schedule', 'setup', 'exceptions', providerId, today],
    queryFn: () => client['schedule.exceptions.list']({ providerId, from: addDays(today, -30), to: addDays(today, 365) }),
    enabled: Boolean(providerId),
  });
  const [draft, setDraft] = useState({ kind: 'off' as (typeof EXCEPTION_KINDS)[number], startDate: today, endDate: today, start: '', end: '', note: '' });
  const create = useScheduleMutation(() =>
    client['schedule.exceptions.create']({ providerId, ...draft, start: draft.start || null, end: draft.end || null }),
  );
  const remove = useScheduleMutation((id: string) => client['schedule.exceptions.remove']({ id }));
  const errors = fieldErrors(create.error);
  return (
    <div className="sl-stack">
      <div className="sa-row">
        <ProviderPicker value={providerId} onChange={setPicked} />
      </div>
      {providerId ? (
        <QueryState query={list}>
          {(rows) =>
            rows.length === 0 ? (
              <p className="sl-empty">{t('scheduleAdmin.exceptions.empty')}</p>
            ) : (
              <ul className="sl-slots">
                {rows.map((x) => (
                  <li key={x.id} className="sl-slot">
                    <strong>{t(`scheduleAdmin.exceptions.kinds.${x.kind}`)}</strong>
                    <span>
                      {shortDate(x.startDate, language)}
                      {x.endDate !== x.startDate ? ` – ${shortDate(x.endDate, language)}` : ''}
                      {x.start ? ` · ${x.start}–${x.end}` : ''} {x.note ? `· ${x.note}` : ''}
                    </span>
                    <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.exceptions.removeOf', { date: shortDate(x.startDate, language) })} onClick={() => remove.mutate(x.id)}>
                      {t('scheduleAdmin.common.remove')}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      ) : null}
      <form
        className="sl-form"
        noValidate
        aria-label={t('scheduleAdmin.exceptions.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <h3 className="section-title">{t('scheduleAdmin.exceptions.add')}</h3>
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleAdmin.exceptions.kind')}>
            {(control) => (
              <select {...control} className="select" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as 'off' | 'extra' })}>
                {EXCEPTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`scheduleAdmin.exceptions.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.exceptions.startDate')} error={errors.startDate}>
            {(control) => <DateField {...control} className="input" value={draft.startDate} onChange={(v) => setDraft({ ...draft, startDate: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.exceptions.endDate')} error={errors.endDate}>
            {(control) => <DateField {...control} className="input" value={draft.endDate} onChange={(v) => setDraft({ ...draft, endDate: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.exceptions.start')} optional="quiet" error={errors.start} hint={t('scheduleAdmin.exceptions.timesHint')}>
            {(control) => <TimeField {...control} className="input" value={draft.start} onChange={(v) => setDraft({ ...draft, start: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.exceptions.end')} optional="quiet" error={errors.end}>
            {(control) => <TimeField {...control} className="input" value={draft.end} onChange={(v) => setDraft({ ...draft, end: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.common.note')} optional="quiet" error={errors.note}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.exceptions.create'].input, 'note')} {...control} className="input" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />}
          </Field>
        </div>
        <CallError error={create.error} shown={['startDate', 'endDate', 'start', 'end', 'note']} />
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('scheduleAdmin.exceptions.addButton')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/* ------------------------------------------------------------ holidays */

export function HolidaysSection() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const [year, setYear] = useState(Number(today.slice(0, 4)));
  const list = useQuery({ queryKey: ['schedule', 'setup', 'holidays', year], queryFn: () => client['schedule.holidays.list']({ year }) });
  const [draft, setDraft] = useState({ date: today, name: '' });
  const create = useScheduleMutation(() => client['schedule.holidays.create']({ ...draft, closed: true }), () => setDraft({ date: today, name: '' }));
  const update = useScheduleMutation((input: { id: string; closed: boolean }) => client['schedule.holidays.update'](input));
  const createOpen = useScheduleMutation((date: string) => client['schedule.holidays.create']({ date, name: '', closed: false }));
  const remove = useScheduleMutation((id: string) => client['schedule.holidays.remove']({ id }));
  const errors = fieldErrors(create.error);
  return (
    <div className="sl-stack">
      <div className="sa-row">
        <Field label={t('scheduleAdmin.holidays.year')}>
          {(control) => (
            <select {...control} className="select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[year - 1, year, year + 1, year + 2].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <QueryState query={list}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('scheduleAdmin.holidays.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scheduleAdmin.holidays.date')}</th>
                  <th scope="col">{t('scheduleAdmin.holidays.name')}</th>
                  <th scope="col">{t('scheduleAdmin.holidays.source')}</th>
                  <th scope="col">{t('scheduleAdmin.holidays.closed')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('scheduleAdmin.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((h) => {
                  const name = (language === 'en' && h.nameEn) || h.name;
                  return (
                    <tr key={`${h.date}-${h.id ?? 'n'}`}>
                      <td>{shortDate(h.date, language)}</td>
                      <td>{name}</td>
                      <td>{t(`scheduleAdmin.holidays.sources.${h.source}`)}</td>
                      <td>{h.closed ? t('scheduleAdmin.holidays.isClosed') : t('scheduleAdmin.holidays.isOpen')}</td>
                      <td className="num sl-row-actions">
                        {h.id ? (
                          <>
                            {h.source === 'national' ? (
                              <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: h.id!, closed: !h.closed })} aria-label={t(h.closed ? 'scheduleAdmin.holidays.workOn' : 'scheduleAdmin.holidays.closeOn', { name })}>
                                {h.closed ? t('scheduleAdmin.holidays.work') : t('scheduleAdmin.holidays.close')}
                              </Button>
                            ) : null}
                            <Button size="sm" variant="ghost" onClick={() => remove.mutate(h.id!)} aria-label={t('scheduleAdmin.holidays.removeOf', { name })}>
                              {t('scheduleAdmin.common.remove')}
                            </Button>
                          </>
                        ) : (
                          <Button size="sm" variant="ghost" onClick={() => createOpen.mutate(h.date)} aria-label={t('scheduleAdmin.holidays.workOn', { name })}>
                            {t('scheduleAdmin.holidays.work')}
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <CallError error={update.error ?? remove.error ?? createOpen.error} />
      <form
        className="sa-row"
        noValidate
        aria-label={t('scheduleAdmin.holidays.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <Field label={t('scheduleAdmin.holidays.date')} error={errors.date}>
          {(control) => <DateField {...control} className="input" value={draft.date} onChange={(v) => setDraft({ ...draft, date: v })} />}
        </Field>
        <Field label={t('scheduleAdmin.holidays.name')} error={errors.name}>
          {(control) => <input maxLength={maxLengthAt(contract['schedule.holidays.create'].input, 'name')} {...control} className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('scheduleAdmin.holidays.add')}
        </Button>
      </form>
      <CallError error={create.error} shown={['date', 'name']} />
    </div>
  );
}

/* ------------------------------------------------------------ blockouts */

export function BlockoutsSection() {
  const { t } = useTranslation();
  const client = useClient();
  const language = useLanguage();
  const today = usePracticeToday();
  const providers = useProviders();
  const operatories = useOperatories();
  const types = useQuery({ queryKey: ['schedule', 'setup', 'blockoutTypes'], queryFn: () => client['schedule.blockoutTypes.list']({ includeInactive: true }) });
  const list = useQuery({ queryKey: ['schedule', 'setup', 'blockouts', today], queryFn: () => client['schedule.blockouts.list']({ from: today, to: addDays(today, 120) }) });
  const [typeDraft, setTypeDraft] = useState({ name: '', colour: '#9aa5b1', forbidsBooking: false });
  const createType = useScheduleMutation(() => client['schedule.blockoutTypes.create'](typeDraft), () => setTypeDraft({ name: '', colour: '#9aa5b1', forbidsBooking: false }));
  const updateType = useScheduleMutation((input: { id: string; colour?: string; forbidsBooking?: boolean; active?: boolean }) => client['schedule.blockoutTypes.update'](input));
  const [draft, setDraft] = useState({ typeId: '', where: '', startLocal: `${today}T13:00`, endLocal: `${today}T14:00`, note: '' });
  const typeId = draft.typeId || types.data?.find((x) => x.active)?.id || '';
  const create = useScheduleMutation(() =>
    client['schedule.blockouts.create']({
      typeId,
      operatoryId: draft.where.startsWith('o:') ? draft.where.slice(2) : null,
      providerId: draft.where.startsWith('p:') ? draft.where.slice(2) : null,
      startLocal: draft.startLocal,
      endLocal: draft.endLocal,
      weekdays: null,
      untilDate: null,
      note: draft.note,
    }),
  );
  const remove = useScheduleMutation((id: string) => client['schedule.blockouts.remove']({ id }));
  const typeErrors = fieldErrors(createType.error);
  const errors = fieldErrors(create.error);
  const whereName = (b: { operatoryId: string | null; providerId: string | null }) =>
    b.operatoryId
      ? (operatories.data?.find((o) => o.id === b.operatoryId)?.name ?? '')
      : b.providerId
        ? (providers.data?.find((p) => p.id === b.providerId)?.displayName ?? '')
        : t('scheduleAdmin.blockouts.wholePractice');
  return (
    <div className="sl-stack">
      <h3 className="section-title">{t('scheduleAdmin.blockouts.typesTitle')}</h3>
      <QueryState query={types}>
        {(rows) => (
          <ul className="sl-slots">
            {rows.map((x) => (
              <li key={x.id} className="sl-slot">
                <span>
                  <Swatch colour={x.colour} />
                  {x.name}
                </span>
                <span className="sa-row">
                  <ColourInput label={t('scheduleAdmin.blockouts.colourOf', { name: x.name })} value={x.colour} onChange={(colour) => updateType.mutate({ id: x.id, colour })} />
                  <label className="sl-inline">
                    <input type="checkbox" checked={x.forbidsBooking} onChange={(e) => updateType.mutate({ id: x.id, forbidsBooking: e.target.checked })} aria-label={t('scheduleAdmin.blockouts.forbidsOf', { name: x.name })} />
                    {t('scheduleAdmin.blockouts.forbids')}
                  </label>
                </span>
                <ActiveToggle name={x.name} active={x.active} onToggle={() => updateType.mutate({ id: x.id, active: !x.active })} />
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <form
        className="sa-row"
        noValidate
        aria-label={t('scheduleAdmin.blockouts.addType')}
        onSubmit={(e) => {
          e.preventDefault();
          createType.mutate(undefined);
        }}
      >
        <Field label={t('scheduleAdmin.blockouts.typeName')} error={typeErrors.name}>
          {(control) => <input maxLength={maxLengthAt(contract['schedule.blockoutTypes.create'].input, 'name')} {...control} className="input" value={typeDraft.name} onChange={(e) => setTypeDraft({ ...typeDraft, name: e.target.value })} />}
        </Field>
        <Field label={t('scheduleAdmin.types.colour')}>
          {(control) => <input {...control} type="color" className="sa-colour" value={typeDraft.colour} onChange={(e) => setTypeDraft({ ...typeDraft, colour: e.target.value })} />}
        </Field>
        <label className="sl-inline">
          <input type="checkbox" checked={typeDraft.forbidsBooking} onChange={(e) => setTypeDraft({ ...typeDraft, forbidsBooking: e.target.checked })} />
          {t('scheduleAdmin.blockouts.forbids')}
        </label>
        <Button type="submit" variant="primary" busy={createType.isPending}>
          {t('scheduleAdmin.blockouts.addType')}
        </Button>
      </form>
      <CallError error={createType.error ?? updateType.error} shown={['name']} />

      <h3 className="section-title">{t('scheduleAdmin.blockouts.title')}</h3>
      <QueryState query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <p className="sl-empty">{t('scheduleAdmin.blockouts.empty')}</p>
          ) : (
            <ul className="sl-slots">
              {rows.map((b) => (
                <li key={b.id} className="sl-slot">
                  <span>
                    <Swatch colour={b.colour} />
                    {b.typeName}
                  </span>
                  <span className="sl-meta">
                    {shortDate(b.startLocal.slice(0, 10), language)} {b.startLocal.slice(11, 16)}–{b.endLocal.slice(11, 16)} · {whereName(b)} {b.note ? `· ${b.note}` : ''}
                  </span>
                  <Button size="sm" variant="ghost" onClick={() => remove.mutate(b.id)} aria-label={t('scheduleAdmin.blockouts.removeOf', { name: b.typeName, date: shortDate(b.startLocal.slice(0, 10), language) })}>
                    {t('scheduleAdmin.common.remove')}
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form
        className="sl-form"
        noValidate
        aria-label={t('scheduleAdmin.blockouts.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <div className="form-grid form-grid-3">
          <Field label={t('scheduleAdmin.blockouts.type')} error={errors.typeId}>
            {(control) => (
              <select {...control} className="select" value={typeId} onChange={(e) => setDraft({ ...draft, typeId: e.target.value })}>
                {types.data
                  ?.filter((x) => x.active)
                  .map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.blockouts.where')}>
            {(control) => (
              <select {...control} className="select" value={draft.where} onChange={(e) => setDraft({ ...draft, where: e.target.value })}>
                <option value="">{t('scheduleAdmin.blockouts.wholePractice')}</option>
                {operatories.data?.map((o) => (
                  <option key={o.id} value={`o:${o.id}`}>
                    {o.name}
                  </option>
                ))}
                {providers.data?.map((p) => (
                  <option key={p.id} value={`p:${p.id}`}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.common.note')} optional="quiet" error={errors.note}>
            {(control) => <input maxLength={maxLengthAt(contract['schedule.blockouts.create'].input, 'note')} {...control} className="input" value={draft.note} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.blockouts.start')} error={errors.startLocal}>
            {(control) => <DateTimeField {...control} timeLabel={t('scheduleAdmin.blockouts.startTime')} value={draft.startLocal} onChange={(v) => setDraft({ ...draft, startLocal: v })} />}
          </Field>
          <Field label={t('scheduleAdmin.blockouts.end')} error={errors.endLocal}>
            {(control) => <DateTimeField {...control} timeLabel={t('scheduleAdmin.blockouts.endTime')} value={draft.endLocal} onChange={(v) => setDraft({ ...draft, endLocal: v })} />}
          </Field>
        </div>
        <CallError error={create.error ?? remove.error} shown={['typeId', 'startLocal', 'endLocal', 'note']} />
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('scheduleAdmin.blockouts.add')}
          </Button>
        </div>
      </form>
    </div>
  );
}

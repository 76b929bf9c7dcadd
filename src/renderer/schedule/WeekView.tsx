import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment, DayView } from '../../shared/contract/schedule';
import { addDays, timeToMinutes, weekStart } from '../../shared/schedule/time';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { Alert } from '../ui/Alert';
import { Loading } from '../ui/QueryState';
import { errorMessage } from '../ui/errors';
import { longDate, weekdayAndDay } from './format';
import { InteractiveGrid } from './InteractiveGrid';
import type { GridCommands } from './InteractiveGrid';
import type { Cursor } from './ScheduleGrid';
import { scheduleKeys } from './keys';
import { conflictIds, toItem } from './model';
import type { Slot } from './SchedulePanel';
import type { GridColumn } from './ScheduleGrid';

interface Props {
  date: string;
  day: DayView | undefined;
  selectedId: string | null;
  reveal: { id: string; n: number; focus: boolean } | null;
  nowMinute: number;
  makeCommands: (forDate: (column: string) => string, forChair: (column: string, appointment?: Appointment) => string) => GridCommands;
  onSlot: (slot: Slot) => void;
  resume: RefObject<Cursor | null>;
}

/** Seven days for one provider or one chair: a column per day, the same cards, compact. */
export function WeekView({ date, day, selectedId, reveal, nowMinute, makeCommands, onSlot, resume }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const [by, setBy] = useState<'provider' | 'chair'>('provider');
  const [ownerId, setOwnerId] = useState<string>('');
  const providers = day?.providers ?? [];
  const chairs = day?.operatories ?? [];
  const owners = by === 'provider' ? providers.map((p) => ({ id: p.id, name: p.displayName })) : chairs.map((c) => ({ id: c.id, name: c.name }));
  const owner = owners.find((o) => o.id === ownerId) ?? owners[0];
  const start = weekStart(date);
  const week = useQuery({
    queryKey: scheduleKeys.week(start, `${by}:${owner?.id ?? ''}`),
    queryFn: () => client['schedule.week'](by === 'provider' ? { start, providerId: owner!.id } : { start, operatoryId: owner!.id }),
    enabled: Boolean(owner),
    placeholderData: (previous) => previous,
  });

  const model = useMemo(() => {
    const data = week.data;
    if (!data) return null;
    const columns: GridColumn[] = data.days.map((d) => ({
      key: d.date,
      label: weekdayAndDay(d.date, language),
      sub: d.holiday ? d.holiday.name : undefined,
      open: d.workingHours.map((i) => [timeToMinutes(i.start), timeToMinutes(i.end)] as const),
      blocks: d.blockouts.map((b) => ({ start: timeToMinutes(b.start), end: timeToMinutes(b.end), label: b.typeName, colour: b.colour, forbids: b.forbidsBooking })),
    }));
    const conflicted = conflictIds(data.conflicts);
    const items = data.appointments
      .filter((a) => !a.pinboard && a.status !== 'cancelled' && a.status !== 'no_show')
      .map((a) => toItem(a, a.startLocal.slice(0, 10), conflicted));
    return { columns, items, settings: data.settings };
  }, [week.data, language]);

  const defaultChair = (appointment?: Appointment) => {
    if (appointment) return appointment.operatoryId;
    if (by === 'chair') return owner?.id ?? '';
    return providers.find((p) => p.id === owner?.id)?.defaultOperatoryId ?? chairs[0]?.id ?? '';
  };
  const commands = makeCommands(
    (column) => column,
    (_column, appointment) => defaultChair(appointment),
  );

  return (
    <div className="sched-week">
      <div className="sched-week-owner">
        <label className="field field-inline">
          <span className="field-label">{t('schedule.week.by')}</span>
          <select className="input" value={by} onChange={(e) => setBy(e.target.value as 'provider' | 'chair')}>
            <option value="provider">{t('schedule.week.provider')}</option>
            <option value="chair">{t('schedule.week.chair')}</option>
          </select>
        </label>
        <label className="field field-inline">
          <span className="field-label">{t('schedule.week.owner')}</span>
          <select className="input" value={owner?.id ?? ''} onChange={(e) => setOwnerId(e.target.value)}>
            {owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {week.isPending && owner ? (
        <Loading />
      ) : week.error ? (
        <Alert tone="error">{errorMessage(week.error)}</Alert>
      ) : model ? (
        <InteractiveGrid
          key={`${start}:${by}:${owner?.id ?? ''}`}
          resume={resume}
          label={t('schedule.weekGrid', { date: longDate(start, language) })}
          columns={model.columns}
          items={model.items}
          startMin={timeToMinutes(model.settings.officeStart)}
          endMin={timeToMinutes(model.settings.officeEnd)}
          step={model.settings.gridMinutes}
          compact
          selectedId={selectedId}
          reveal={reveal}
          initialMinute={nowMinute - 60}
          {...commands}
          onCursorSlot={(column, minute) => onSlot({ date: column, minute, operatoryId: defaultChair() })}
        />
      ) : null}
      <span hidden>{addDays(start, 6)}</span>
    </div>
  );
}

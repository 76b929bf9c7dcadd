import type { QueryClient } from '@tanstack/react-query';
import { addDays } from '../../shared/schedule/time';

/**
 * Query keys of the schedule, under one root. A 'schedule.changed' event
 * refetches the day views of its dates, the weeks that hold them and every
 * list (waiting room, pinboard, patient appointments, the lists panel's).
 */
export const SCHEDULE_KEY = ['schedule'] as const;

export const scheduleKeys = {
  day: (date: string) => [...SCHEDULE_KEY, 'day', date] as const,
  week: (start: string, owner: string) => [...SCHEDULE_KEY, 'week', start, owner] as const,
  waitingRoom: () => [...SCHEDULE_KEY, 'waitingRoom'] as const,
  pinboard: () => [...SCHEDULE_KEY, 'pinboard'] as const,
  patient: (id: string) => [...SCHEDULE_KEY, 'patient', id] as const,
  types: () => [...SCHEDULE_KEY, 'types'] as const,
};

export function invalidateSchedule(client: QueryClient, change: { dates: readonly string[]; all: boolean }): Promise<void> {
  return client.invalidateQueries({
    queryKey: SCHEDULE_KEY,
    predicate: (query) => {
      if (change.all) return true;
      const [, kind, first] = query.queryKey;
      if (kind === 'day') return typeof first === 'string' && change.dates.includes(first);
      if (kind === 'week' && typeof first === 'string') {
        const end = addDays(first, 6);
        return change.dates.some((d) => d >= first && d <= end);
      }
      return true;
    },
  });
}

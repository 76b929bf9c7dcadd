import type { AppCore } from '../../src/main/app-core';
import { call } from '../../test/support/practice';

/** Today in the practice's zone (America/Santiago), as main counts it. */
export const practiceToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/**
 * What a booking test needs, set up through the contract as the admin would
 * from the setup screens: the usual types, chairs, and one dentist working
 * every day from `start` to `end` (open all day by default, so the next free
 * slot is today whenever the test runs).
 */
export async function bookablePractice(core: AppCore, options: { chairs?: number; start?: string; end?: string } = {}) {
  const { chairs: chairCount = 1, start = '00:00', end = '24:00' } = options;
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  await call(core, 'admin', 'schedule.settings.update', { officeStart: start, officeEnd: end, officeDays: [1, 2, 3, 4, 5, 6, 7], gridMinutes: 15 });
  const chairs = [];
  for (let i = 1; i <= chairCount; i++) chairs.push(await call(core, 'admin', 'schedule.operatories.create', { name: `Sillón ${i}` }));
  const dentist = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Carolina', firstSurname: 'Rojas', kind: 'dentist', colour: '#2563eb', defaultOperatoryId: chairs[0]!.id });
  await call(core, 'admin', 'schedule.hours.set', { providerId: dentist.id, intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end })) });
  return { chair: chairs[0]!, dentist };
}

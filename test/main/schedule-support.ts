import type { CallInput } from '../../src/shared/contract';
import type { EventName } from '../../src/shared/contract/events';
import { nationalHolidays } from '../../src/shared/schedule/holidays';
import { addDays, isoWeekday } from '../../src/shared/schedule/time';
import { todayIn } from '../../src/shared/patients/age';
import type { AppCore } from '../../src/main/app-core';
import { addUser, call, setUpPractice } from '../support/practice';

export const ZONE = 'America/Santiago';

/** The practice's today, as main computes it. */
export function practiceToday(): string {
  return todayIn(ZONE);
}

/** A Monday at least `weeksAhead` weeks after today whose week has no national holiday, so tests see only the conflicts they make. */
export function mondayAhead(weeksAhead = 2): string {
  const today = practiceToday();
  let monday = addDays(today, 7 * weeksAhead + ((8 - isoWeekday(today)) % 7 || 7));
  while (nationalHolidays('CL', monday, addDays(monday, 6)).length > 0) monday = addDays(monday, 7);
  return monday;
}

/** Signs a user of this role in on a connection named after the username. */
export async function signIn(core: AppCore, role: CallInput<'users.create'>['role'], username: string): Promise<string> {
  await addUser(core, role, username);
  await call(core, username, 'auth.signIn', { username, password: 'user-password-1' });
  return username;
}

export async function addPatient(core: AppCore, givenNames: string, firstSurname: string, phones: CallInput<'patients.create'>['draft']['phones'] = []) {
  return call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname: 'Soto', birthDate: '1985-03-04', phones } });
}

/** Everything-on days for the providers of the fixture, so that only the conflicts a test makes show. */
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/**
 * A practice with two chairs, a dentist (chair 1) and a hygienist (chair 2)
 * who work 08:00–13:00 and 14:00–20:00 every day of the week, the default
 * types, and two patients (Camila with a WhatsApp phone, Tomás without).
 */
export async function scheduleFixture() {
  const { core, dataDir } = await setUpPractice();
  const events: { name: EventName; payload: unknown }[] = [];
  core.onEvent('watcher', (name, payload) => events.push({ name, payload }));
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  const chair1 = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
  const chair2 = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 2' });
  const dentist = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Catalina Andrea',
    firstSurname: 'González',
    kind: 'dentist',
    colour: '#2563eb',
    defaultOperatoryId: chair1.id,
  });
  const hygienist = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Pamela',
    firstSurname: 'Soto',
    kind: 'hygienist',
    colour: '#0891b2',
    defaultOperatoryId: chair2.id,
  });
  for (const [provider, chair] of [
    [dentist, chair1],
    [hygienist, chair2],
  ] as const) {
    await call(core, 'admin', 'schedule.hours.set', {
      providerId: provider.id,
      intervals: ALL_DAYS.flatMap((weekday) => [
        { weekday, start: '08:00', end: '13:00', operatoryId: chair.id },
        { weekday, start: '14:00', end: '20:00', operatoryId: chair.id },
      ]),
    });
  }
  const types = await call(core, 'admin', 'schedule.types.list', {});
  const cleaning = types.find((t) => t.name === 'Limpieza')!;
  const checkup = types.find((t) => t.name === 'Control')!;
  const camila = await addPatient(core, 'Camila Andrea', 'Fuentes', [{ number: '9 8765 4321', whatsapp: true }]);
  const tomas = await addPatient(core, 'Tomás', 'Núñez', [{ number: '+56 2 2345 6789', kind: 'home' }]);
  events.length = 0;
  return { core, dataDir, events, chair1, chair2, dentist, hygienist, cleaning, checkup, camila, tomas, monday: mondayAhead() };
}

export type Fixture = Awaited<ReturnType<typeof scheduleFixture>>;

export async function count(core: AppCore, table: 'appointments' | 'appointment_status_history' | 'sync_outbox' | 'audit_log' | 'reminder_log' | 'waitlist') {
  const db = core.vault.store().db;
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}

export function bookInput(f: Fixture, over: Partial<CallInput<'schedule.book'>> = {}): CallInput<'schedule.book'> {
  return {
    patientId: f.camila.id,
    providerId: f.dentist.id,
    operatoryId: f.chair1.id,
    typeId: f.checkup.id,
    startLocal: `${f.monday}T09:00`,
    ...over,
  };
}

import { describe, expect, it } from 'vitest';
import { DEMO_ANCHOR, generateDemo } from '../../src/main/demo/generate-demo';
import { addDays, isoWeekday } from '../../src/shared/schedule/time';
import { call, startCore, tempDir } from '../support/practice';

const PASSPHRASE = 'demo test passphrase';

/** The small demo, whose DEMO_STEPS include the schedule step. */
async function demoWithSchedule() {
  const dataDir = tempDir('dental-schedule-demo-');
  await generateDemo({ dataDir, passphrase: PASSPHRASE, size: 'small' });
  const core = await startCore({ dataDir, passphrase: PASSPHRASE });
  const store = core.vault.store();
  const appointments = await store.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  await call(core, 'demo', 'auth.signIn', { username: 'admin', password: 'demo-admin-2026' });
  return { core, db: store.db, counts: { appointments: Number(appointments.n) } };
}

describe('the demo schedule', () => {
  it('fills every chair on working days with appointments that respect the rules, through the write path', async () => {
    const { core, db, counts } = await demoWithSchedule();
    expect(counts.appointments).toBeGreaterThan(500);
    const outbox = await db.selectFrom('sync_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('table_name', '=', 'appointments').executeTakeFirstOrThrow();
    expect(Number(outbox.n)).toBeGreaterThanOrEqual(counts.appointments!);

    // A past weekday that is no holiday: both chairs run full days, without conflicts.
    let date = addDays(DEMO_ANCHOR.slice(0, 10), -14);
    while (isoWeekday(date) > 5 || (await call(core, 'demo', 'schedule.day', { date })).holiday) date = addDays(date, -1);
    const day = await call(core, 'demo', 'schedule.day', { date });
    expect(day.operatories).toHaveLength(2);
    for (const chair of day.operatories) {
      const minutes = day.appointments.filter((a) => a.operatoryId === chair.id && a.status !== 'no_show').reduce((s, a) => s + a.durationMin, 0);
      expect(minutes, chair.name).toBeGreaterThan(6 * 60);
    }
    expect(day.conflicts.filter((c) => c.kind !== 'patient_double_booked')).toEqual([]);
    expect(day.blockouts.some((b) => b.typeName === 'Almuerzo')).toBe(true);

    const statuses = await db.selectFrom('appointments').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const by = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    expect(by.completed).toBeGreaterThan(by.no_show!);
    expect(by.cancelled).toBeGreaterThan(0);
    expect(by.scheduled).toBeGreaterThan(0);
    // Each appointment has its status fact.
    const facts = await db.selectFrom('appointment_status_history').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(facts.n)).toBe(counts.appointments);
    expect((await call(core, 'demo', 'schedule.waitlist.list', {})).length).toBeGreaterThan(0);
    expect((await call(core, 'demo', 'schedule.unscheduled', {})).total).toBeGreaterThan(0);
  });
});

import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAppCore } from '../src/main/app-core';
import { DEMO_ANCHOR, DEMO_GENERATOR_VERSION, DEMO_PROFILES, DEMO_SEED, DEMO_STAFF_PASSWORD, holdsPractice } from '../src/main/demo/generate-demo';
import { Random } from '../src/main/demo/random';
import { generateScheduleDemo, SCHEDULE_DEMO_VERSION, scheduleContextFromPractice } from '../src/main/demo/schedule-demo';
import { findOpenings } from '../src/main/schedule/openings-service';
import { scheduleSnapshot } from '../src/main/schedule/schedule-context';
import { dayView } from '../src/main/schedule/views-service';
import { addDays, isoWeekday, weekStart } from '../src/shared/schedule/time';
import { BENCH_DATA, benchDispatcher, copyPractice } from './fixture';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';

const WARM_UP = 40;


interface Marker {
  generatorVersion: number;
  scheduleVersion: number;
  seed: string;
}

/**
 * The large demo with its ten years of appointments. Once the schedule step
 * is part of DEMO_STEPS the large demo already has them and is used as it
 * is; until then a copy of it gets them from the same generator, made once
 * under .bench-data and reused while the generators' versions stay the same.
 */
async function ensureScheduleDemo(ctx: BenchContext): Promise<string> {
  const dataDir = join(BENCH_DATA, 'large-schedule');
  const markerFile = join(BENCH_DATA, 'large-schedule.json');
  const wanted: Marker = { generatorVersion: DEMO_GENERATOR_VERSION, scheduleVersion: SCHEDULE_DEMO_VERSION, seed: DEMO_SEED };
  const current = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
  if (current && JSON.stringify(current) === JSON.stringify(wanted) && holdsPractice(dataDir)) {
    info(`reusing the large demo with its schedule in ${dataDir}`);
    // Brought to this build's schema once here, so that the copies measured open without migrating.
    const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
    await core.close();
    return dataDir;
  }
  rmSync(markerFile, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const store = core.vault.store();
    const existing = await store.db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(existing.n) === 0) {
      info('adding ten years of appointments to a copy of the large demo (once; reused by later runs)');
      const admin = await store.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
      const started = performance.now();
      let lastTenth = -1;
      const demo = await scheduleContextFromPractice(
        store,
        { userId: admin.id, deviceId: store.deviceId },
        {
          seed: DEMO_SEED,
          anchorMs: Date.parse(DEMO_ANCHOR),
          profile: DEMO_PROFILES.large,
          onProgress: (done, total) => {
            const tenth = Math.floor((done / total) * 10);
            if (tenth !== lastTenth) info(`  schedule ${done}/${total} days`);
            lastTenth = tenth;
          },
        },
      );
      await generateScheduleDemo(demo);
      info(`schedule generated in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(demo.counts)}`);
    }
  } finally {
    await core.close();
  }
  writeFileSync(markerFile, JSON.stringify(wanted, null, 2));
  return dataDir;
}

/** Weekdays that hold appointments, spread over the ten years. */
function sampleDates(random: Random, from: string, to: string, n: number): string[] {
  const span = (Date.parse(to) - Date.parse(from)) / 86_400_000;
  const out: string[] = [];
  while (out.length < n) {
    const date = addDays(from, random.int(0, span));
    if (isoWeekday(date) <= 5) out.push(date);
  }
  return out;
}

async function run(ctx: BenchContext): Promise<void> {
  const source = await ensureScheduleDemo(ctx);
  // A copy: the reads write audit entries and the booking bench writes appointments.
  const dataDir = ctx.tempDir('schedule');
  copyPractice(source, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = benchDispatcher(core);
    // The whole-file check that opening starts runs in a worker for seconds on this file: not what is measured.
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'recepcion', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const total = await db.selectFrom('appointments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const range = await db.selectFrom('appointments').select((eb) => [eb.fn.min('start_date').as('first'), eb.fn.max('start_date').as('last')]).executeTakeFirstOrThrow();
    const providers = (await db.selectFrom('providers').select('id').where('active', '=', 1).execute()).map((p) => p.id);
    const chairs = await db.selectFrom('operatories').select('id').where('active', '=', 1).execute();
    const anchor = DEMO_ANCHOR.slice(0, 10);
    info(`schedule: ${Number(total.n)} appointments from ${range.first} to ${range.last}, ${providers.length} providers, ${chairs.length} chairs`);
    const random = new Random('bench/schedule');

    if (ctx.wants('schedule.day_view') || ctx.wants('schedule.day_view_query')) {
      const dates = sampleDates(random, String(range.first), anchor, 300 + WARM_UP);
      const store = core.vault.store();
      for (const date of dates.slice(0, WARM_UP)) await dispatch('schedule.day', { date });
      const viaDispatcher: number[] = [];
      const query: number[] = [];
      let cards = 0;
      for (const date of dates.slice(WARM_UP)) {
        const { ms, value } = await timeAsync(() => dispatch('schedule.day', { date }) as Promise<{ appointments: unknown[] }>);
        viaDispatcher.push(ms);
        cards += value.appointments.length;
        // The same work without the dispatcher (session check, input and output parsing) and the audit entry.
        query.push((await timeAsync(async () => dayView(db, await scheduleSnapshot(store), date, { withAlerts: true }, store.database.sqlite))).ms);
      }
      info(`schedule.day_view: ${(cards / viaDispatcher.length).toFixed(0)} appointments per day on average over ${chairs.length} chairs`);
      ctx.emit(summarize('schedule.day_view', viaDispatcher));
      ctx.emit(summarize('schedule.day_view_query', query));
    }

    if (ctx.wants('schedule.week_view')) {
      const weeks = sampleDates(random, String(range.first), anchor, 200 + WARM_UP).map(weekStart);
      const samples: number[] = [];
      for (const [i, start] of weeks.entries()) {
        const { ms } = await timeAsync(() => dispatch('schedule.week', { start, providerId: random.pick(providers) }));
        if (i >= WARM_UP) samples.push(ms);
      }
      ctx.emit(summarize('schedule.week_view', samples));
    }

    if (ctx.wants('schedule.find_opening_60d') || ctx.wants('schedule.find_opening_60d_full')) {
      // What the desk asks: from today, over 60 days, for a provider or anyone, a length and a time of day.
      const today = (await scheduleSnapshot(core.vault.store())).ctx.today;
      const asks = Array.from({ length: 100 + WARM_UP }, () => ({
        providerId: random.chance(0.75) ? random.pick(providers) : undefined,
        durationMin: random.pick([30, 45, 60, 90]),
        timeOfDay: random.pick(['any', 'morning', 'afternoon'] as const),
        from: today,
        to: addDays(today, 59),
        limit: 10,
      }));
      const samples: number[] = [];
      let found = 0;
      for (const [i, ask] of asks.entries()) {
        const { ms, value } = await timeAsync(() => dispatch('schedule.findOpenings', ask) as Promise<unknown[]>);
        if (i >= WARM_UP) {
          samples.push(ms);
          found += value.length;
        }
      }
      info(`schedule.find_opening_60d: ${(found / samples.length).toFixed(1)} openings per search`);
      ctx.emit(summarize('schedule.find_opening_60d', samples));

      // The worst case: sixty days of full past weeks, where nothing is free and every day is read.
      const full: number[] = [];
      let fullFound = 0;
      for (const [i, from] of sampleDates(random, addDays(String(range.first), 30), addDays(anchor, -90), 60 + 10).entries()) {
        const nowMs = Date.parse(`${from}T03:00:00Z`);
        const input = { providerId: random.pick(providers), durationMin: 60, timeOfDay: 'any' as const, weekdays: [], from, to: addDays(from, 59), limit: 10 };
        const { ms, value } = await timeAsync(async () => findOpenings(db, await scheduleSnapshot(core.vault.store()), input, nowMs));
        if (i >= 10) {
          full.push(ms);
          fullFound += value.length;
        }
      }
      info(`schedule.find_opening_60d_full: ${(fullFound / full.length).toFixed(1)} openings per search in full past weeks`);
      ctx.emit(summarize('schedule.find_opening_60d_full', full));
    }

    if (ctx.wants('schedule.book')) {
      const patients = (await db.selectFrom('patients').select('id').where('deleted_at', 'is', null).limit(5000).execute()).map((p) => p.id);
      const samples: number[] = [];
      for (let i = 0; i < 100 + 10; i++) {
        const chair = random.int(0, chairs.length - 1);
        const date = sampleDates(random, addDays(anchor, 30), addDays(anchor, 85), 1)[0]!;
        const input = {
          patientId: random.pick(patients),
          providerId: providers[chair % providers.length]!,
          operatoryId: chairs[chair]!.id,
          startLocal: `${date}T${String(random.int(9, 18)).padStart(2, '0')}:${random.pick(['00', '20', '40'])}`,
          durationMin: 30,
          // The demo's days are full: every booking here conflicts, and goes through as the desk would override it.
          override: true,
        };
        const { ms } = await timeAsync(() => dispatch('schedule.book', input));
        if (i >= 10) samples.push(ms);
      }
      ctx.emit(summarize('schedule.book', samples));
    }
  } finally {
    await core.close();
  }
}

export const scheduleSuite: BenchSuite = {
  area: 'schedule',
  benches: ['schedule.day_view', 'schedule.day_view_query', 'schedule.week_view', 'schedule.find_opening_60d', 'schedule.find_opening_60d_full', 'schedule.book'],
  run,
};

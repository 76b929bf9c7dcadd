import { copyFileSync, existsSync } from 'node:fs';
import { type Kysely, sql } from 'kysely';
import { createAppCore } from '../src/main/app-core';
import { practicePaths } from '../src/main/db/data-dir';
import { DEMO_STAFF_PASSWORD } from '../src/main/demo/generate-demo';
import { SURNAMES } from '../src/main/demo/names';
import { Random, WeightedPicker } from '../src/main/demo/random';
import { searchPatients } from '../src/main/patients/patient-search';
import { practiceInfo } from '../src/main/patients/patients-service';
import type { PatientsTable, Schema } from '../src/main/db/schema';
import { formatRut } from '../src/shared/identity/rut';
import { fold } from '../src/shared/text/fold';
import { type BenchContext, type BenchSuite, info, median, percentile, summarize, sum, timeAsync } from './harness';

const QUERIES = 400;
const PANELS = 300;
const WARM_UP = 60;
const LIMIT = 20;

type Sample = Pick<PatientsTable, 'id' | 'given_names' | 'first_surname' | 'second_surname' | 'document_number' | 'phones' | 'email'>;

/**
 * What the front desk types, keystroke states included: surname prefixes
 * (with and without accents), given name and surname, two surnames, part of
 * a given name, RUT fragments with and without dots ("12.345", "12345678"),
 * phone fragments ("9876"), and the start of an e-mail. Seeded, so every
 * run measures the same mix.
 */
function queryMix(samples: readonly Sample[]): string[] {
  const random = new Random('bench/patients-search');
  const surnames = new WeightedPicker(SURNAMES);
  const maybeFold = (text: string) => (random.chance(0.7) ? fold(text) : text.toLowerCase());
  const queries: string[] = [];
  while (queries.length < QUERIES) {
    const p = random.pick(samples);
    const r = random.next();
    if (r < 0.25) {
      const surname = maybeFold(surnames.pick(random));
      queries.push(surname.slice(0, random.int(3, Math.max(3, surname.length))));
    } else if (r < 0.4) {
      queries.push(maybeFold(`${p.given_names.split(' ')[0]} ${p.first_surname}`));
    } else if (r < 0.5) {
      const second = maybeFold(p.second_surname);
      queries.push(`${maybeFold(p.first_surname)} ${second.slice(0, random.int(1, second.length))}`);
    } else if (r < 0.57) {
      const given = maybeFold(p.given_names.split(' ')[0]!);
      queries.push(given.slice(0, random.int(3, Math.max(3, given.length))));
    } else if (r < 0.75) {
      const rut = p.document_number!;
      const body = rut.split('-')[0]!;
      const forms = [formatRut(rut).slice(0, random.int(4, 10)), body.slice(0, random.int(5, body.length)), body, formatRut(rut), rut.replace('-', '')];
      queries.push(random.pick(forms));
    } else if (r < 0.93) {
      const digits = (JSON.parse(p.phones) as { e164: string }[])[0]!.e164.slice(4);
      const start = random.int(0, 4);
      queries.push(digits.slice(start, start + random.int(4, 8)));
    } else if (p.email) {
      queries.push(p.email.slice(0, random.int(4, 12)));
    }
  }
  return queries;
}

/** The naive search: each word LIKE '%word%' in any column, every row scanned, surname order. */
async function likeSearch(db: Kysely<Schema>, query: string) {
  const words = query.trim().split(/\s+/).filter(Boolean);
  const anyColumn = (word: string) => {
    const pattern = `%${word}%`;
    return sql`(given_names LIKE ${pattern} OR first_surname LIKE ${pattern} OR second_surname LIKE ${pattern}
      OR document_number LIKE ${pattern} OR phones LIKE ${pattern} OR email LIKE ${pattern})`;
  };
  const where = sql.join(words.map(anyColumn), sql` AND `);
  return sql`SELECT id, given_names, first_surname, second_surname, document_number, birth_date, phones, email FROM patients
    WHERE deleted_at IS NULL AND merged_into_id IS NULL AND ${where}
    ORDER BY first_surname, second_surname, given_names LIMIT ${LIMIT}`.execute(db);
}

async function run(ctx: BenchContext): Promise<void> {
  // A copy: opening panels and searching write audit entries, which must not change the shared demo.
  const source = practicePaths(ctx.practice.dataDir);
  const dataDir = ctx.tempDir('patients');
  const target = practicePaths(dataDir);
  for (const [from, to] of [
    [source.database, target.database],
    [source.wal, target.wal],
    [source.keys, target.keys],
    [source.workstation, target.workstation],
  ] as const) {
    if (existsSync(from)) copyFileSync(from, to);
  }
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = async (name: string, input: unknown) => {
      const result = await core.dispatch(name, input, 'bench');
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.messageKey}`);
      return result.value;
    };
    // A dentist: the panel then carries the medical history too, the heavier case.
    await dispatch('auth.signIn', { username: 'dra.gonzalez', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const samples = await db
      .selectFrom('patients')
      .select(['id', 'given_names', 'first_surname', 'second_surname', 'document_number', 'phones', 'email'])
      .where('deleted_at', 'is', null)
      .execute();
    const queries = queryMix(samples);

    if (['patients.search', 'patients.search_query', 'patients.search_like_baseline'].some((b) => ctx.wants(b))) {
      const practice = await practiceInfo(db);
      const warm = new Random('bench/patients-search/warm-up');
      for (let i = 0; i < WARM_UP; i++) {
        const q = warm.pick(queries);
        await dispatch('patients.search', { query: q, limit: LIMIT });
        await likeSearch(db, q);
      }
      // Three timings per query: through the dispatcher (what the user waits on: access check, parsing, the
      // audit entry), the search query itself, and the naive LIKE scan at that same layer.
      const viaDispatcher: number[] = [];
      const query: number[] = [];
      const like: number[] = [];
      let found = 0;
      for (const [i, text] of queries.entries()) {
        const steps = [
          async () => {
            const { ms, value } = await timeAsync(() => dispatch('patients.search', { query: text, limit: LIMIT }));
            viaDispatcher.push(ms);
            if ((value as unknown[]).length > 0) found++;
          },
          async () => query.push((await timeAsync(() => searchPatients(db, practice, text, LIMIT))).ms),
          async () => like.push((await timeAsync(() => likeSearch(db, text))).ms),
        ];
        // Rotating who goes first, so no side always gets the warmer cache.
        for (let k = 0; k < steps.length; k++) await steps[(i + k) % steps.length]!();
      }
      const paired = like.map((ms, i) => ms / query[i]!);
      const pairedDispatch = like.map((ms, i) => ms / viaDispatcher[i]!);
      info(
        `patients.search: ${queries.length} queries, ${found} with results. LIKE scan / our query, per query: median ${median(paired).toFixed(1)}, ` +
          `p5 ${percentile(paired, 5).toFixed(1)}, totals ${(sum(like) / sum(query)).toFixed(1)}; ` +
          `LIKE scan / our whole call through the dispatcher with its audit entry: median ${median(pairedDispatch).toFixed(1)}`,
      );
      const slowest = queries.map((q, i) => [q, viaDispatcher[i]!] as const).sort((a, b) => b[1] - a[1]).slice(0, 5);
      info(`slowest calls: ${slowest.map(([q, ms]) => `"${q}" ${ms.toFixed(1)} ms`).join(', ')}`);
      ctx.emit(summarize('patients.search', viaDispatcher));
      ctx.emit(summarize('patients.search_query', query));
      ctx.emit(summarize('patients.search_like_baseline', like, median(paired)));
    }

    if (ctx.wants('patients.open_panel')) {
      const random = new Random('bench/patients-open');
      const withHistory = (await db.selectFrom('patient_medical_history').select('patient_id').execute()).map((r) => r.patient_id);
      const inFamilies = (await db.selectFrom('patients').select('id').where('guarantor_patient_id', 'is not', null).execute()).map((r) => r.id);
      const ids: string[] = [];
      for (let i = 0; i < PANELS + WARM_UP; i++) {
        const pool = i % 3 === 0 ? withHistory : i % 3 === 1 ? inFamilies : samples.map((s) => s.id);
        ids.push(random.pick(pool));
      }
      for (const id of ids.slice(0, WARM_UP)) await dispatch('patients.get', { id });
      const samplesMs: number[] = [];
      for (const id of ids.slice(WARM_UP)) samplesMs.push((await timeAsync(() => dispatch('patients.get', { id }))).ms);
      ctx.emit(summarize('patients.open_panel', samplesMs));
    }
  } finally {
    await core.close();
  }
}

/**
 * - patients.search: the whole call through the dispatcher (access check, parsing, the audit entry
 *   every search writes), what the user waits on;
 * - patients.search_query: the search itself, database in, summaries out: the layer the baseline runs at;
 * - patients.search_like_baseline: the naive LIKE scan; "ratio" is the median over the queries of
 *   LIKE / search_query, each pair timed back to back (stderr also gives LIKE / the whole call);
 * - patients.open_panel: patients.get through the dispatcher as a dentist (history and alerts), audit included.
 */
export const patientsSuite: BenchSuite = {
  area: 'patients',
  benches: ['patients.search', 'patients.search_query', 'patients.search_like_baseline', 'patients.open_panel'],
  run,
};

import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { practicePaths } from '../src/main/db/data-dir';
import { openPracticeDatabase, type PracticeDatabase } from '../src/main/db/practice-database';
import type { Schema } from '../src/main/db/schema';
import { SURNAMES } from '../src/main/demo/names';
import { fold } from '../src/shared/text/fold';
import { Random, WeightedPicker } from '../src/main/demo/random';
import { type Actor, Store } from '../src/main/store/store';
import { loadOrCreateWorkstation } from '../src/main/workstation/workstation';
import { copyDecrypted, copyEncrypted, openPlainDatabase, unwrapKey } from './fixture';
import { type BenchContext, type BenchSuite, info, median, percentile, summarize, sum, timeAsync } from './harness';

const OPEN_ITERATIONS = 10;
const UNWRAP_ITERATIONS = 5;
const WORKLOAD_ROUNDS = 10;
const OPS_PER_ROUND = 500;
const OPS_PER_BATCH = 50;
const PAGE = 50;

const OP_KINDS = ['by_id', 'surname_prefix', 'count', 'update_phone'] as const;
type OpKind = (typeof OP_KINDS)[number];
type Op = { kind: 'by_id'; id: string } | { kind: 'surname_prefix'; prefix: string } | { kind: 'count' } | { kind: 'update_phone'; id: string; phones: string };

/** What the patient list shows first: the practice and the first page of patients by surname. */
async function firstQuery(db: Kysely<Schema>): Promise<number> {
  const practice = await db.selectFrom('practice').selectAll().limit(1).executeTakeFirst();
  if (!practice) throw new Error('no practice row');
  const page = await db
    .selectFrom('patients')
    .select(['id', 'given_names', 'first_surname', 'second_surname', 'document_number', 'birth_date'])
    .where('deleted_at', 'is', null)
    // The order every patient list in the app uses, served by its index.
    .orderBy('sort_name')
    .limit(PAGE)
    .execute();
  return page.length;
}

/**
 * 80% reads, 20% writes, in the proportions of a front desk: open a patient,
 * type the first letters of a surname, glance at the count, fix a phone.
 * Seeded by round, so both databases get exactly the same operations.
 */
function workload(round: number, ids: readonly string[]): Op[] {
  const random = new Random(`bench/mixed-workload/${round}`);
  const surnames = new WeightedPicker(SURNAMES);
  const ops: Op[] = [];
  for (let i = 0; i < OPS_PER_ROUND; i++) {
    const r = random.next();
    if (r < 0.35) ops.push({ kind: 'by_id', id: random.pick(ids) });
    else if (r < 0.7) ops.push({ kind: 'surname_prefix', prefix: surnames.pick(random).slice(0, 3) });
    else if (r < 0.8) ops.push({ kind: 'count' });
    else ops.push({ kind: 'update_phone', id: random.pick(ids), phones: JSON.stringify([{ e164: `+569${random.int(30_000_000, 99_999_999)}`, kind: 'mobile', whatsapp: true }]) });
  }
  return ops;
}

async function runOp(store: Store, actor: Actor, op: Op): Promise<void> {
  const db = store.db;
  switch (op.kind) {
    case 'by_id':
      await db.selectFrom('patients').selectAll().where('id', '=', op.id).executeTakeFirstOrThrow();
      return;
    case 'surname_prefix':
      await db
        .selectFrom('patients')
        .select(['id', 'given_names', 'first_surname', 'second_surname', 'document_number'])
        // Surname-first typing as the app's search answers it: a range over the folded sort_name index.
        .where('sort_name', '>=', fold(op.prefix))
        .where('sort_name', '<', `${fold(op.prefix)}\uffff`)
        .where('deleted_at', 'is', null)
        .orderBy('sort_name')
        .limit(20)
        .execute();
      return;
    case 'count':
      await db
        .selectFrom('patients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      return;
    case 'update_phone':
      await store.write(actor, async (tx) => {
        // Phones are one JSON list: the whole list changes, as the patient form saves it.
        await tx.update('patients', op.id, { phones: op.phones, updated_at: new Date().toISOString() });
        await tx.audit({ action: 'patients.update', entity: 'patient', entityId: op.id, details: { fields: ['phones'] } });
      });
      return;
  }
}

interface RoundResult {
  totalMs: number;
  batchMs: number[];
  opMs: Map<OpKind, number[]>;
}

async function runRound(store: Store, actor: Actor, ops: readonly Op[]): Promise<RoundResult> {
  const opMs = new Map<OpKind, number[]>(OP_KINDS.map((k) => [k, []]));
  const batchMs: number[] = [];
  for (let start = 0; start < ops.length; start += OPS_PER_BATCH) {
    const batchStart = process.hrtime.bigint();
    for (const op of ops.slice(start, start + OPS_PER_BATCH)) {
      const { ms } = await timeAsync(() => runOp(store, actor, op));
      opMs.get(op.kind)!.push(ms);
    }
    batchMs.push(Number(process.hrtime.bigint() - batchStart) / 1e6);
  }
  return { totalMs: sum(batchMs), batchMs, opMs };
}

async function benchUnwrapAndOpen(ctx: BenchContext, key: Buffer): Promise<void> {
  const { dataDir, passphrase } = ctx.practice;
  const file = practicePaths(dataDir).database;

  if (ctx.wants('key.unwrap_passphrase')) {
    const samples: number[] = [];
    for (let i = 0; i < UNWRAP_ITERATIONS; i++) samples.push((await timeAsync(() => unwrapKey(dataDir, passphrase))).ms);
    ctx.emit(summarize('key.unwrap_passphrase', samples));
  }

  if (ctx.wants('db.open_first_query')) {
    // Each open starts the whole-file check in a worker; it is awaited (untimed) before the next
    // open, so that no open is measured against a previous one's check still reading the file.
    const samples: number[] = [];
    const open: number[] = [];
    const query: number[] = [];
    const check: number[] = [];
    for (let i = 0; i < OPEN_ITERATIONS; i++) {
      const started = process.hrtime.bigint();
      const opened = await timeAsync(() => openPracticeDatabase(file, key));
      const queried = await timeAsync(() => firstQuery(opened.value.db));
      samples.push(opened.ms + queried.ms);
      open.push(opened.ms);
      query.push(queried.ms);
      const problem = await opened.value.integrity;
      if (problem) throw problem;
      check.push(Number(process.hrtime.bigint() - started) / 1e6);
      await opened.value.close();
    }
    ctx.emit(summarize('db.open_first_query', samples));
    ctx.emit(summarize('db.integrity_check_background', check));
    info(
      `db.open_first_query breakdown (median of ${OPEN_ITERATIONS}): open with key, version and schema check ${median(open).toFixed(1)} ms, ` +
        `first query ${median(query).toFixed(1)} ms; the background quick_check reported after ${median(check).toFixed(1)} ms`,
    );
  }
}

async function benchMixedWorkload(ctx: BenchContext, key: Buffer): Promise<void> {
  const { dataDir } = ctx.practice;
  const dir = ctx.tempDir('mixed-workload');
  info('copying the large demo for the mixed workload (encrypted copy, and a decrypted copy as baseline)');
  const encryptedFile = copyEncrypted(dataDir, join(dir, 'encrypted.db'));
  const plainFile = copyDecrypted(dataDir, key, join(dir, 'plain.db'));

  const workstation = loadOrCreateWorkstation(practicePaths(dataDir).workstation);
  const encrypted = await openPracticeDatabase(encryptedFile, key);
  const plain = openPlainDatabase(plainFile, encrypted.sqlite);
  const stores: Record<'encrypted' | 'plain', { database: PracticeDatabase; store: Store }> = {
    encrypted: { database: encrypted, store: await Store.open(encrypted, workstation.id) },
    plain: { database: plain, store: await Store.open(plain, workstation.id) },
  };
  try {
    const admin = await encrypted.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, deviceId: workstation.id };
    const ids = (await encrypted.db.selectFrom('patients').select('id').orderBy('id').execute()).map((r) => r.id);

    // One unrecorded round each fills the page caches, so neither side pays for a cold start the other does not.
    for (const side of ['plain', 'encrypted'] as const) await runRound(stores[side].store, actor, workload(-1, ids));

    const results = { plain: [] as RoundResult[], encrypted: [] as RoundResult[] };
    for (let round = 0; round < WORKLOAD_ROUNDS; round++) {
      const ops = workload(round, ids);
      // Alternating, and swapping who goes first each round (A/B, B/A, ...): drift in the
      // machine (other load, caches, the growing WAL) lands on both sides alike.
      const order = round % 2 === 0 ? (['plain', 'encrypted'] as const) : (['encrypted', 'plain'] as const);
      for (const side of order) {
        const result = await runRound(stores[side].store, actor, ops);
        results[side].push(result);
        info(`mixed workload round ${round + 1}/${WORKLOAD_ROUNDS} ${side}: ${result.totalMs.toFixed(0)} ms for ${ops.length} ops`);
      }
    }

    const all = (side: 'plain' | 'encrypted') => results[side].flatMap((r) => r.batchMs);
    // The median of each round's paired ratio: each pair ran back to back on the same operations.
    const totalRatio = median(results.encrypted.map((r, i) => r.totalMs / results.plain[i]!.totalMs));
    ctx.emit(summarize('db.mixed_workload_plain', all('plain')));
    ctx.emit(summarize('db.mixed_workload_encrypted', all('encrypted'), totalRatio));
    for (const kind of OP_KINDS) {
      const opSamples = (side: 'plain' | 'encrypted') => results[side].flatMap((r) => r.opMs.get(kind)!);
      const ratio = percentile(opSamples('encrypted'), 50) / percentile(opSamples('plain'), 50);
      ctx.emit(summarize(`db.mixed_workload_plain.${kind}`, opSamples('plain')));
      ctx.emit(summarize(`db.mixed_workload_encrypted.${kind}`, opSamples('encrypted'), ratio));
    }
  } finally {
    await stores.encrypted.database.close();
    await stores.plain.database.close();
  }
}

export const databaseSuite: BenchSuite = {
  area: 'database',
  benches: [
    'key.unwrap_passphrase',
    'db.open_first_query',
    'db.mixed_workload_plain',
    'db.mixed_workload_encrypted',
    ...OP_KINDS.flatMap((k) => [`db.mixed_workload_plain.${k}`, `db.mixed_workload_encrypted.${k}`]),
  ],
  async run(ctx) {
    const key = await unwrapKey(ctx.practice.dataDir, ctx.practice.passphrase);
    try {
      await benchUnwrapAndOpen(ctx, key);
      if (this.benches.some((b) => b.startsWith('db.mixed_workload') && ctx.wants(b))) await benchMixedWorkload(ctx, key);
    } finally {
      key.fill(0);
    }
  },
};

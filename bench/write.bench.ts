import { join } from 'node:path';
import { verifyAuditChain } from '../src/main/audit/audit-verify';
import { practicePaths } from '../src/main/db/data-dir';
import { readKeyFile } from '../src/main/db/keys';
import { openPracticeDatabase } from '../src/main/db/practice-database';
import type { PatientsTable } from '../src/main/db/schema';
import { DEMO_ANCHOR, practiceOpened } from '../src/main/demo/generate-demo';
import { generatePatients, rutFromBody } from '../src/main/demo/people';
import { type Actor, Store } from '../src/main/store/store';
import { loadOrCreateWorkstation, readWorkstation } from '../src/main/workstation/workstation';
import { copyEncrypted, unwrapKey } from './fixture';
import { type BenchContext, type BenchSuite, info, median, summarize, sum, timeAsync } from './harness';

/** Transactions per side per round, by rows per transaction; about the same total time for each size. */
const SHAPES = [
  { rowsPerTx: 1, txPerRound: 40 },
  { rowsPerTx: 100, txPerRound: 10 },
] as const;
const ROUNDS = 6;
/** Far above the demo's RUT bodies (at most 27,000,000), so new rows never hit the unique index. */
const FIRST_RUT_BODY = 40_000_000;

type Mode = 'write_path' | 'plain_insert';

/** Inserts a transaction's rows one way or the other; the only difference is the outbox and audit entries. */
async function insertTx(store: Store, actor: Actor, mode: Mode, rows: PatientsTable[]): Promise<void> {
  if (mode === 'write_path') {
    await store.write(actor, async (tx) => {
      for (const row of rows) await tx.insert('patients', row);
      await tx.audit({ action: 'patients.create', entity: 'patient', entityId: rows.length === 1 ? rows[0]!.id : null, details: { count: rows.length } });
    });
  } else {
    await store.db.transaction().execute(async (trx) => {
      for (const row of rows) await trx.insertInto('patients').values(row).execute();
    });
  }
}

async function run(ctx: BenchContext): Promise<void> {
  const { dataDir, passphrase } = ctx.practice;
  const key = await unwrapKey(dataDir, passphrase);
  const file = copyEncrypted(dataDir, join(ctx.tempDir('writes'), 'encrypted.db'));
  const database = await openPracticeDatabase(file, key);
  key.fill(0);
  try {
    const workstation = loadOrCreateWorkstation(practicePaths(dataDir).workstation);
    const store = await Store.open(database, workstation.id);
    const admin = await database.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, deviceId: workstation.id };

    const needed = SHAPES.reduce((n, s) => n + 2 * ROUNDS * s.txPerRound * s.rowsPerTx, 0);
    const rows = generatePatients('bench/writes', { count: needed, anchorMs: Date.parse(DEMO_ANCHOR), historyStartMs: practiceOpened(Date.parse(DEMO_ANCHOR)) });
    rows.forEach((row, i) => (row.document_number = rutFromBody(FIRST_RUT_BODY + i)));
    let next = 0;
    const take = (n: number) => rows.slice(next, (next += n));

    for (const shape of SHAPES) {
      const wanted = (mode: Mode) => ctx.wants(`write.throughput_${mode}.rows_${shape.rowsPerTx}`);
      if (!wanted('write_path') && !wanted('plain_insert')) continue;
      const perRow: Record<Mode, number[]> = { write_path: [], plain_insert: [] };
      const totals: Record<Mode, number[]> = { write_path: [], plain_insert: [] };
      for (let round = 0; round < ROUNDS; round++) {
        // Alternating, first one side then the other, so both see the same WAL growth and machine noise.
        const order = round % 2 === 0 ? (['plain_insert', 'write_path'] as const) : (['write_path', 'plain_insert'] as const);
        for (const mode of order) {
          const txMs: number[] = [];
          for (let t = 0; t < shape.txPerRound; t++) {
            const batch = take(shape.rowsPerTx);
            txMs.push((await timeAsync(() => insertTx(store, actor, mode, batch))).ms);
          }
          perRow[mode].push(...txMs.map((ms) => ms / shape.rowsPerTx));
          totals[mode].push(sum(txMs));
        }
      }
      info(
        `writes, ${shape.rowsPerTx} row(s) per transaction: median round ${median(totals.write_path).toFixed(0)} ms through the write path, ` +
          `${median(totals.plain_insert).toFixed(0)} ms plain, ${ROUNDS * shape.txPerRound * shape.rowsPerTx} rows each`,
      );
      ctx.emit(summarize(`write.throughput_plain_insert.rows_${shape.rowsPerTx}`, perRow.plain_insert));
      const ratio = median(totals.write_path.map((ms, i) => ms / totals.plain_insert[i]!));
      ctx.emit(summarize(`write.throughput_write_path.rows_${shape.rowsPerTx}`, perRow.write_path, ratio));
    }
  } finally {
    await database.close();
  }
}

const VERIFY_RUNS = 3;

/** `npm run verify`'s audit check on the whole large demo: every entry's seal, then the anchor and the checkpoint. */
async function benchVerify(ctx: BenchContext): Promise<void> {
  const { dataDir, passphrase } = ctx.practice;
  const key = await unwrapKey(dataDir, passphrase);
  const file = copyEncrypted(dataDir, join(ctx.tempDir('verify'), 'encrypted.db'));
  const database = await openPracticeDatabase(file, key);
  key.fill(0);
  try {
    const paths = practicePaths(dataDir);
    const seal = { deviceId: readWorkstation(paths.workstation)?.id ?? null, key: database.auditKey, checkpoint: readKeyFile(paths.keys)?.auditCheckpoint ?? null };
    const samples: number[] = [];
    let report = verifyAuditChain(database.sqlite, seal);
    for (let i = 0; i < VERIFY_RUNS; i++) samples.push((await timeAsync(async () => (report = verifyAuditChain(database.sqlite, seal)))).ms);
    info(`audit verify: ${report.checked} entries, ${report.intact ? 'intact' : `broken (${report.brokenAt?.kind})`}, ${Math.round(report.checked / (median(samples) / 1000))} entries/s`);
    ctx.emit(summarize('audit.verify_large_demo', samples));
  } finally {
    await database.close();
  }
}

export const writeSuite: BenchSuite = {
  area: 'write',
  benches: [...SHAPES.flatMap((s) => [`write.throughput_plain_insert.rows_${s.rowsPerTx}`, `write.throughput_write_path.rows_${s.rowsPerTx}`]), 'audit.verify_large_demo'],
  async run(ctx) {
    await run(ctx);
    if (ctx.wants('audit.verify_large_demo')) await benchVerify(ctx);
  },
};

import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import Database from 'better-sqlite3-multiple-ciphers';
import { type AppCore, createAppCore } from '../src/main/app-core';
import { practicePaths } from '../src/main/db/data-dir';
import { applyRemoteBatch } from '../src/main/sync/apply-remote';
import { ChangeOpener, type OpenedChanges } from '../src/main/sync/change-opener';
import { deriveSyncKey, openChange, sealChange } from '../src/main/sync/sync-crypto';
import type { CallInput, CallName, CallOutput } from '../src/shared/contract';
import { AppError } from '../src/shared/contract/errors';
import { encodeHlc } from '../src/shared/sync/hlc';
import type { SequencedEnvelope } from '../src/shared/sync/protocol';
import { copyPractice, unwrapKey } from './fixture';
import { type BenchContext, type BenchSuite, info, percentile, summarize, sum, timeAsync } from './harness';

const APPLY = 'sync.apply.changes_per_s';
const LATENCY = 'sync.latency.a_to_b';

/** The real long-poll: live delivery must come from the hub waking a waiting pull, not from short polling. */
export const SYNC_OPTIONS = { waitMs: 25_000 };
const APPLY_BATCH = 1000;
const APPLY_ROUNDS = 3;
const APPLY_PATIENTS = 8000;
const APPLY_APPOINTMENTS = 8000;
const APPLY_UPDATES = 4000;
const LATENCY_WARMUP = 5;
const LATENCY_SAMPLES = 60;
const PASSPHRASE = 'bench-only passphrase, sync bench';
const ADMIN = { username: 'admin', password: 'admin-password-1' };
const PRACTICE = { name: 'Clínica Bench Sync', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'es' } as const;

type Row = Record<string, unknown>;

/** The contract as a transport calls it (test/support/practice.ts registers vitest hooks, so not imported here). */
export async function call<N extends CallName>(core: AppCore, connection: string, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch(name, input, connection);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as CallOutput<N>;
}

/** A fresh encrypted practice, set up through the contract, its admin signed in on "admin". */
export async function newPractice(dataDir: string, workstationName: string): Promise<AppCore> {
  const core = await createAppCore({ dataDir, workstationName, sync: SYNC_OPTIONS });
  await call(core, 'admin', 'app.setup', {
    practice: PRACTICE,
    admin: { givenNames: 'Ana María', firstSurname: 'Pérez', secondSurname: 'Soto', ...ADMIN },
    key: { kind: 'passphrase', passphrase: PASSPHRASE },
  });
  return core;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** practice.db plus its WAL, as on disk now. */
export function databaseBytes(dataDir: string): { db: number; wal: number } {
  const paths = practicePaths(dataDir);
  return { db: statSync(paths.database).size, wal: existsSync(paths.wal) ? statSync(paths.wal).size : 0 };
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

// ---------------------------------------------------------------------------------------------
// 1. Applying remote changes

interface PlainChange {
  table: string;
  rowId: string;
  op: 'insert' | 'update';
  fields: Row;
}

/**
 * Real rows of the large demo (read from a copy of it): its chairs, appointment
 * types and providers (so the appointments' references hold), 8,000 patients,
 * 8,000 of their appointments, then 4,000 edits of those patients' contact details.
 */
export function readDemoChanges(dataDir: string, key: Buffer): PlainChange[] {
  const sqlite = new Database(practicePaths(dataDir).database, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    const all = (sql: string, ...params: unknown[]) => sqlite.prepare(sql).all(...params) as Row[];
    const insert = (table: string) => (row: Row): PlainChange => ({ table, rowId: String(row.id), op: 'insert', fields: row });
    const patients = all(`SELECT * FROM patients WHERE deleted_at IS NULL AND merged_into_id IS NULL ORDER BY rowid LIMIT ?`, APPLY_PATIENTS);
    const appointments = all(
      `SELECT * FROM appointments WHERE patient_id IN (SELECT id FROM patients WHERE deleted_at IS NULL AND merged_into_id IS NULL ORDER BY rowid LIMIT ?) ORDER BY rowid LIMIT ?`,
      APPLY_PATIENTS,
      APPLY_APPOINTMENTS,
    );
    const at = new Date().toISOString();
    const updates = patients.slice(0, APPLY_UPDATES).map(
      (p, i): PlainChange => ({
        table: 'patients',
        rowId: String(p.id),
        op: 'update',
        // A front-desk edit of contact details, as patients.update stores them.
        fields: { email: `paciente.${i}@correo.cl`, phones: JSON.stringify([{ e164: `+5698${String(1_000_000 + i).slice(1)}0`, kind: 'mobile', whatsapp: true }]), updated_at: at },
      }),
    );
    return [
      ...all(`SELECT * FROM operatories`).map(insert('operatories')),
      ...all(`SELECT * FROM appointment_types`).map(insert('appointment_types')),
      // The demo staff's user rows are not part of this set; a provider without a login is valid.
      ...all(`SELECT * FROM providers`).map((p) => insert('providers')({ ...p, user_id: null })),
      ...patients.map(insert('patients')),
      ...appointments.map(insert('appointments')),
      ...updates,
    ];
  } finally {
    sqlite.close();
  }
}

export function sealAll(changes: readonly PlainChange[], syncKey: Buffer, deviceId: string): SequencedEnvelope[] {
  const base = Date.now() - 60_000;
  return changes.map((change, i) => ({
    ...sealChange(
      syncKey,
      {
        changeId: randomUUID(),
        hlc: encodeHlc({ wallMs: base + Math.floor(i / 100), counter: i % 100, node: deviceId }),
        deviceId,
        userId: null,
        role: 'admin',
        table: change.table,
        rowId: change.rowId,
        op: change.op,
        seenSeq: 0,
      },
      change.fields,
    ),
    seq: i + 1,
  }));
}

/** The baseline: the same rows written with prepared statements, one transaction per batch, nothing else. */
export function plainWrite(sqlite: Database.Database, changes: readonly PlainChange[], statements: Map<string, Database.Statement>): void {
  sqlite.transaction(() => {
    for (const change of changes) {
      const names = Object.keys(change.fields).filter((n) => change.op === 'insert' || n !== 'id');
      const sql =
        change.op === 'insert'
          ? `INSERT INTO "${change.table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
          : `UPDATE "${change.table}" SET ${names.map((n) => `"${n}" = ?`).join(', ')} WHERE id = ?`;
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = sqlite.prepare(sql)));
      const values = names.map((n) => change.fields[n]);
      if (change.op === 'insert') statement.run(...values);
      else statement.run(...values, change.rowId);
    }
  })();
}

async function applyBench(ctx: BenchContext, demoCopy: string): Promise<void> {
  const changes = readDemoChanges(demoCopy, await unwrapKey(demoCopy, ctx.practice.passphrase));
  const syncKey = deriveSyncKey(randomBytes(32));
  const remoteDevice = `bench-remote-${randomUUID().slice(0, 8)}`;
  const envelopes = sealAll(changes, syncKey, remoteDevice);
  const sealedBytes = sum(envelopes.map((e) => e.sealed.length));
  info(`${APPLY}: ${envelopes.length} changes (${changes.filter((c) => c.op === 'update').length} updates), ${mb(sealedBytes)} sealed, ${APPLY_ROUNDS} rounds`);

  // On a shared machine one pass is at the mercy of its neighbours: the baseline and the apply take turns,
  // each round on fresh practices, and the figures are over all rounds.
  const plainMs: number[] = [];
  const applyMs: number[] = [];
  let conflicts = 0;
  for (let round = 0; round < APPLY_ROUNDS; round++) {
    const baseline = await newPractice(ctx.tempDir('sync-insert'), 'Bench insert');
    const target = await newPractice(ctx.tempDir('sync-apply'), 'Bench apply');
    try {
      const statements = new Map<string, Database.Statement>();
      const baseStore = baseline.vault.store();
      for (let start = 0; start < changes.length; start += APPLY_BATCH) {
        const batch = changes.slice(start, start + APPLY_BATCH);
        plainMs.push((await timeAsync(() => baseStore.exclusive((sqlite) => plainWrite(sqlite, batch, statements)))).ms);
      }

      const store = target.vault.store();
      let applied = 0;
      let parked = 0;
      // As the sync client catches up: each batch is opened on the opener's worker while the one before is applied.
      const opener = new ChangeOpener(syncKey);
      const batches: SequencedEnvelope[][] = [];
      for (let start = 0; start < envelopes.length; start += APPLY_BATCH) batches.push(envelopes.slice(start, start + APPLY_BATCH));
      let next: Promise<OpenedChanges> | null = null;
      for (const [i, batch] of batches.entries()) {
        const { ms, value } = await timeAsync(async () => {
          const opened = await (next ?? opener.open(batch));
          next = i + 1 < batches.length ? opener.open(batches[i + 1]!) : null;
          return store.exclusive((sqlite) => applyRemoteBatch({ sqlite, syncKey, selfDeviceId: store.deviceId, clock: store.clock, opened }, batch));
        });
        applyMs.push(ms);
        applied += value.applied;
        parked += value.parked;
        conflicts += value.conflicts;
      }
      await opener.close();
      if (applied !== envelopes.length || parked !== 0) throw new Error(`${APPLY}: applied ${applied}, parked ${parked} of ${envelopes.length}`);
      const check = await store.exclusive((sqlite) => sqlite.prepare(`SELECT count(*) AS n FROM appointments`).get() as { n: number });
      if (check.n < APPLY_APPOINTMENTS) throw new Error(`${APPLY}: only ${check.n} appointments arrived`);
    } finally {
      await target.close();
      await baseline.close();
    }
  }
  // What opening the sealed values alone costs (AES-256-GCM and JSON), the share of the apply no database work can save.
  const opening = await timeAsync(async () => {
    for (const envelope of envelopes) openChange(syncKey, envelope);
  });

  info(`${APPLY}: per batch of ${APPLY_BATCH}, apply ms ${applyMs.map((ms) => ms.toFixed(0)).join(' ')}; plain ms ${plainMs.map((ms) => ms.toFixed(0)).join(' ')}`);
  const ratio = sum(applyMs) / sum(plainMs);
  const total = envelopes.length * APPLY_ROUNDS;
  const changesPerS = Math.round(total / (sum(applyMs) / 1000));
  const openShare = (opening.ms * APPLY_ROUNDS) / sum(applyMs);
  info(
    `${APPLY}: ${changesPerS} changes/s applied vs ${Math.round(total / (sum(plainMs) / 1000))} rows/s plain (×${ratio.toFixed(2)}); ` +
      `p50 ${percentile(applyMs, 50).toFixed(1)} ms, p95 ${percentile(applyMs, 95).toFixed(1)} ms per batch; ` +
      `opening the sealed values ${(opening.ms / envelopes.length * 1000).toFixed(1)} µs per change (${(openShare * 100).toFixed(0)}% of the apply); ${conflicts} conflicts recorded`,
  );
  const result = {
    ...summarize(APPLY, applyMs, ratio),
    changes_per_s: changesPerS,
    ratio_vs_insert: Number(ratio.toFixed(3)),
    changes: envelopes.length,
    rounds: APPLY_ROUNDS,
    batch: APPLY_BATCH,
    open_us_per_change: Number(((opening.ms / envelopes.length) * 1000).toFixed(2)),
  };
  ctx.emit(result);
}

// ---------------------------------------------------------------------------------------------
// 2. Live latency, A to B

export async function joinPhase(core: AppCore): Promise<string> {
  const status = await call(core, 'guest', 'sync.joinStatus', {});
  if (status.join?.phase === 'failed') throw new Error(`join failed: ${status.join.messageKey}`);
  return status.join?.phase ?? 'none';
}

/** Starts joining a new, empty workstation through `address` (the hub, or a proxy in front of it), with a code made on `hubCore`. */
export async function startJoin(hubCore: AppCore, address: string, dataDir: string, name: string): Promise<AppCore> {
  const pairing = await call(hubCore, 'admin', 'sync.createPairing', {});
  const core = await createAppCore({ dataDir, workstationName: name, sync: SYNC_OPTIONS });
  await call(core, 'guest', 'sync.join', { address, code: pairing.code, deviceName: name, passphrase: PASSPHRASE });
  return core;
}

/**
 * Waits for `done`, telling progress every 15 s. Gives up (throws, with the
 * rate seen) once two minutes show that finishing would take longer than
 * `budgetMs`: a bench must not run for hours when something is grossly slow.
 */
export async function watch(what: string, done: () => Promise<boolean>, progress: () => { done: number; total: number }, budgetMs: number): Promise<void> {
  const started = performance.now();
  let told = started;
  for (;;) {
    if (await done()) return;
    const now = performance.now();
    const elapsed = now - started;
    const p = progress();
    const rate = p.done / (elapsed / 1000);
    if (now - told > 15_000) {
      told = now;
      info(`  ${what}: ${p.done}/${p.total} after ${(elapsed / 1000).toFixed(0)} s (${rate.toFixed(0)}/s)`);
    }
    const projected = p.done > 0 ? (elapsed * p.total) / p.done : Number.POSITIVE_INFINITY;
    if ((elapsed > 120_000 && projected > budgetMs) || elapsed > budgetMs) {
      throw new Error(
        `${what}: ${p.done} of ${p.total} after ${(elapsed / 1000).toFixed(0)} s (${rate.toFixed(1)}/s); ` +
          `at that rate it needs ~${(projected / 60_000).toFixed(0)} min, more than the ${(budgetMs / 60_000).toFixed(0)} min budget`,
      );
    }
    await sleep(250);
  }
}

async function latencyBench(ctx: BenchContext): Promise<void> {
  const a = await newPractice(ctx.tempDir('sync-a'), 'Recepción');
  let b: AppCore | null = null;
  try {
    await call(a, 'admin', 'sync.becomeHub', { port: await freePort() });
    b = await startJoin(a, `127.0.0.1:${a.sync.servedHub!.port}`, ctx.tempDir('sync-b'), 'Sillón 2');
    const joining = b;
    await watch('join', async () => (await joinPhase(joining)) === 'done', () => ({ done: 0, total: 1 }), 60_000);
    await call(b, 'admin', 'auth.signIn', ADMIN);
    await a.sync.running!.settled();
    await b.sync.running!.settled();

    // Arrival times by patient id: an event could in principle beat the create call's return.
    const arrived = new Map<string, number>();
    const waiting = new Map<string, () => void>();
    b.onEvent('bench-watcher', (name, payload) => {
      if (name !== 'patients.changed') return;
      const now = performance.now();
      for (const id of (payload as { ids: string[] }).ids) {
        if (!arrived.has(id)) arrived.set(id, now);
        waiting.get(id)?.();
      }
    });
    const givenNames = ['Valentina', 'Joaquín', 'Florencia', 'Benjamín', 'Antonella', 'Matías', 'Isidora', 'Vicente'];
    const samples: number[] = [];
    for (let i = 0; i < LATENCY_WARMUP + LATENCY_SAMPLES; i++) {
      const draft = { givenNames: givenNames[i % givenNames.length]!, firstSurname: 'Rojas', secondSurname: `Bench ${i}`, birthDate: `19${50 + (i % 50)}-05-06` };
      const created = await call(a, 'admin', 'patients.create', { draft });
      const returned = performance.now();
      const seen = arrived.get(created.id) ?? (await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${LATENCY}: patient ${i} never reached B`)), 30_000);
        waiting.set(created.id, () => {
          clearTimeout(timer);
          resolve(arrived.get(created.id)!);
        });
      }));
      waiting.delete(created.id);
      if (i >= LATENCY_WARMUP) samples.push(Math.max(0, seen - returned));
    }
    info(`${LATENCY}: p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
    ctx.emit(summarize(LATENCY, samples));
  } finally {
    await b?.close();
    await a.close();
  }
}

async function run(ctx: BenchContext): Promise<void> {
  if (ctx.wants(APPLY)) {
    // Never the cached demo itself: even a read-only open leaves files beside it.
    const demoCopy = ctx.tempDir('sync-demo');
    const copy = await timeAsync(async () => copyPractice(ctx.practice.dataDir, demoCopy));
    info(`sync: copied the large demo practice in ${(copy.ms / 1000).toFixed(1)} s`);
    await applyBench(ctx, demoCopy);
  }
  if (ctx.wants(LATENCY)) await latencyBench(ctx);
}

/** Enrolling a workstation into the large demo, and the sizes around it, are in sync-enroll.bench.ts. */
export const syncSuite: BenchSuite = { area: 'sync', benches: [APPLY, LATENCY], run };

import { randomBytes } from 'node:crypto';
import { cpSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { type AppCore, createAppCore } from '../src/main/app-core';
import { openHubStore } from '../src/main/hub/hub-store';
import { applyRemoteBatch } from '../src/main/sync/apply-remote';
import { sealChange } from '../src/main/sync/sync-crypto';
import { syncState } from '../src/main/sync/sync-state';
import type { CallInput, CallName, CallOutput } from '../src/shared/contract';
import { AppError } from '../src/shared/contract/errors';
import type { SyncStatus } from '../src/shared/contract/sync';
import { encodeHlc } from '../src/shared/sync/hlc';
import type { SequencedEnvelope } from '../src/shared/sync/protocol';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';

const APPLY = 'sync.apply.changes_per_s';
const LATENCY = 'sync.latency.a_to_b';
const ENROLL = 'sync.enroll.large_demo';
const SIZE = 'sync.size.after_compaction';

const PASSPHRASE = 'bench-only passphrase, sync';
const ADMIN = { username: 'admin', password: 'admin-password-1' };
const APPLY_ROWS = 20_000;
const BATCH = 1000;

async function call<N extends CallName>(core: AppCore, connection: string, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch(name, input, connection);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as CallOutput<N>;
}

async function newPractice(dir: string, name = 'Bench'): Promise<AppCore> {
  const core = await createAppCore({ dataDir: dir, workstationName: name });
  await call(core, 'admin', 'app.setup', {
    practice: { name: 'Clínica Bench', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'es' },
    admin: { givenNames: 'Ana', firstSurname: 'Bench', secondSurname: '', ...ADMIN },
    key: { kind: 'passphrase', passphrase: PASSPHRASE },
  });
  return core;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, probe: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`sync bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const actorOf = (core: AppCore) => ({ userId: null, deviceId: core.vault.store().deviceId });

/** A new, empty computer joins the practice served by `hub`; resolves once it holds all of it. */
async function joinPractice(hub: AppCore, dir: string, name: string): Promise<AppCore> {
  const store = hub.vault.store();
  const pairing = await hub.sync.createPairing(store, actorOf(hub));
  const core = await createAppCore({ dataDir: dir, workstationName: name });
  await core.sync.join({ address: `127.0.0.1:${hub.sync.servedHub!.port}`, code: pairing.code, deviceName: name, passphrase: PASSPHRASE });
  await until(
    `${name} to join`,
    async () => {
      const status: SyncStatus = await core.sync.status();
      if (status.join?.phase === 'failed') throw new Error(`join failed: ${status.join.messageKey}`);
      return status.join?.phase === 'done';
    },
    60 * 60_000,
  );
  return core;
}

/** Patient rows shaped like the app's own: one made through the contract, cloned with new ids and names. */
async function patientRows(core: AppCore, n: number): Promise<Record<string, unknown>[]> {
  const made = await call(core, 'admin', 'patients.create', { draft: { givenNames: 'Plantilla', firstSurname: 'Bench', secondSurname: 'Uno', phones: [{ number: '9 2222 3333' }] } });
  const template = await core.vault.store().exclusive((sqlite) => sqlite.prepare(`SELECT * FROM patients WHERE id = ?`).get(made.id) as Record<string, unknown>);
  return Array.from({ length: n }, (_, i) => ({ ...template, id: uuidv7(), given_names: `Paciente ${i}`, first_surname: `Apellido${i % 997}`, document_type: null, document_number: null }));
}

function seal(key: Buffer, rows: readonly Record<string, unknown>[], op: 'insert' | 'update', firstSeq: number, fields?: (row: Record<string, unknown>) => Record<string, unknown>): SequencedEnvelope[] {
  const wallMs = Date.now();
  return rows.map((row, i) => ({
    ...sealChange(
      key,
      {
        changeId: uuidv7(),
        hlc: encodeHlc({ wallMs, counter: firstSeq + i, node: 'bench-remote' }),
        deviceId: 'bench-remote',
        userId: null,
        role: 'system',
        table: 'patients',
        rowId: String(row.id),
        op,
        seenSeq: firstSeq + i - 1,
      },
      fields ? fields(row) : row,
    ),
    seq: firstSeq + i,
  }));
}

async function applyAll(core: AppCore, key: Buffer, envelopes: readonly SequencedEnvelope[]): Promise<number> {
  const store = core.vault.store();
  const started = performance.now();
  for (let i = 0; i < envelopes.length; i += BATCH) {
    await store.exclusive((sqlite) => applyRemoteBatch({ sqlite, syncKey: key, selfDeviceId: store.deviceId, clock: store.clock }, envelopes.slice(i, i + BATCH)));
  }
  return performance.now() - started;
}

/** Applying remote changes on a workstation, against plain inserts of the same rows into the same kind of database. */
async function benchApply(ctx: BenchContext): Promise<void> {
  const target = await newPractice(ctx.tempDir('sync-apply'));
  const plain = await newPractice(ctx.tempDir('sync-plain'));
  try {
    const key = randomBytes(32);
    const rows = await patientRows(target, APPLY_ROWS);
    const inserts = seal(key, rows, 'insert', 1);
    const updates = seal(key, rows, 'update', APPLY_ROWS + 1, (row) => ({ email: `${String(row.id).slice(-8)}@example.cl`, updated_at: new Date().toISOString() }));
    const insertMs = await applyAll(target, key, inserts);
    const updateMs = await applyAll(target, key, updates);

    const columns = Object.keys(rows[0]!).sort();
    const plainMs = await plain.vault.store().exclusive((sqlite) => {
      const insert = sqlite.prepare(`INSERT INTO patients (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      const started = performance.now();
      for (let i = 0; i < rows.length; i += BATCH) {
        sqlite.transaction(() => {
          for (const row of rows.slice(i, i + BATCH)) insert.run(...columns.map((c) => row[c] as never));
        })();
      }
      return performance.now() - started;
    });
    const result = {
      ...summarize(APPLY, [insertMs / (APPLY_ROWS / BATCH)]),
      n: APPLY_ROWS,
      changes_per_s: Math.round(APPLY_ROWS / (insertMs / 1000)),
      updates_per_s: Math.round(APPLY_ROWS / (updateMs / 1000)),
      plain_inserts_per_s: Math.round(APPLY_ROWS / (plainMs / 1000)),
      ratio_vs_insert: Number((insertMs / plainMs).toFixed(2)),
    };
    info(`sync apply: ${result.changes_per_s} inserts/s, ${result.updates_per_s} updates/s (plain insert ${result.plain_inserts_per_s}/s, ${result.ratio_vs_insert}x)`);
    ctx.emit(result);
  } finally {
    await target.close();
    await plain.close();
  }
}

/** A write on A until B announces it, over loopback, with the real 25 s long-poll. */
async function benchLatency(ctx: BenchContext): Promise<void> {
  const a = await newPractice(ctx.tempDir('sync-latency-a'), 'A');
  let b: AppCore | null = null;
  try {
    await a.sync.becomeHub(a.vault.store(), actorOf(a), await freePort());
    b = await joinPractice(a, ctx.tempDir('sync-latency-b'), 'B');
    await call(b, 'admin', 'auth.signIn', ADMIN);
    const seen = new Map<string, number>();
    b.onEvent('bench', (name, payload) => {
      if (name === 'patients.changed') for (const id of (payload as { ids: string[] }).ids) if (!seen.has(id)) seen.set(id, performance.now());
    });
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const started = performance.now();
      const made = await call(a, 'admin', 'patients.create', { draft: { givenNames: `Latencia ${i}`, firstSurname: 'Bench', secondSurname: '' } });
      const at = await until('B to announce the patient', async () => seen.get(made.id) ?? null, 10_000);
      if (i >= 10) samples.push(at - started);
      await new Promise((r) => setTimeout(r, 20));
    }
    const result = summarize(LATENCY, samples);
    info(`sync latency A→B: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms`);
    ctx.emit(result);
  } finally {
    await b?.close();
    await a.close();
  }
}

const fileBytes = (dir: string) => ['practice.db', 'practice.db-wal'].reduce((n, f) => n + (statSync(join(dir, f), { throwIfNoEntry: false })?.size ?? 0), 0);

async function compact(core: AppCore): Promise<void> {
  await core.vault.store().exclusive((sqlite) => {
    sqlite.exec('VACUUM');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  });
}

/** The large demo sent to a hub, a new computer joined to it, and both databases compacted. */
async function benchEnroll(ctx: BenchContext): Promise<void> {
  // A copy: the cached demo is never changed by a bench.
  const dir = ctx.tempDir('sync-enroll-a');
  cpSync(ctx.practice.dataDir, dir, { recursive: true });
  const a = await createAppCore({ dataDir: dir, passphrase: ctx.practice.passphrase });
  let b: AppCore | null = null;
  try {
    const store = a.vault.store();
    const outbox = await store.exclusive((sqlite) => (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox`).get() as { n: number }).n);
    const bytesBefore = fileBytes(dir);
    const push = await timeAsync(async () => {
      await a.sync.becomeHub(store, actorOf(a), await freePort());
      await a.sync.running!.settled(60 * 60_000);
    });
    info(`sync enroll: the demo's ${outbox} changes reached the hub in ${(push.ms / 1000).toFixed(1)} s`);
    const joined = await timeAsync(() => joinPractice(a, ctx.tempDir('sync-enroll-b'), 'Sillón nuevo'));
    b = joined.value;
    const hubKey = await store.exclusive((sqlite) => syncState.hubKey(sqlite)!);
    const hub = await openHubStore(join(dir, 'hub'), hubKey);
    let transferred = 0;
    let logged = 0;
    try {
      // What a pull carries: each envelope as JSON, before HTTP and TLS framing.
      for (let after = 0; ; ) {
        const rows = await hub.db.selectFrom('hub_log').selectAll().where('seq', '>', after).orderBy('seq').limit(20_000).execute();
        if (rows.length === 0) break;
        for (const row of rows) transferred += JSON.stringify(row).length;
        logged += rows.length;
        after = rows[rows.length - 1]!.seq;
      }
    } finally {
      await hub.close();
    }
    const enrolled = {
      ...summarize(ENROLL, [joined.ms]),
      seconds: Number((joined.ms / 1000).toFixed(1)),
      push_seconds: Number((push.ms / 1000).toFixed(1)),
      changes: logged,
      bytes_transferred: transferred,
    };
    info(`sync enroll: joined in ${enrolled.seconds} s, ${logged} changes, ${(transferred / 1e6).toFixed(1)} MB`);
    ctx.emit(enrolled);
    const dirB = b.vault.paths.dataDir;
    const bytesBeforeCompaction = fileBytes(dir);
    await compact(a);
    await compact(b);
    const sizes = {
      ...summarize(SIZE, [0]),
      before_sync_bytes: bytesBefore,
      after_sync_bytes: bytesBeforeCompaction,
      after_compaction_bytes: fileBytes(dir),
      joined_after_compaction_bytes: fileBytes(dirB),
    };
    info(`sync size: ${JSON.stringify(sizes)}`);
    ctx.emit(sizes);
  } finally {
    await b?.close();
    await a.close();
  }
}

async function run(ctx: BenchContext): Promise<void> {
  if (ctx.wants(APPLY)) await benchApply(ctx);
  if (ctx.wants(LATENCY)) await benchLatency(ctx);
  if (ctx.wants(ENROLL) || ctx.wants(SIZE)) await benchEnroll(ctx);
}

export const syncSuite: BenchSuite = { area: 'sync', benches: [APPLY, LATENCY, ENROLL, SIZE], run };

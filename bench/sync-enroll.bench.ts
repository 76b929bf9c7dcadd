import { statSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { type AppCore, createAppCore } from '../src/main/app-core';
import { DEMO_ADMIN } from '../src/main/demo/people';
import { DEMO_ADMIN_PASSWORD } from '../src/main/demo/generate-demo';
import { openHubStore } from '../src/main/hub/hub-store';
import { syncState } from '../src/main/sync/sync-state';
import { SYNC_TABLES } from '../src/shared/sync/tables';
import { copyPractice } from './fixture';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { call, databaseBytes, freePort, joinPhase, mb, startJoin, SYNC_OPTIONS, watch } from './sync.bench';

/**
 * Enrolling a new workstation into the large demo practice, the real way:
 * the demo's workstation (A) opens its practice, every change since it was
 * made still in its outbox, and becomes the office hub ("this PC serves the
 * office"), which pushes the whole outbox and audit chain into the hub's log.
 * Then a fresh workstation (B) joins with a pairing code made on A, over TLS
 * on 127.0.0.1 through a pass-through that counts the bytes, and the clock
 * runs until B's join reaches "done" (its client settled at the hub's head).
 * B must then hold every synced row A holds.
 */
const ENROLL = 'sync.enroll.large_demo';
const PUSH = 'sync.enroll.hub_push';
const SIZE = 'sync.size.after_compaction';

/** Longest the large demo's push, and then the join, may take before the bench gives up on them. */
const PUSH_BUDGET_MS = 45 * 60_000;
const JOIN_BUDGET_MS = 45 * 60_000;

/** A TCP pass-through in front of the hub that counts the bytes each way (TLS records, so headers and framing included). */
async function countingProxy(targetPort: number): Promise<{ port: number; bytes: { toHub: number; fromHub: number }; close(): Promise<void> }> {
  const bytes = { toHub: 0, fromHub: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => (bytes.toHub += chunk.length));
    upstream.on('data', (chunk: Buffer) => (bytes.fromHub += chunk.length));
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as { port: number }).port,
    bytes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The envelope JSON the hub sends for each log row, from the row's columns (all ASCII, so lengths are bytes). */
const ENVELOPE_KEYS_OVERHEAD =
  JSON.stringify({ seq: '', changeId: '', hlc: '', deviceId: '', userId: '', role: '', table: '', rowId: '', op: '', seenSeq: '', sealed: '' }).length -
  2 * 3; /* seq, seenSeq: numbers, unquoted; userId: quotes counted per row */

async function hubLogFigures(hubDir: string, hubKey: Buffer): Promise<{ changes: number; sealedBytes: number; envelopeBytes: number }> {
  // A second connection to the hub's store, which A's in-app hub holds open (WAL: readers do not block it).
  const hubStore = await openHubStore(hubDir, hubKey);
  try {
    const { rows } = await sql<{ n: number; sealed: number; values: number }>`
      SELECT count(*) AS n, sum(length(sealed)) AS sealed,
        sum(length(seq) + length(change_id) + length(hlc) + length(device_id) + coalesce(length(user_id) + 2, 4) + length(role)
          + length(table_name) + length(row_id) + length(op) + length(seen_seq) + length(sealed)) AS "values"
      FROM hub_log`.execute(hubStore.db);
    const row = rows[0]!;
    const changes = Number(row.n);
    // Plus one comma between envelopes in the pulled arrays.
    return { changes, sealedBytes: Number(row.sealed), envelopeBytes: Number(row.values) + changes * (ENVELOPE_KEYS_OVERHEAD + 1) };
  } finally {
    await hubStore.close();
  }
}

async function checkpoint(core: AppCore): Promise<void> {
  await core.vault.store().exclusive((sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
}

/** Rows per synced table (audit entries apart: each workstation adds its own as it goes). */
async function rowCounts(core: AppCore): Promise<Map<string, number>> {
  return core.vault.store().exclusive((sqlite) => {
    const counts = new Map<string, number>();
    for (const table of Object.keys(SYNC_TABLES)) {
      if (table === 'audit_log') continue;
      counts.set(table, (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n);
    }
    return counts;
  });
}

async function auditEntriesOf(core: AppCore, deviceId: string): Promise<number> {
  return core.vault.store().exclusive((sqlite) => (sqlite.prepare(`SELECT count(*) AS n FROM audit_log WHERE device_id = ?`).get(deviceId) as { n: number }).n);
}

async function run(ctx: BenchContext): Promise<void> {
  // Never the cached demo itself: enrolling writes to it (and the hub's folder goes beside it).
  const demoCopy = ctx.tempDir('sync-enroll-a');
  const copied = await timeAsync(async () => copyPractice(ctx.practice.dataDir, demoCopy));
  const before = databaseBytes(demoCopy);
  info(`${ENROLL}: copied the large demo practice in ${(copied.ms / 1000).toFixed(1)} s, ${mb(before.db + before.wal)}`);

  const opened = performance.now();
  const a = await createAppCore({ dataDir: demoCopy, passphrase: ctx.practice.passphrase, sync: SYNC_OPTIONS });
  let b: AppCore | null = null;
  let proxy: Awaited<ReturnType<typeof countingProxy>> | null = null;
  try {
    await call(a, 'admin', 'auth.signIn', { username: DEMO_ADMIN.username, password: DEMO_ADMIN_PASSWORD });
    const counted = await a.vault.store().exclusive((sqlite) => ({
      outbox: (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox`).get() as { n: number }).n,
      audit: (sqlite.prepare(`SELECT count(*) AS n FROM audit_log`).get() as { n: number }).n,
    }));
    const pending = counted.outbox + counted.audit;
    info(`${ENROLL}: demo opened in ${((performance.now() - opened) / 1000).toFixed(1)} s; ${counted.outbox} changes in its outbox and ${counted.audit} audit entries`);

    // 1. A becomes the hub: its whole outbox (and audit chain) goes into the hub's log, as on a real first hub.
    const pushStarted = performance.now();
    await call(a, 'admin', 'sync.becomeHub', { port: await freePort() });
    const client = a.sync.running!;
    const storeA = a.vault.store();
    // A cheap probe until the outbox is drained and A has read the hub's log back; then the client's own settled().
    await watch(
      'push',
      async () =>
        client.head > 0 &&
        storeA.syncCursor >= client.head &&
        (await storeA.exclusive((sqlite) => (sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM sync_outbox WHERE refused IS NULL) AS p`).get() as { p: number }).p === 0)),
      () => ({ done: client.head, total: pending }),
      PUSH_BUDGET_MS,
    );
    await client.settled(PUSH_BUDGET_MS);
    const pushMs = performance.now() - pushStarted;
    // The hub numbers its log without gaps, so its head is the number of changes in it (read in full after the join:
    // a synchronous scan of the hub's store here would stall A's hub and client, in this same process).
    const log = { changes: client.head };
    const refused = await storeA.exclusive((sqlite) => (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE refused IS NOT NULL`).get() as { n: number }).n);
    info(`${PUSH}: ${log.changes} changes in the hub's log after ${(pushMs / 1000).toFixed(1)} s (${Math.round(log.changes / (pushMs / 1000))} changes/s); ${refused} refused`);
    const pushed = { ...summarize(PUSH, [pushMs]), seconds: Number((pushMs / 1000).toFixed(1)), changes: log.changes, changes_per_s: Math.round(log.changes / (pushMs / 1000)), refused };
    ctx.emit(pushed);

    // 2. B joins through a counting pass-through; the clock runs from making the pairing code to phase "done".
    // The push outlasts the session's idle lock: the admin comes back and unlocks to make the pairing code.
    await call(a, 'admin', 'auth.unlock', { password: DEMO_ADMIN_PASSWORD });
    proxy = await countingProxy(a.sync.servedHub!.port);
    const joinStarted = performance.now();
    const phases: string[] = [];
    b = await startJoin(a, `127.0.0.1:${proxy.port}`, ctx.tempDir('sync-enroll-b'), 'Sillón nuevo');
    const joining = b;
    let lastPhase = '';
    await watch(
      'join',
      async () => {
        const phase = await joinPhase(joining);
        if (phase !== lastPhase) phases.push(`${(lastPhase = phase)} at ${((performance.now() - joinStarted) / 1000).toFixed(1)} s`);
        return phase === 'done';
      },
      () => ({ done: joining.vault.state === 'ready' ? joining.vault.store().syncCursor : 0, total: log.changes }),
      JOIN_BUDGET_MS,
    );
    const joinMs = performance.now() - joinStarted;
    const wire = { ...proxy.bytes };
    const hubKey = (await storeA.exclusive((sqlite) => syncState.hubKey(sqlite)))!;
    const logBytes = await hubLogFigures(join(demoCopy, 'hub'), hubKey);
    if (logBytes.changes < log.changes) throw new Error(`${ENROLL}: the hub's log holds ${logBytes.changes} changes, its head said ${log.changes}`);
    const changesPerS = Math.round(log.changes / (joinMs / 1000));
    // Of the join, the time B spent applying (the rest is the hub reading its log and both ends of the transfer,
    // all on this one process's thread here, where a real office has the hub on another computer).
    const received = b.sync.running!.received;
    const applyPerS = Math.round(received.changes / (received.applyMs / 1000));
    info(`${ENROLL}: joined in ${(joinMs / 1000).toFixed(1)} s (${phases.join(', ')}); ${log.changes} changes, ${changesPerS} changes/s`);
    info(`${ENROLL}: B applied ${received.changes} changes in ${(received.applyMs / 1000).toFixed(1)} s of applying: ${applyPerS} changes/s on the demo's own mix`);
    info(
      `${ENROLL}: wire ${mb(wire.fromHub)} hub→B, ${mb(wire.toHub)} B→hub (TLS, counted at the socket); log ${mb(logBytes.sealedBytes)} sealed, ${mb(logBytes.envelopeBytes)} as envelope JSON`,
    );

    // 3. B holds the whole practice: every synced table has A's row count, and A's audit chain arrived.
    const [countsA, countsB] = [await rowCounts(a), await rowCounts(b)];
    const differing = [...countsA].filter(([table, n]) => countsB.get(table) !== n).map(([table, n]) => `${table} A ${n} B ${countsB.get(table)}`);
    const rows = [...countsA.values()].reduce((x, y) => x + y, 0);
    const auditA = await auditEntriesOf(a, storeA.deviceId);
    const auditAtB = await auditEntriesOf(b, storeA.deviceId);
    info(`${ENROLL}: ${rows} synced rows at A; ${differing.length === 0 ? 'B has the same count in every table' : `differ: ${differing.join('; ')}`}; A's audit entries: ${auditA} at A, ${auditAtB} at B`);
    // A bench measures rather than fails: a table short at B is printed loudly and counted in the result line.
    if (differing.length > 0) info(`${ENROLL}: WARNING B does not hold the whole practice: ${differing.join('; ')}`);
    if (auditAtB < counted.audit) info(`${ENROLL}: WARNING only ${auditAtB} of A's ${counted.audit} audit entries reached B`);

    await checkpoint(b);
    const joined = databaseBytes(b.vault.paths.dataDir);
    info(`${ENROLL}: B's database ${mb(joined.db + joined.wal)} after the join (A's ${mb(before.db + before.wal)} before)`);
    const enrolled = {
      ...summarize(ENROLL, [joinMs]),
      seconds: Number((joinMs / 1000).toFixed(1)),
      changes: log.changes,
      changes_per_s: changesPerS,
      apply_seconds: Number((received.applyMs / 1000).toFixed(1)),
      apply_changes_per_s: applyPerS,
      wire_bytes_from_hub: wire.fromHub,
      wire_bytes_to_hub: wire.toHub,
      log_sealed_bytes: logBytes.sealedBytes,
      log_envelope_json_bytes: logBytes.envelopeBytes,
      joined_db_bytes: joined.db + joined.wal,
      synced_rows: rows,
      tables_differing: differing.length,
    };
    ctx.emit(enrolled);

    if (ctx.wants(SIZE)) {
      await checkpoint(a);
      const afterSync = databaseBytes(demoCopy);
      const vacuum = await timeAsync(() => a.vault.store().exclusive((sqlite) => sqlite.exec('VACUUM')));
      await checkpoint(a);
      const afterVacuum = databaseBytes(demoCopy);
      const hubBytes = statSync(join(demoCopy, 'hub', 'hub.db')).size;
      const outboxLeft = await a.vault.store().exclusive((sqlite) => (sqlite.prepare(`SELECT count(*) AS n FROM sync_outbox`).get() as { n: number }).n);
      info(
        `${SIZE}: A ${mb(before.db + before.wal)} before sync, ${mb(afterSync.db)} after sync, ${mb(afterVacuum.db)} after VACUUM (${(vacuum.ms / 1000).toFixed(1)} s, outbox ${outboxLeft}); B ${mb(joined.db)}; hub ${mb(hubBytes)}`,
      );
      const sizes = {
        ...summarize(SIZE, [vacuum.ms]),
        before_bytes: before.db + before.wal,
        after_sync_bytes: afterSync.db + afterSync.wal,
        after_vacuum_bytes: afterVacuum.db + afterVacuum.wal,
        joined_bytes: joined.db + joined.wal,
        hub_bytes: hubBytes,
        outbox_left: outboxLeft,
      };
      ctx.emit(sizes);
    }
  } finally {
    await proxy?.close();
    await b?.close();
    await a.close();
  }
}

export const syncEnrollSuite: BenchSuite = { area: 'sync-enroll', benches: [PUSH, ENROLL, SIZE], run };

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hashToken } from '../src/main/hub/hub-devices';
import { bootstrapProof, parsePairingCode, stretchCode } from '../src/main/sync/pairing-crypto';
import { type HubProcess, pinnedCert, startHubProcess } from '../test/main/hub-process-support';
import { envelope, hubCall } from '../test/main/hub-support';
import { createDatabase, type PostgresCluster, startPostgresCluster } from '../test/support/postgres-cluster';
import { type BenchContext, type BenchResult, type BenchSuite, info, summarize, timeAsync } from './harness';

/**
 * The hub on PostgreSQL against the embedded SQLite hub, in the same run:
 * each hub its own process (the real `npm run hub`), pushed over HTTPS on
 * loopback with 500-change batches of typical sealed size.
 * - ingest: one client into the SQLite hub (the baseline), into one hub on
 *   PostgreSQL, and two clients into two hubs on one PostgreSQL (one practice,
 *   so the two contend for its sequence; and two practices, which do not);
 * - pull: a workstation 100,000 changes behind, first page and whole catch-up;
 * - growth: bytes per change and index sizes, extrapolated to 10 million.
 * A throwaway cluster with PostgreSQL's durable defaults (fsync on) unless
 * DENTAL_BENCH_POSTGRES_URL names a server.
 */
const BATCH = 500;
const WARMUP = 3;
const BATCHES = 30;
const BEHIND = 100_000;
const PULL_PAGE = 1000;
const SEALED_BYTES = 300;
const PASSPHRASE = 'hub-bench-passphrase';

const INGEST_SQLITE = 'hub.pg.ingest.sqlite_baseline';
const INGEST_ONE = 'hub.pg.ingest.one_hub';
const INGEST_TWO = 'hub.pg.ingest.two_hubs_one_practice';
const INGEST_TWO_PRACTICES = 'hub.pg.ingest.two_hubs_two_practices';
const PULL_FIRST = 'hub.pg.pull.behind_100k.first_page';
const PULL_ALL = 'hub.pg.pull.behind_100k.catch_up';
const GROWTH = 'hub.pg.store.bytes_per_change';

interface Target {
  port: number;
  cert: string;
  token: string;
  deviceId: string;
}

async function bootstrap(hub: HubProcess, practiceId: string, deviceId: string): Promise<Target> {
  const cert = await pinnedCert(hub.port, hub.fingerprint);
  const code = parsePairingCode(hub.code!)!;
  const t = { pairingId: code.pairingId, fingerprint: hub.fingerprint, practiceId, deviceId, deviceName: deviceId, nonce: randomBytes(16).toString('base64') };
  const answer = await hubCall(hub.port, cert, 'POST', '/v1/bootstrap', { practiceId, deviceId, deviceName: deviceId, nonce: t.nonce, proof: bootstrapProof(stretchCode(code), t) });
  if (answer.status !== 200) throw new Error(`hub-postgres bench: bootstrap failed ${JSON.stringify(answer.json)}`);
  return { port: hub.port, cert, token: answer.json.deviceToken as string, deviceId };
}

const batch = (deviceId: string) => Array.from({ length: BATCH }, () => envelope(deviceId, { sealed: randomBytes(SEALED_BYTES).toString('base64') }));

async function push(target: Target): Promise<void> {
  const answer = await hubCall(target.port, target.cert, 'POST', '/v1/changes', { changes: batch(target.deviceId) }, target.token);
  if (answer.json?.accepted?.length !== BATCH) throw new Error(`hub-postgres bench: batch not accepted: ${JSON.stringify(answer.json).slice(0, 200)}`);
}

/** Every client pushes BATCHES batches back to back, all clients at once; changes/s over the wall time, batch latencies as samples. */
async function ingest(targets: Target[]): Promise<{ samples: number[]; perSecond: number }> {
  for (const target of targets) for (let i = 0; i < WARMUP; i++) await push(target);
  const samples: number[] = [];
  const { ms } = await timeAsync(() =>
    Promise.all(
      targets.map(async (target) => {
        for (let i = 0; i < BATCHES; i++) samples.push((await timeAsync(() => push(target))).ms);
      }),
    ),
  );
  return { samples, perSecond: Math.round((BATCH * BATCHES * targets.length) / (ms / 1000)) };
}

async function run(ctx: BenchContext): Promise<void> {
  const processes: HubProcess[] = [];
  const spawnHub = async (options: Parameters<typeof startHubProcess>[0]) => {
    const hub = await startHubProcess({ passphrase: PASSPHRASE, ...options });
    processes.push(hub);
    return hub;
  };
  const fromEnv = process.env.DENTAL_BENCH_POSTGRES_URL;
  let cluster: PostgresCluster | null = null;
  const sqliteDir = mkdtempSync(join(tmpdir(), 'hub-pg-bench-sqlite-'));
  try {
    // Baseline: the embedded hub, same machine, same run.
    const sqliteHub = await spawnHub({ dir: sqliteDir, expectCode: true });
    const sqlite = await ingest([await bootstrap(sqliteHub, 'bench-sqlite', 'dev-sqlite')]);
    await sqliteHub.kill();
    info(`hub-postgres: SQLite hub ${sqlite.perSecond} changes/s`);
    ctx.emit(Object.assign(summarize(INGEST_SQLITE, sqlite.samples), { changes_per_s: sqlite.perSecond }));

    if (!fromEnv) cluster = await startPostgresCluster({ durable: true });
    const url = await createDatabase(fromEnv ?? cluster!.url, `hub_bench_${randomBytes(4).toString('hex')}`);
    const hubA = await spawnHub({ postgres: url, newPractice: true, expectCode: true });
    const hubB = await spawnHub({ postgres: url, newPractice: true, expectCode: true });
    const onA = await bootstrap(hubA, 'bench-a', 'dev-a');
    const onB = await bootstrap(hubB, 'bench-b', 'dev-b');

    const one = await ingest([onA]);
    info(`hub-postgres: one hub ${one.perSecond} changes/s (${(one.perSecond / sqlite.perSecond).toFixed(2)}× SQLite)`);
    ctx.emit(Object.assign(summarize(INGEST_ONE, one.samples, one.perSecond / sqlite.perSecond), { changes_per_s: one.perSecond }));

    // Practice A's one device token, shown to the other hub too: one practice, two hubs, contending for its sequence.
    const two = await ingest([onA, { ...onA, port: hubB.port }]);
    info(`hub-postgres: two hubs, one practice ${two.perSecond} changes/s (${(two.perSecond / sqlite.perSecond).toFixed(2)}× SQLite)`);
    ctx.emit(Object.assign(summarize(INGEST_TWO, two.samples, two.perSecond / sqlite.perSecond), { changes_per_s: two.perSecond }));

    const twoPractices = await ingest([onA, onB]);
    info(`hub-postgres: two hubs, two practices ${twoPractices.perSecond} changes/s (${(twoPractices.perSecond / sqlite.perSecond).toFixed(2)}× SQLite)`);
    ctx.emit(Object.assign(summarize(INGEST_TWO_PRACTICES, twoPractices.samples, twoPractices.perSecond / sqlite.perSecond), { changes_per_s: twoPractices.perSecond }));

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      // A third practice, 100,000 changes deep, written straight into the log (as pushes would leave it), to pull from.
      const filled = await timeAsync(async () => {
        await db.query(`INSERT INTO hub_practices (practice_id, head, created_at) VALUES ('bench-a-behind', 0, now()::text)`);
        await db.query(
          `INSERT INTO hub_log (practice_id, seq, change_id, hlc, device_id, user_id, role, table_name, row_id, op, seen_seq, sealed, received_at)
           SELECT 'bench-a-behind', g, gen_random_uuid()::text, lpad((1733300000000 + g)::text, 15, '0') || '-000000-dev-a', 'dev-a', 'user-1', 'receptionist',
                  'appointments', gen_random_uuid()::text, 'insert', g - 1,
                  encode(decode(repeat(md5(g::text), ${Math.ceil(SEALED_BYTES / 16)}), 'hex'), 'base64'), now()::text
           FROM generate_series(1, ${BEHIND}) AS g`,
        );
        await db.query(`UPDATE hub_practices SET head = ${BEHIND} WHERE practice_id = 'bench-a-behind'`);
        await db.query('ANALYZE');
      });
      info(`hub-postgres: ${BEHIND} changes written in ${(filled.ms / 1000).toFixed(1)} s`);
      // Its device, enrolled straight into the store too, with a token known here.
      const token = randomBytes(32).toString('base64url');
      await db.query(`INSERT INTO hub_devices (practice_id, device_id, name, token_hash, enrolled_at, applied_seq) VALUES ('bench-a-behind', 'dev-behind', 'Behind', $1, now()::text, 0)`, [hashToken(token)]);
      const behind = { port: hubB.port, cert: onA.cert, token, deviceId: 'dev-behind' };
      const page = (after: number) => hubCall(behind.port, behind.cert, 'GET', `/v1/changes?after=${after}&limit=${PULL_PAGE}`, undefined, behind.token);

      const firsts: number[] = [];
      for (let i = 0; i < 12; i++) firsts.push((await timeAsync(() => page(0))).ms);
      ctx.emit(summarize(PULL_FIRST, firsts.slice(2)));
      const pages: number[] = [];
      let after = 0;
      const whole = await timeAsync(async () => {
        for (;;) {
          const { ms, value } = await timeAsync(() => page(after));
          pages.push(ms);
          const changes = value.json.changes as { seq: number }[];
          if (changes.length === 0) break;
          after = changes[changes.length - 1]!.seq;
        }
      });
      if (after !== BEHIND) throw new Error(`hub-postgres bench: caught up to ${after}, not ${BEHIND}`);
      info(`hub-postgres: ${BEHIND} behind: first page p50 ${summarize(PULL_FIRST, firsts.slice(2)).p50_ms} ms, whole catch-up ${(whole.ms / 1000).toFixed(1)} s in ${pages.length} pages`);
      ctx.emit(Object.assign(summarize(PULL_ALL, [whole.ms]), { pages: pages.length, page_p50_ms: summarize('', pages).p50_ms, changes_per_s: Math.round(BEHIND / (whole.ms / 1000)) }));

      await db.query('VACUUM ANALYZE hub_log');
      const size = (
        await db.query(`SELECT count(*)::bigint AS n,
            pg_total_relation_size('hub_log') AS total, pg_relation_size('hub_log') AS heap,
            pg_total_relation_size('hub_log') - pg_relation_size('hub_log') - pg_indexes_size('hub_log') AS toast,
            pg_indexes_size('hub_log') AS indexes,
            pg_relation_size('hub_log_pkey') AS pkey,
            pg_relation_size('hub_log_practice_id_change_id_key') AS change_key
          FROM hub_log`)
      ).rows[0] as Record<string, string>;
      const n = Number(size.n);
      const per = (key: string) => Number(size[key]) / n;
      const at10m = (key: string) => Math.round((per(key) * 1e7) / 1e6);
      const growth = {
        bench: GROWTH,
        p50_ms: 0,
        p95_ms: 0,
        n,
        bytes_per_change: Math.round(per('total')),
        heap_bytes_per_change: Math.round(per('heap')),
        index_bytes_per_change: Math.round(per('indexes')),
        sealed_bytes: Math.ceil(SEALED_BYTES / 3) * 4,
        total_mb_at_10m: at10m('total'),
        heap_mb_at_10m: at10m('heap'),
        indexes_mb_at_10m: at10m('indexes'),
        pkey_mb_at_10m: at10m('pkey'),
        change_id_index_mb_at_10m: at10m('change_key'),
      };
      info(`hub-postgres: ${n} changes: ${growth.bytes_per_change} B/change (heap ${growth.heap_bytes_per_change}, indexes ${growth.index_bytes_per_change}); at 10M: ${growth.total_mb_at_10m} MB, indexes ${growth.indexes_mb_at_10m} MB`);
      ctx.emit(growth as BenchResult);
    } finally {
      await db.end();
    }
  } finally {
    for (const hub of processes) await hub.kill();
    cluster?.stop();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}

export const hubPostgresSuite: BenchSuite = { area: 'hub-postgres', benches: [INGEST_SQLITE, INGEST_ONE, INGEST_TWO, INGEST_TWO_PRACTICES, PULL_FIRST, PULL_ALL, GROWTH], run };

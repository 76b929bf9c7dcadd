import { createHash } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import { SYNC_TABLES } from '../../src/shared/sync/tables';
import { freshDatabase } from '../support/postgres';
import { ADMIN, call, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';
import { type HubProcess, startHubProcess } from './hub-process-support';
import { FAST_SYNC, freePort, joinWorkstation } from './sync-support';

/**
 * The sync convergence property (see sync-convergence.test.ts) with the hub
 * on PostgreSQL: two hub processes on one database behind a TCP balancer,
 * as a group of offices would run them. Workstations are switched between
 * the hubs at random (their connections cut, the balancer picks again), a
 * hub is killed -9 while pushes are in flight and brought back later. After
 * healing, every replica holds the same data and the log is gap-free.
 * Reproduce a failure with FC_SEED=<seed printed> (and FC_RUNS).
 */
const SEED = Number(process.env.FC_SEED ?? 20261204);
const RUNS = Number(process.env.FC_RUNS ?? 2);

type Op =
  | { kind: 'createPatient'; ws: number }
  | { kind: 'editEmail'; ws: number; patient: number }
  | { kind: 'note'; ws: number; patient: number; sign: boolean }
  | { kind: 'switchHubs' }
  | { kind: 'killMidPush'; ws: number; hub: number }
  | { kind: 'hubBack'; hub: number }
  | { kind: 'partition'; ws: number }
  | { kind: 'heal'; ws: number };

const ws = fc.integer({ min: 0, max: 2 });
const hub = fc.integer({ min: 0, max: 1 });
const pick = fc.nat({ max: 50 });
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('createPatient' as const), ws }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('editEmail' as const), ws, patient: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('note' as const), ws, patient: pick, sign: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('switchHubs' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('killMidPush' as const), ws, hub }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('hubBack' as const), hub }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), ws }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('heal' as const), ws }) },
);

/** A TCP balancer: each new connection goes to a random hub that is up; TLS passes through untouched. */
class Balancer {
  readonly up = new Set<number>();
  private readonly sockets = new Set<Socket>();
  private server: Server | null = null;
  port = 0;

  constructor(readonly backends: number[]) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      const live = this.backends.filter((_, i) => this.up.has(i));
      if (live.length === 0) return client.destroy();
      const upstream = connect(live[Math.floor(Math.random() * live.length)]!, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.port = await new Promise<number>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve((this.server!.address() as { port: number }).port)));
  }

  /** Cuts every connection: clients reconnect, and land wherever the balancer sends them now. */
  cutAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async stop(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

interface World {
  cores: AppCore[];
  hubs: (HubProcess | null)[];
  ports: number[];
  url: string;
  balancer: Balancer;
  partitioned: Set<number>;
  patients: { id: string; givenNames: string; email: string }[];
  acknowledged: { table: string; id: string }[];
}

const processes: HubProcess[] = [];
afterAll(async () => {
  for (const p of processes) await p.kill();
});

async function runHub(world: Pick<World, 'url' | 'ports' | 'hubs'>, index: number, newPractice = false): Promise<void> {
  const hub = await startHubProcess({ postgres: world.url, newPractice, port: world.ports[index], expectCode: newPractice });
  processes.push(hub);
  world.hubs[index] = hub;
}

async function hubDown(world: World, index: number): Promise<void> {
  world.balancer.up.delete(index);
  await world.hubs[index]?.kill();
  world.hubs[index] = null;
}

async function hubUp(world: World, index: number): Promise<void> {
  if (!world.hubs[index]) await runHub(world, index);
  world.balancer.up.add(index);
}

async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch {
    return null;
  }
}

async function setSync(world: World, index: number): Promise<void> {
  const core = world.cores[index]!;
  const wantOn = !world.partitioned.has(index);
  const isOn = core.sync.running !== null;
  if (wantOn && !isOn) await core.sync.resume(core.vault.store());
  if (!wantOn && isOn) await core.sync.suspend();
}

async function createPatient(world: World, wsIndex: number, label: string): Promise<void> {
  const p = { id: '', givenNames: `Pg${label}`, email: '' };
  const made = await call(world.cores[wsIndex]!, 'admin', 'patients.create', { draft: { givenNames: p.givenNames, firstSurname: 'Base', secondSurname: 'Prop' } });
  p.id = made.id;
  world.patients.push(p);
  world.acknowledged.push({ table: 'patients', id: made.id });
}

async function run(world: World, o: Op, index: number): Promise<void> {
  const core = (i: number) => world.cores[i]!;
  const patient = (n: number) => (world.patients.length ? world.patients[n % world.patients.length]! : null);
  switch (o.kind) {
    case 'createPatient':
      return createPatient(world, o.ws, String(index));
    case 'editEmail': {
      const p = patient(o.patient);
      if (!p) return;
      p.email = `pg${index}@example.cl`;
      await attempt(() => call(core(o.ws), 'admin', 'patients.update', { id: p.id, draft: { givenNames: p.givenNames, firstSurname: 'Base', secondSurname: 'Prop', email: p.email } }));
      return;
    }
    case 'note': {
      const p = patient(o.patient);
      if (!p) return;
      const saved = (await attempt(() =>
        call(core(o.ws), 'admin', 'notes.saveDraft', {
          patientId: p.id,
          baseVersionId: null,
          templateId: 'note-template:soap:es',
          visitDate: '2026-03-04',
          content: { sections: [{ key: 'subjective', heading: 'Subjetivo', text: `Nota ${index}` }] },
        } as never),
      )) as { note: { id: string }; versionId: string } | null;
      if (saved) world.acknowledged.push({ table: 'clinical_notes', id: saved.note.id });
      if (saved && o.sign) await attempt(() => call(core(o.ws), 'admin', 'notes.sign', { noteId: saved.note.id, versionId: saved.versionId }));
      return;
    }
    case 'switchHubs':
      world.balancer.cutAll();
      return;
    case 'killMidPush': {
      // A burst of work drains to the hubs; one hub dies -9 while it is on its way.
      const burst = Array.from({ length: 40 }, (_, i) => () => createPatient(world, o.ws, `${index}-${i}`));
      for (const [i, work] of burst.entries()) {
        await work();
        if (i === 15) await hubDown(world, o.hub);
      }
      return;
    }
    case 'hubBack':
      return hubUp(world, o.hub);
    case 'partition':
      world.partitioned.add(o.ws);
      return setSync(world, o.ws);
    case 'heal':
      world.partitioned.delete(o.ws);
      return setSync(world, o.ws);
  }
}

async function heal(world: World): Promise<void> {
  for (const i of [0, 1]) await hubUp(world, i);
  world.partitioned.clear();
  for (let i = 0; i < world.cores.length; i++) await setSync(world, i);
  for (let round = 0; round < 3; round++) {
    for (const core of world.cores) await core.sync.running!.settled(90_000);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function fingerprint(core: AppCore): Promise<Record<string, string>> {
  return core.vault.store().exclusive((sqlite) => {
    const out: Record<string, string> = {};
    for (const table of Object.keys(SYNC_TABLES)) {
      if (table === 'sync_conflicts') continue;
      const rows = sqlite.prepare(`SELECT * FROM "${table}" ORDER BY id`).all() as Record<string, unknown>[];
      out[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return out;
  });
}

describe('sync convergence through two hubs on one PostgreSQL', () => {
  it('every replica holds the same data, and the log is gap-free, after random work, hub switches and a hub killed mid-push', async () => {
    await fc.assert(
      // Every run kills a hub mid-push at least once, wherever the random work puts it.
      fc.asyncProperty(fc.array(op, { minLength: 8, maxLength: 14 }), fc.nat({ max: 14 }), ws, hub, async (randomOps, killAt, killWs, killHub) => {
        const ops: Op[] = [...randomOps];
        ops.splice(Math.min(killAt, ops.length), 0, { kind: 'killMidPush', ws: killWs, hub: killHub });
        const url = await freshDatabase('converge');
        const ports = [await freePort(), await freePort()];
        const balancer = new Balancer(ports);
        await balancer.start();
        const world: World = { cores: [], hubs: [null, null], ports, url, balancer, partitioned: new Set(), patients: [], acknowledged: [] };
        try {
          // The practice's first computer bootstraps through the balancer while only the hub with the setup code is in it.
          await runHub(world, 0, true);
          balancer.up.add(0);
          await runHub(world, 1);
          const setUp = await setUpPractice(tempDir());
          await setUp.core.close();
          const a = await startCore({ dataDir: setUp.dataDir, passphrase: PASSPHRASE, sync: FAST_SYNC });
          world.cores.push(a);
          await call(a, 'admin', 'auth.signIn', ADMIN);
          await call(a, 'admin', 'sync.connectHub', { address: `127.0.0.1:${balancer.port}`, setupCode: world.hubs[0]!.code! });
          balancer.up.add(1);
          world.cores.push(await joinWorkstation(a, 'Sillón 2'));
          world.cores.push(await joinWorkstation(a, 'Sillón 3'));

          for (const index of [-1, -2]) await createPatient(world, 0, String(index));
          await heal(world);
          for (const [index, o] of ops.entries()) await run(world, o, index);
          await heal(world);

          const prints = await Promise.all(world.cores.map(fingerprint));
          for (const table of Object.keys(SYNC_TABLES)) {
            if (table !== 'sync_conflicts') expect(new Set(prints.map((p) => p[table])).size, `${table} differs between replicas`).toBe(1);
          }
          for (const core of world.cores) {
            await core.vault.store().exclusive((sqlite) => {
              for (const { table, id } of world.acknowledged) expect(sqlite.prepare(`SELECT 1 FROM "${table}" WHERE id = ?`).get(id), `${table} ${id}`).toBeTruthy();
              for (const [table, rule] of Object.entries(SYNC_TABLES)) {
                if (rule.kind !== 'fact') continue;
                const { n, d } = sqlite.prepare(`SELECT count(*) AS n, count(DISTINCT id) AS d FROM "${table}"`).get() as { n: number; d: number };
                expect(n, `${table} holds a fact twice`).toBe(d);
              }
            });
          }
          const db = new pg.Client({ connectionString: url });
          await db.connect();
          try {
            const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT change_id)::int AS d, coalesce(max(seq), 0)::int AS m FROM hub_log`);
            expect(rows[0].n).toBeGreaterThan(0);
            expect(rows[0]).toEqual({ n: rows[0].n, d: rows[0].n, m: rows[0].n });
          } finally {
            await db.end();
          }
        } finally {
          for (const core of world.cores) await core.close();
          await balancer.stop();
          for (const h of world.hubs) await h?.kill();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});

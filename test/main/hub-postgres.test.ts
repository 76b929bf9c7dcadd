import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openOrCreateHubKey } from '../../src/main/hub/hub-keyfile';
import { startHub } from '../../src/main/hub/hub-service';
import { freshDatabase } from '../support/postgres';
import { bootstrapPractice, PG_PASSPHRASE, type PgHub, startPgHub } from './hub-postgres-support';
import { envelope, expectDraftAuthorship, hubCall } from './hub-support';

/** The hub on a real PostgreSQL (a throwaway cluster, never a mock): several hubs, several practices. */
const open: PgHub[] = [];
afterAll(async () => {
  for (const hub of open) await hub.close();
});
async function hubOn(url: string, newPractice = false): Promise<PgHub> {
  const hub = await startPgHub(url, { newPractice });
  open.push(hub);
  return hub;
}

const INJECTIONS = [`x'; DROP TABLE hub_log; --`, `' OR '1'='1`, `a"; DELETE FROM hub_devices; --`, `1; SELECT pg_sleep(5)`, `practice-a' --`];

describe('the hub on PostgreSQL', () => {
  it('takes a retried push racing through two hubs once, and keeps each practice gap-free', async () => {
    const url = await freshDatabase('dup');
    const [one, two] = [await hubOn(url, true), await hubOn(url)];
    // Two processes on one store present one identity: a workstation's pin holds on either.
    expect(two.hub.fingerprint).toBe(one.hub.fingerprint);
    const enrolled = await bootstrapPractice(one, 'practice-a', 'dev-a');
    expect(enrolled.status).toBe(200);
    const token = enrolled.json.deviceToken as string;

    const sent = new Set<string>();
    const seqOf = new Map<string, number>();
    for (let round = 0; round < 12; round++) {
      const same = Array.from({ length: 150 }, () => envelope('dev-a'));
      const other = Array.from({ length: 40 }, () => envelope('dev-a'));
      // The same batch at both hubs at once (a retry after a lost answer), and more work in between.
      const answers = await Promise.all([
        one.call('POST', '/v1/changes', { changes: same }, token),
        two.call('POST', '/v1/changes', { changes: [...same.slice(0, 75), ...other, ...same.slice(75)] }, token),
        one.call('POST', '/v1/changes', { changes: same.slice(0, 30) }, token),
      ]);
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        for (const { changeId, seq } of answer.json.accepted as { changeId: string; seq: number }[]) {
          if (seqOf.has(changeId)) expect(seqOf.get(changeId), `${changeId} got two seqs`).toBe(seq);
          seqOf.set(changeId, seq);
        }
      }
      for (const c of [...same, ...other]) sent.add(c.changeId);
    }
    expect(seqOf.size).toBe(sent.size);
    const seqs = [...seqOf.values()].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: sent.size }, (_, i) => i + 1));

    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT change_id)::int AS d, max(seq)::int AS m, min(seq)::int AS lo FROM hub_log WHERE practice_id = 'practice-a'`);
      expect(rows[0]).toEqual({ n: sent.size, d: sent.size, m: sent.size, lo: 1 });
      const head = await db.query(`SELECT head::int AS head FROM hub_practices WHERE practice_id = 'practice-a'`);
      expect(head.rows[0].head).toBe(sent.size);
    } finally {
      await db.end();
    }
    // Pulled through either hub: the same log, in order.
    const viaTwo = await two.call('GET', '/v1/changes?after=0&limit=5000', undefined, token);
    expect((viaTwo.json.changes as { seq: number }[]).map((c) => c.seq)).toEqual(seqs);
    expect(viaTwo.json.head).toBe(sent.size);

    // Live delivery across processes: a pull waiting on one hub wakes when the other takes a push (NOTIFY),
    // well before the waiting hub would look again by itself (every 5 s).
    const waiting = two.call('GET', `/v1/changes?after=${sent.size}&waitMs=10000`, undefined, token);
    await new Promise((r) => setTimeout(r, 500));
    const live = envelope('dev-a');
    const pushedAt = Date.now();
    expect((await one.call('POST', '/v1/changes', { changes: [live] }, token)).json.accepted).toEqual([{ changeId: live.changeId, seq: sent.size + 1 }]);
    const woken = await waiting;
    expect(woken.json.changes.map((c: { changeId: string }) => c.changeId)).toEqual([live.changeId]);
    expect(Date.now() - pushedAt).toBeLessThan(2500);

    // PostgreSQL is not encrypted at rest: the hub's private key is kept sealed, its store key wrapped under the passphrase.
    const meta = new pg.Client({ connectionString: url });
    await meta.connect();
    try {
      const { rows } = await meta.query(`SELECT key, value FROM hub_meta`);
      expect(rows.map((r: { key: string }) => r.key).sort()).toEqual(['hub_id', 'store_key', 'tls_cert', 'tls_key']);
      for (const row of rows as { key: string; value: string }[]) expect(row.value, row.key).not.toMatch(/PRIVATE KEY/);
    } finally {
      await meta.end();
    }
  }, 120_000);

  it("refuses a change to another clinician's draft, found through the partial index of draft inserts", async () => {
    const url = await freshDatabase('authors');
    const hub = await hubOn(url, true);
    const token = (await bootstrapPractice(hub, 'practice-a', 'dev-a')).json.deviceToken as string;
    await expectDraftAuthorship('dev-a', async (changes) => (await hub.call('POST', '/v1/changes', { changes }, token)).json);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const plan = await db.query(
        `EXPLAIN SELECT row_id, user_id FROM hub_log WHERE practice_id = 'practice-a' AND table_name = 'clinical_notes' AND op = 'insert' AND row_id IN ('x')`,
      );
      const planText = plan.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n');
      await db.query('SET enable_seqscan = off');
      const forced = await db.query(`EXPLAIN SELECT row_id, user_id FROM hub_log WHERE practice_id = 'practice-a' AND table_name = 'clinical_notes' AND op = 'insert' AND row_id IN ('x')`);
      expect(forced.rows.map((r: Record<string, string>) => Object.values(r)[0]).join('\n'), planText).toContain('hub_log_insert_clinical_notes');
    } finally {
      await db.end();
    }
  });

  it('keeps practices apart: forged practice ids, another practice\'s token, ids and pairings, and SQL-shaped input in every field are refused', async () => {
    const url = await freshDatabase('tenants');
    const [hubA, hubB] = [await hubOn(url, true), await hubOn(url, true)];
    const a = await bootstrapPractice(hubA, 'practice-a', 'dev-a');
    const b = await bootstrapPractice(hubB, 'practice-b', 'dev-b');
    expect([a.status, b.status]).toEqual([200, 200]);
    const [tokenA, tokenB] = [a.json.deviceToken as string, b.json.deviceToken as string];
    // Each token only ever reaches its own practice, whichever hub it is shown to.
    const call = (token: string, method: string, path: string, body?: unknown) => (Math.random() < 0.5 ? hubA : hubB).call(method, path, body, token);

    const fromA = Array.from({ length: 5 }, () => envelope('dev-a'));
    expect((await call(tokenA, 'POST', '/v1/changes', { changes: fromA })).json.accepted).toHaveLength(5);
    const fromB = Array.from({ length: 3 }, () => envelope('dev-b'));
    expect((await call(tokenB, 'POST', '/v1/changes', { changes: fromB })).json.accepted).toHaveLength(3);

    // A forged practice id: bootstrapping "practice-a" again, through a hub whose setup code is open, is refused.
    const third = await hubOn(url, true);
    const forged = await bootstrapPractice(third, 'practice-a', 'dev-intruder');
    expect(forged.status).toBe(409);
    expect(forged.json.error).toBe('BOOTSTRAP_CLOSED');
    for (const practiceId of INJECTIONS) expect((await bootstrapPractice(third, practiceId, 'dev-x')).status).toBe(400);

    // B reads only B, gap-free from 1; A's head is not B's business.
    const pullB = await call(tokenB, 'GET', '/v1/changes?after=0&limit=5000');
    expect((pullB.json.changes as { changeId: string; seq: number }[]).map((c) => [c.changeId, c.seq])).toEqual(fromB.map((c, i) => [c.changeId, i + 1]));
    expect(pullB.json.head).toBe(3);

    // B writing as A's device, or reusing A's change ids: refused, or kept in B's own log without touching A's.
    const asA = await call(tokenB, 'POST', '/v1/changes', { changes: [envelope('dev-a')] });
    expect(asA.json.refused).toEqual([expect.objectContaining({ reason: 'DEVICE_MISMATCH' })]);
    const reused = await call(tokenB, 'POST', '/v1/changes', { changes: [{ ...envelope('dev-b'), changeId: fromA[0]!.changeId }] });
    expect(reused.json.accepted).toEqual([{ changeId: fromA[0]!.changeId, seq: 4 }]);

    // B's devices list, revocations and pairings never reach A's.
    expect((await call(tokenB, 'GET', '/v1/devices')).json.devices.map((d: { deviceId: string }) => d.deviceId)).toEqual(['dev-b']);
    expect((await call(tokenB, 'POST', '/v1/devices/dev-a/revoke', { by: { userId: 'admin-1', role: 'admin' } })).status).toBe(404);
    const pairing = await call(tokenA, 'POST', '/v1/pairings', { pairingId: 'pairing-of-a', expiresInMs: 60_000, by: { userId: 'admin-1', role: 'admin' } });
    expect(pairing.status).toBe(200);
    expect((await call(tokenB, 'GET', '/v1/pairings/pairing-of-a')).status).toBe(403);
    expect((await call(tokenB, 'POST', '/v1/pairings/pairing-of-a/approve', { publicKey: 'AAAA', mac: 'AAAA', box: 'AAAA' })).status).toBe(403);
    expect((await call(tokenB, 'POST', '/v1/pairings/pairing-of-a/reject')).status).toBe(403);
    expect((await call(tokenA, 'GET', '/v1/pairings/pairing-of-a')).json.state).toBe('waiting');

    // SQL-shaped text in every field of the protocol: refused by the protocol's own schemas, before any query.
    const fields = ['changeId', 'hlc', 'deviceId', 'userId', 'role', 'table', 'op', 'seenSeq', 'sealed'] as const;
    for (const field of fields) {
      for (const text of INJECTIONS) {
        const bad = { ...envelope('dev-b'), [field]: text };
        const answer = await call(tokenB, 'POST', '/v1/changes', { changes: [bad] });
        expect(answer.status, `${field} = ${text}`).toBe(400);
      }
    }
    // The row id is opaque to the hub (any text the author chose): it is bound as a parameter and comes back verbatim.
    const opaque = INJECTIONS.map((rowId) => envelope('dev-b', { rowId }));
    expect((await call(tokenB, 'POST', '/v1/changes', { changes: opaque })).json.accepted).toHaveLength(INJECTIONS.length);
    for (const text of INJECTIONS) {
      const q = encodeURIComponent(text);
      for (const path of [`/v1/changes?after=${q}`, `/v1/changes?after=0&limit=${q}`, `/v1/changes?after=0&waitMs=${q}`]) expect((await call(tokenB, 'GET', path)).status, path).toBe(400);
      for (const path of [`/v1/devices/${q}/revoke`, `/v1/pairings/${q}/reject`]) expect((await call(tokenB, 'POST', path, { by: { userId: 'admin-1', role: 'admin' } })).status, path).toBe(404);
      expect((await call(tokenB, 'GET', `/v1/pairings/${q}`)).status).toBe(404);
      expect((await hubA.call('POST', `/v1/pairings/${q}/join`, { deviceName: text, deviceId: 'dev-j', publicKey: 'AAAA', mac: 'AAAA' })).status).toBe(404);
      expect([400, 403]).toContain((await hubA.call('GET', `/v1/pairings/pairing-of-a/result?claim=${q}`)).status);
      expect((await hubA.call('POST', '/v1/pairings', { pairingId: text, expiresInMs: 1000, by: { userId: 'admin-1', role: 'admin' } }, tokenB)).status).toBe(400);
      expect((await hubA.call('GET', '/v1/changes?after=0', undefined, text)).status).toBe(401);
    }

    // After all of it: A's log is exactly what A pushed, B's what B pushed, and every table is still there.
    const pullA = await call(tokenA, 'GET', '/v1/changes?after=0&limit=5000');
    expect((pullA.json.changes as { changeId: string; sealed: string }[]).map((c) => [c.changeId, c.sealed])).toEqual(fromA.map((c) => [c.changeId, c.sealed]));
    const finalB = (await call(tokenB, 'GET', '/v1/changes?after=0&limit=5000')).json.changes as { rowId: string; seq: number }[];
    expect(finalB.map((c) => c.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(finalB.slice(4).map((c) => c.rowId)).toEqual(INJECTIONS);
    expect((await call(tokenA, 'GET', '/v1/devices')).json.devices.map((d: { deviceId: string; revokedAt: string | null }) => [d.deviceId, d.revokedAt])).toEqual([['dev-a', null]]);
  }, 120_000);

  it('migrates an embedded hub with `npm run hub -- migrate`: same identity, tokens and sequence numbers, verified change by change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-migrate-'));
    try {
      const { key } = await openOrCreateHubKey(dir, PG_PASSPHRASE);
      const embedded = await startHub({ dir, key, host: '127.0.0.1', port: 0 });
      const { deviceToken } = await embedded.enrollLocalDevice('dev-m', 'Recepción', 'practice-m');
      const pushed: ReturnType<typeof envelope>[] = [];
      for (let i = 0; i < 5; i++) {
        const changes = Array.from({ length: 1000 }, () => envelope('dev-m'));
        pushed.push(...changes);
        expect((await hubCall(embedded.port, embedded.certPem, 'POST', '/v1/changes', { changes }, deviceToken)).json.accepted).toHaveLength(1000);
      }
      // One refused change (a role pushing where it may not), to be carried over with the rest.
      await hubCall(embedded.port, embedded.certPem, 'POST', '/v1/changes', { changes: [envelope('dev-m', { role: 'assistant', table: 'payments' })] }, deviceToken);
      const fingerprint = embedded.fingerprint;
      await embedded.close();

      const url = await freshDatabase('migrate');
      // Its own process, as an admin runs it (and asynchronously: the hub under test must keep answering meanwhile).
      const runMigrate = () =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/hub.ts', 'migrate', '--data', dir, '--postgres', url], {
            env: { ...process.env, DENTAL_PASSPHRASE: PG_PASSPHRASE, LANG: 'en_US.UTF-8' },
          });
          let stdout = '';
          let stderr = '';
          child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
          child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          child.once('close', (status) => resolve({ status, stdout, stderr }));
        });
      const first = await runMigrate();
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('Migration verified: 5000 changes and 1 workstations of practice practice-m');
      // Run again: nothing doubles, and it verifies again.
      expect((await runMigrate()).status).toBe(0);

      const hub = await hubOn(url);
      expect(hub.hub.fingerprint).toBe(fingerprint);
      const pulled: { changeId: string; seq: number; sealed: string }[] = [];
      for (let after = 0; after < 5000; after = pulled.length) pulled.push(...((await hub.call('GET', `/v1/changes?after=${after}&limit=5000`, undefined, deviceToken)).json.changes as typeof pulled));
      expect(pulled.map((c) => [c.seq, c.changeId, c.sealed])).toEqual(pushed.map((c, i) => [i + 1, c.changeId, c.sealed]));

      // A change altered on the PostgreSQL side is caught by the verification.
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      await db.query(`UPDATE hub_log SET sealed = 'AAAA' WHERE practice_id = 'practice-m' AND seq = 1234`);
      await db.end();
      const tampered = await runMigrate();
      expect(tampered.status).toBe(1);
      expect(tampered.stderr).toMatch(/seq 1234 .* differs/);

      // And the log goes on from where the embedded hub left it.
      const next = await hub.call('POST', '/v1/changes', { changes: [envelope('dev-m')] }, deviceToken);
      expect(next.json.accepted[0].seq).toBe(5001);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

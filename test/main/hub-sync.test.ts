import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openHubStore } from '../../src/main/hub/hub-store';
import { MAX_CLOCK_SKEW_MS, encodeHlc } from '../../src/shared/sync/hlc';
import { envelope, expectDraftAuthorship, startTestHub, type HubFixture } from './hub-support';

let f: HubFixture;
let token: string;
const DEVICE = 'dev-front-desk';

beforeEach(async () => {
  f = await startTestHub({ maxBodyBytes: 256 * 1024 });
  token = (await f.hub.enrollLocalDevice(DEVICE, 'Front desk', 'practice-1')).deviceToken;
});
afterEach(async () => f.cleanup());

describe('hub push and pull', () => {
  it('is idempotent by change id, also for concurrent pushes of one change', async () => {
    const batch = [envelope(DEVICE), envelope(DEVICE)];
    const first = await f.call('POST', '/v1/changes', { changes: batch }, token);
    expect(first.status).toBe(200);
    expect(first.json.accepted.map((a: { seq: number }) => a.seq)).toEqual([1, 2]);
    const again = await f.call('POST', '/v1/changes', { changes: batch }, token);
    expect(again.json.accepted).toEqual(first.json.accepted);

    const one = envelope(DEVICE);
    const [a, b] = await Promise.all([f.call('POST', '/v1/changes', { changes: [one] }, token), f.call('POST', '/v1/changes', { changes: [one] }, token)]);
    expect(a.json.accepted[0].seq).toBe(3);
    expect(b.json.accepted[0].seq).toBe(3);
    const pulled = await f.call('GET', '/v1/changes?after=0', undefined, token);
    expect(pulled.json.changes).toHaveLength(3);
    expect(pulled.json.head).toBe(3);
  });

  it('logs a change repeated within one batch once, and a retried batch mixing logged and new changes keeps the order', async () => {
    const [x, y, z] = [envelope(DEVICE), envelope(DEVICE), envelope(DEVICE)];
    const first = await f.call('POST', '/v1/changes', { changes: [x, y, x] }, token);
    expect(first.json.accepted).toEqual([
      { changeId: x.changeId, seq: 1 },
      { changeId: y.changeId, seq: 2 },
      { changeId: x.changeId, seq: 1 },
    ]);
    // More than one statement's worth of rows, so the chunked lookups and inserts are crossed too.
    const many = Array.from({ length: 600 }, () => envelope(DEVICE));
    const retried = await f.call('POST', '/v1/changes', { changes: [y, z, ...many, x] }, token);
    expect(retried.json.accepted.map((a: { seq: number }) => a.seq)).toEqual([2, 3, ...many.map((_, i) => i + 4), 1]);
    const pulled = await f.call('GET', '/v1/changes?after=0&limit=5000', undefined, token);
    expect(pulled.json.changes.map((c: { changeId: string }) => c.changeId)).toEqual([x, y, z, ...many].map((c) => c.changeId));
  });

  it('gives a gap-free total order across many concurrent pushes', async () => {
    await Promise.all(Array.from({ length: 10 }, () => f.call('POST', '/v1/changes', { changes: Array.from({ length: 20 }, () => envelope(DEVICE)) }, token)));
    const pulled = await f.call('GET', '/v1/changes?after=0&limit=5000', undefined, token);
    expect(pulled.json.changes.map((c: { seq: number }) => c.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const page = await f.call('GET', '/v1/changes?after=150&limit=10', undefined, token);
    expect(page.json.changes.map((c: { seq: number }) => c.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 151));
    const devices = await f.call('GET', '/v1/devices', undefined, token);
    expect(devices.json.devices[0].appliedSeq).toBe(150);
  });

  it('wakes a long-polling pull as soon as a change lands', async () => {
    const started = Date.now();
    const pull = f.call('GET', '/v1/changes?after=0&waitMs=10000', undefined, token);
    await new Promise((r) => setTimeout(r, 200));
    const pushedAt = Date.now();
    await f.call('POST', '/v1/changes', { changes: [envelope(DEVICE)] }, token);
    const result = await pull;
    const latency = Date.now() - pushedAt;
    expect(result.json.changes).toHaveLength(1);
    expect(latency).toBeLessThan(500);
    expect(Date.now() - started).toBeLessThan(2000);
    // With nothing new, the poll returns empty after waitMs.
    const empty = await f.call('GET', '/v1/changes?after=1&waitMs=300', undefined, token);
    expect(empty.json.changes).toEqual([]);
  });

  it('refuses DEVICE_MISMATCH, CLOCK_SKEW (with aheadMs) and ROLE_FORBIDDEN, and records them', async () => {
    const mismatch = envelope('someone-else');
    const skewed = envelope(DEVICE, { hlc: encodeHlc({ wallMs: Date.now() + MAX_CLOCK_SKEW_MS + 60_000, counter: 0, node: DEVICE }) });
    const forbidden = envelope(DEVICE, { role: 'receptionist', table: 'clinical_notes' });
    const fine = envelope(DEVICE, { role: 'dentist', table: 'clinical_notes' });
    const res = await f.call('POST', '/v1/changes', { changes: [mismatch, skewed, forbidden, fine] }, token);
    expect(res.status).toBe(200);
    expect(res.json.accepted).toEqual([{ changeId: fine.changeId, seq: 1 }]);
    const reasons = Object.fromEntries(res.json.refused.map((r: { changeId: string; reason: string }) => [r.changeId, r]));
    expect(reasons[mismatch.changeId].reason).toBe('DEVICE_MISMATCH');
    expect(reasons[skewed.changeId].reason).toBe('CLOCK_SKEW');
    expect(reasons[skewed.changeId].aheadMs).toBeGreaterThan(MAX_CLOCK_SKEW_MS);
    expect(reasons[forbidden.changeId].reason).toBe('ROLE_FORBIDDEN');
    await f.hub.close();
    const store = await openHubStore(f.dir, f.key);
    const recorded = await store.db.selectFrom('hub_refusals').selectAll().orderBy('id').execute();
    await store.close();
    expect(recorded.map((r) => [r.change_id, r.reason, r.table_name, r.role])).toEqual([
      [mismatch.changeId, 'DEVICE_MISMATCH', 'appointments', 'receptionist'],
      [skewed.changeId, 'CLOCK_SKEW', 'appointments', 'receptionist'],
      [forbidden.changeId, 'ROLE_FORBIDDEN', 'clinical_notes', 'receptionist'],
    ]);
  });

  it("refuses a change to another clinician's draft (NOT_AUTHOR), and records it", async () => {
    await expectDraftAuthorship(DEVICE, async (changes) => (await f.call('POST', '/v1/changes', { changes }, token)).json);
    await f.hub.close();
    const store = await openHubStore(f.dir, f.key);
    const recorded = await store.db.selectFrom('hub_refusals').select(['reason', 'table_name', 'role']).orderBy('id').execute();
    await store.close();
    expect(recorded).toEqual([
      { reason: 'NOT_AUTHOR', table_name: 'clinical_notes', role: 'hygienist' },
      { reason: 'NOT_AUTHOR', table_name: 'clinical_notes', role: 'assistant' },
      { reason: 'NOT_AUTHOR', table_name: 'perio_exams', role: 'hygienist' },
    ]);
  });

  it('reseals mutable entries only, for an author who may erase, and never past what the workstation applied', async () => {
    const patient = envelope(DEVICE, { table: 'patients', role: 'receptionist' });
    const fact = envelope(DEVICE, { table: 'chart_events', role: 'dentist' });
    await f.call('POST', '/v1/changes', { changes: [patient, fact] }, token);
    const author = { userId: 'admin-1', role: 'admin', throughSeq: 2 };
    expect((await f.call('POST', '/v1/redactions/plan', { ...author, role: 'receptionist', rows: [{ table: 'patients', rowId: patient.rowId }] }, token)).status).toBe(403);
    expect((await f.call('POST', '/v1/redactions/plan', { ...author, rows: [{ table: 'chart_events', rowId: fact.rowId }] }, token)).status).toBe(400);
    const plan = await f.call('POST', '/v1/redactions/plan', { ...author, rows: [{ table: 'patients', rowId: patient.rowId }] }, token);
    expect(plan.json.entries.map((e: { changeId: string; seq: number }) => [e.changeId, e.seq])).toEqual([[patient.changeId, 1]]);
    const sealed = randomBytes(48).toString('base64');
    expect((await f.call('POST', '/v1/redactions', { ...author, replacements: [{ seq: 2, changeId: fact.changeId, sealed }] }, token)).status).toBe(400);
    expect((await f.call('POST', '/v1/redactions', { ...author, throughSeq: 0, replacements: [{ seq: 1, changeId: patient.changeId, sealed }] }, token)).json).toEqual({ redacted: 0 });
    expect((await f.call('POST', '/v1/redactions', { ...author, replacements: [{ seq: 1, changeId: patient.changeId, sealed }] }, token)).json).toEqual({ redacted: 1 });
    const pulled = await f.call('GET', '/v1/changes?after=0', undefined, token);
    expect(pulled.json.changes.map((c: { sealed: string }) => c.sealed)).toEqual([sealed, fact.sealed]);
  });

  it('refuses a revoked device on everything', async () => {
    const other = await f.hub.enrollLocalDevice('dev-laptop', 'Laptop', 'practice-1');
    expect((await f.call('POST', '/v1/devices/dev-laptop/revoke', { by: { userId: 'admin-1', role: 'admin' } }, token)).status).toBe(200);
    const push = await f.call('POST', '/v1/changes', { changes: [envelope('dev-laptop')] }, other.deviceToken);
    expect(push).toEqual({ status: 403, json: { error: 'REVOKED' } });
    expect((await f.call('GET', '/v1/changes?after=0', undefined, other.deviceToken)).json).toEqual({ error: 'REVOKED' });
    expect((await f.call('GET', '/v1/devices', undefined, other.deviceToken)).status).toBe(403);
    expect((await f.call('GET', '/v1/devices', undefined, 'x'.repeat(43))).status).toBe(401);
  });

  it('answers 413 over the body limit, 400 on malformed input and 404 on unknown routes', async () => {
    const big = envelope(DEVICE, { sealed: randomBytes(300 * 1024).toString('base64') });
    expect((await f.call('POST', '/v1/changes', { changes: [big] }, token)).json).toEqual({ error: 'TOO_LARGE' });
    const { hubCall } = await import('./hub-support');
    const bad = await hubCall(f.hub.port, f.hub.certPem, 'POST', '/v1/changes', undefined, token, '{not json');
    expect(bad).toMatchObject({ status: 400, json: { error: 'BAD_REQUEST' } });
    const invalid = await f.call('POST', '/v1/changes', { changes: [{ changeId: 'x' }] }, token);
    expect(invalid).toMatchObject({ status: 400, json: { error: 'BAD_REQUEST' } });
    expect((await f.call('GET', '/v1/changes?after=-1', undefined, token)).status).toBe(400);
    expect((await f.call('GET', '/v1/nothing', undefined, token)).status).toBe(404);
    expect((await f.call('GET', '/elsewhere')).status).toBe(404);
  });

  it('keeps the store encrypted on disk: no routing string in clear', async () => {
    const marker = envelope(DEVICE, { table: 'appointments', rowId: 'ROWMARKER-7f3a9c', userId: 'USERMARKER-2b8e' });
    await f.call('POST', '/v1/changes', { changes: [marker] }, token);
    await f.hub.close();
    const files = readdirSync(f.dir).filter((n) => n.startsWith('hub.db'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const bytes = readFileSync(join(f.dir, name));
      for (const needle of ['ROWMARKER-7f3a9c', 'USERMARKER-2b8e', marker.changeId, DEVICE, 'hub_log', 'BEGIN CERTIFICATE', 'PRIVATE KEY', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(needle)), `${needle} in ${name}`).toBe(false);
      }
    }
  });
});

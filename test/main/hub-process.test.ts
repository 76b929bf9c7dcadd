import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapProof, parsePairingCode, stretchCode } from '../../src/main/sync/pairing-crypto';
import { envelope, hubCall } from './hub-support';
import { type HubProcess, pinnedCert, startHubProcess } from './hub-process-support';

const dir = mkdtempSync(join(tmpdir(), 'hub-proc-'));
const hubs: HubProcess[] = [];
afterAll(async () => {
  for (const hub of hubs) await hub.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('the hub as its own process', () => {
  it('survives kill -9 mid-push: the log stays intact and the retry lands exactly once', async () => {
    let hub = await startHubProcess({ dir, expectCode: true });
    hubs.push(hub);
    let cert = await pinnedCert(hub.port, hub.fingerprint);
    const code = parsePairingCode(hub.code!)!;
    const t = { pairingId: code.pairingId, fingerprint: hub.fingerprint, practiceId: 'practice-1', deviceId: 'dev-a', deviceName: 'A', nonce: randomBytes(16).toString('base64') };
    const enrolled = await hubCall(hub.port, cert, 'POST', '/v1/bootstrap', { practiceId: t.practiceId, deviceId: t.deviceId, deviceName: t.deviceName, nonce: t.nonce, proof: bootstrapProof(stretchCode(code), t) });
    expect(enrolled.status).toBe(200);
    const token = enrolled.json.deviceToken as string;

    const first = Array.from({ length: 300 }, () => envelope('dev-a'));
    expect((await hubCall(hub.port, cert, 'POST', '/v1/changes', { changes: first }, token)).json.accepted).toHaveLength(300);

    const batches = Array.from({ length: 6 }, () => Array.from({ length: 1000 }, () => envelope('dev-a')));
    const inFlight = batches.map((changes) => hubCall(hub.port, cert, 'POST', '/v1/changes', { changes }, token).catch(() => null));
    // Killed the moment the first batch is answered, not after a fixed wait (a fast hub had answered them all):
    // the hub takes one batch at a time, so the others are still queued or being written.
    await Promise.race(inFlight);
    hub.child.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    // The kill really landed mid-push: some batches never got their answer.
    expect(outcomes.some((o) => o === null)).toBe(true);

    hub = await startHubProcess({ dir, expectCode: false });
    hubs.push(hub);
    cert = await pinnedCert(hub.port, hub.fingerprint);
    for (const changes of batches) {
      const retried = await hubCall(hub.port, cert, 'POST', '/v1/changes', { changes }, token);
      expect(retried.json.accepted).toHaveLength(1000);
    }
    const log = await hubCall(hub.port, cert, 'GET', '/v1/changes?after=0&limit=5000', undefined, token);
    const rest = await hubCall(hub.port, cert, 'GET', '/v1/changes?after=5000&limit=5000', undefined, token);
    const all = [...log.json.changes, ...rest.json.changes] as { seq: number; changeId: string }[];
    expect(all.map((c) => c.seq)).toEqual(Array.from({ length: 6300 }, (_, i) => i + 1));
    expect(new Set(all.map((c) => c.changeId)).size).toBe(6300);
    expect(all.slice(0, 300).map((c) => c.changeId)).toEqual(first.map((c) => c.changeId));
    hub.child.kill('SIGTERM');
    await new Promise((r) => hub.child.once('exit', r));
    expect(hub.child.exitCode).toBe(0);
  }, 120_000);
});

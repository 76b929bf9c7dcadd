import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { bootstrapProof, parsePairingCode, stretchCode } from '../../src/main/sync/pairing-crypto';
import { startTestHub, type HubFixture } from './hub-support';

let f: HubFixture;
afterEach(async () => f.cleanup());

function bootstrapBody(code: string, fingerprint: string, deviceId = 'dev-first') {
  const parsed = parsePairingCode(code)!;
  const t = { pairingId: parsed.pairingId, fingerprint, practiceId: 'practice-1', deviceId, deviceName: 'Recepción', nonce: randomBytes(16).toString('base64') };
  return { practiceId: t.practiceId, deviceId, deviceName: t.deviceName, nonce: t.nonce, proof: bootstrapProof(stretchCode(parsed), t) };
}

const joinBody = { deviceName: 'Sillón 2', deviceId: 'dev-chair-2', publicKey: randomBytes(32).toString('base64'), mac: randomBytes(32).toString('base64') };
const approveBody = { publicKey: randomBytes(32).toString('base64'), mac: randomBytes(32).toString('base64'), box: randomBytes(200).toString('base64') };

describe('hub bootstrap', () => {
  it('enrolls the first device with the right proof, refuses a wrong one, then closes', async () => {
    f = await startTestHub();
    const code = f.hub.setupCode()!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect((await f.call('GET', '/v1/hello')).json).toMatchObject({ protocol: 1, practiceId: null, needsBootstrap: true });

    const wrong = { ...bootstrapBody(code, f.hub.fingerprint), proof: randomBytes(32).toString('base64') };
    expect(await f.call('POST', '/v1/bootstrap', wrong)).toEqual({ status: 403, json: { error: 'BAD_CODE' } });
    // A proof over another fingerprint (a man in the middle's certificate) fails too.
    expect((await f.call('POST', '/v1/bootstrap', bootstrapBody(code, 'AA:BB'))).status).toBe(403);

    const ok = await f.call('POST', '/v1/bootstrap', bootstrapBody(code, f.hub.fingerprint));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ deviceId: 'dev-first', practiceId: 'practice-1' });
    expect((await f.call('GET', '/v1/devices', undefined, ok.json.deviceToken)).json.devices).toHaveLength(1);
    expect(f.hub.setupCode()).toBeNull();
    expect((await f.call('GET', '/v1/hello')).json).toMatchObject({ practiceId: 'practice-1', needsBootstrap: false });
    expect(await f.call('POST', '/v1/bootstrap', bootstrapBody(code, f.hub.fingerprint, 'dev-second'))).toEqual({ status: 409, json: { error: 'BOOTSTRAP_CLOSED' } });
  });

  it('replaces the setup code after 5 wrong proofs', async () => {
    f = await startTestHub();
    const code = f.hub.setupCode()!;
    for (let i = 0; i < 5; i++) {
      await f.call('POST', '/v1/bootstrap', { ...bootstrapBody(code, f.hub.fingerprint), proof: randomBytes(32).toString('base64') });
    }
    expect(f.hub.setupCode()).not.toBe(code);
    expect((await f.call('POST', '/v1/bootstrap', bootstrapBody(code, f.hub.fingerprint))).status).toBe(403);
    expect((await f.call('POST', '/v1/bootstrap', bootstrapBody(f.hub.setupCode()!, f.hub.fingerprint))).status).toBe(200);
  });
});

describe('hub pairing relay', () => {
  it('relays join, approval and enrollment once', async () => {
    f = await startTestHub();
    const admin = (await f.hub.enrollLocalDevice('dev-admin', 'Admin', 'practice-1')).deviceToken;
    expect((await f.call('POST', '/v1/pairings', { pairingId: 'K7M2', expiresInMs: 600_000, by: { userId: 'admin-1', role: 'admin' } }, admin)).status).toBe(200);
    const watching = f.call('GET', '/v1/pairings/K7M2?waitMs=5000', undefined, admin);
    const join = await f.call('POST', '/v1/pairings/K7M2/join', joinBody);
    expect(join.status).toBe(200);
    const claim = join.json.claim as string;
    expect((await watching).json).toEqual({ state: 'claimed', join: joinBody });
    expect(await f.call('POST', '/v1/pairings/K7M2/join', joinBody)).toEqual({ status: 409, json: { error: 'PAIRING_USED' } });

    const waitingResult = f.call('GET', `/v1/pairings/K7M2/result?claim=${claim}&waitMs=5000`);
    expect((await f.call('POST', '/v1/pairings/K7M2/approve', approveBody, admin)).status).toBe(200);
    const result = (await waitingResult).json;
    expect(result.state).toBe('approved');
    expect(result.approval).toMatchObject({ ...approveBody, enrollment: { deviceId: 'dev-chair-2', practiceId: 'practice-1' } });
    // The new device's token works; the approval is not handed out twice.
    expect((await f.call('GET', '/v1/changes?after=0', undefined, result.approval.enrollment.deviceToken)).status).toBe(200);
    expect((await f.call('GET', `/v1/pairings/K7M2/result?claim=${claim}`)).json).toEqual({ state: 'approved' });
    expect((await f.call('GET', `/v1/pairings/K7M2/result?claim=${'x'.repeat(43)}`)).status).toBe(403);
    expect((await f.call('POST', '/v1/pairings', { pairingId: 'K7M2', expiresInMs: 600_000, by: { userId: 'admin-1', role: 'admin' } }, admin)).status).toBe(409);
    // Only enrolled devices create pairings.
    // Enrolling and revoking computers is an admin's step at the hub too, whatever session the workstation says it holds.
    const receptionist = { userId: 'rec-1', role: 'receptionist' };
    expect((await f.call('POST', '/v1/pairings', { pairingId: 'RCP1', expiresInMs: 600_000, by: receptionist }, admin)).status).toBe(403);
    expect((await f.call('POST', '/v1/pairings', { pairingId: 'RCP2', expiresInMs: 600_000 }, admin)).status).toBe(400);
    expect((await f.call('POST', `/v1/devices/${encodeURIComponent('dev-nobody')}/revoke`, { by: receptionist }, admin)).status).toBe(403);
    expect((await f.call('POST', '/v1/pairings', { pairingId: 'ZZZZ', expiresInMs: 600_000, by: { userId: 'admin-1', role: 'admin' } })).status).toBe(401);
  });

  it('refuses an expired pairing, and tells a rejected joiner', async () => {
    f = await startTestHub();
    const admin = (await f.hub.enrollLocalDevice('dev-admin', 'Admin', 'practice-1')).deviceToken;
    await f.call('POST', '/v1/pairings', { pairingId: 'EXP1', expiresInMs: 150, by: { userId: 'admin-1', role: 'admin' } }, admin);
    await new Promise((r) => setTimeout(r, 250));
    expect(await f.call('POST', '/v1/pairings/EXP1/join', joinBody)).toEqual({ status: 410, json: { error: 'PAIRING_EXPIRED' } });
    expect((await f.call('GET', '/v1/pairings/EXP1', undefined, admin)).json).toEqual({ state: 'expired' });

    await f.call('POST', '/v1/pairings', { pairingId: 'REJ1', expiresInMs: 600_000, by: { userId: 'admin-1', role: 'admin' } }, admin);
    const { claim } = (await f.call('POST', '/v1/pairings/REJ1/join', joinBody)).json;
    expect((await f.call('POST', '/v1/pairings/REJ1/reject', {}, admin)).status).toBe(200);
    expect((await f.call('GET', `/v1/pairings/REJ1/result?claim=${claim}`)).json).toEqual({ state: 'rejected' });
    expect((await f.call('POST', '/v1/pairings/REJ1/approve', approveBody, admin)).status).toBe(409);
    expect((await f.call('GET', '/v1/pairings/NONE', undefined, admin)).status).toBe(404);
  });
});

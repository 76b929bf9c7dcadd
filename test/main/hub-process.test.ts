import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapProof, parsePairingCode, stretchCode } from '../../src/main/sync/pairing-crypto';
import { envelope, hubCall } from './hub-support';

const dir = mkdtempSync(join(tmpdir(), 'hub-proc-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  port: number;
  fingerprint: string;
  code: string | null;
}

/** Runs the real CLI as its own process and reads what it prints. */
function startHubProcess(expectCode: boolean): Promise<Started> {
  // node itself (not npx, whose child would outlive a kill -9 of npx), with tsx as a loader.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/hub.ts', '--data', dir, '--host', '127.0.0.1', '--port', '0'], {
    env: { ...process.env, DENTAL_PASSPHRASE: 'hub-test-passphrase', LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const port = /https:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      const fingerprint = /\s([0-9A-F]{2}(?::[0-9A-F]{2}){31})\s/.exec(out);
      if (port && fingerprint && (!expectCode || /Setup code for the first workstation: \S+\n/.test(out))) {
        const code = /Setup code for the first workstation: (\S+)/.exec(out);
        resolve({ child, port: Number(port[1]), fingerprint: fingerprint[1]!, code: code?.[1] ?? null });
      }
    });
    child.once('exit', (c) => reject(new Error(`hub exited ${c}: ${out}`)));
  });
}

/** Fetches the certificate once and checks it against the printed fingerprint: the pin. */
function pinnedCert(port: number, fingerprint: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
      const pem = new X509Certificate(socket.getPeerCertificate().raw).toString();
      socket.end();
      if (new X509Certificate(pem).fingerprint256 !== fingerprint) reject(new Error('fingerprint mismatch'));
      else resolve(pem);
    });
    socket.on('error', reject);
  });
}

describe('the hub as its own process', () => {
  it('survives kill -9 mid-push: the log stays intact and the retry lands exactly once', async () => {
    let hub = await startHubProcess(true);
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
    await new Promise((r) => setTimeout(r, 150));
    hub.child.kill('SIGKILL');
    const outcomes = await Promise.all(inFlight);
    // The kill really landed mid-push: some batches never got their answer.
    expect(outcomes.some((o) => o === null)).toBe(true);

    hub = await startHubProcess(false);
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

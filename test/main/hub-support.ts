import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
/* eslint-disable @typescript-eslint/no-explicit-any -- responses are checked by the assertions that read them */
import { startHub, type RunningHub } from '../../src/main/hub/hub-service';
import { encodeHlc } from '../../src/shared/sync/hlc';
import type { AuthorRole, Envelope } from '../../src/shared/sync/protocol';

export interface HubFixture {
  hub: RunningHub;
  dir: string;
  key: Buffer;
  call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; json: any }>;
  cleanup(): Promise<void>;
}

/** An HTTPS call to the hub over 127.0.0.1, trusting only the pinned certificate. */
export function hubCall(port: number, certPem: string, method: string, path: string, body?: unknown, token?: string, raw?: string) {
  const expected = new X509Certificate(certPem).fingerprint256;
  const payload = raw ?? (body === undefined ? undefined : JSON.stringify(body));
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        ca: certPem,
        // Pinning: the fingerprint decides, not the name in the certificate.
        checkServerIdentity: (_host, cert) => (cert.fingerprint256 === expected ? undefined : new Error('fingerprint mismatch')),
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

export async function startTestHub(options: { maxBodyBytes?: number; dir?: string; key?: Buffer } = {}): Promise<HubFixture> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'hub-test-'));
  const key = options.key ?? randomBytes(32);
  const hub = await startHub({ dir, key, host: '127.0.0.1', port: 0, maxBodyBytes: options.maxBodyBytes });
  return {
    hub,
    dir,
    key,
    call: (method, path, body, token) => hubCall(hub.port, hub.certPem, method, path, body, token),
    async cleanup() {
      await hub.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function envelope(deviceId: string, overrides: Partial<Envelope> & { role?: AuthorRole } = {}): Envelope {
  return {
    changeId: randomUUID(),
    hlc: encodeHlc({ wallMs: Date.now(), counter: 0, node: deviceId }),
    deviceId,
    userId: 'user-1',
    role: 'receptionist',
    table: 'appointments',
    rowId: randomUUID(),
    op: 'insert',
    seenSeq: 0,
    sealed: randomBytes(48).toString('base64'),
    ...overrides,
  };
}

type Push = (changes: Envelope[]) => Promise<{ accepted: { changeId: string }[]; refused: { changeId: string; reason: string }[] }>;

/**
 * Drafts belong to their author at the hub too: a hygienist's note is changed
 * by her, co-signed by a dentist, scrubbed by the admin, and never rewritten
 * by another hygienist or assistant, whether its insert is in the log or in
 * the same batch. Run against each store.
 */
export async function expectDraftAuthorship(deviceId: string, push: Push): Promise<void> {
  const note = randomUUID();
  const change = (userId: string, role: AuthorRole, op: Envelope['op'], rowId = note, table = 'clinical_notes') => envelope(deviceId, { userId, role, op, rowId, table });
  const verdicts = async (changes: Envelope[]) => {
    const answer = await push(changes);
    const refused = new Map(answer.refused.map((r) => [r.changeId, r.reason]));
    return changes.map((c) => refused.get(c.changeId) ?? 'ok');
  };
  expect(await verdicts([change('hig-1', 'hygienist', 'insert')])).toEqual(['ok']);
  expect(
    await verdicts([
      change('hig-2', 'hygienist', 'update'),
      change('asi-1', 'assistant', 'delete'),
      change('hig-1', 'hygienist', 'update'),
      change('dra-1', 'dentist', 'update'),
      change('admin-1', 'admin', 'update'),
    ]),
  ).toEqual(['NOT_AUTHOR', 'NOT_AUTHOR', 'ok', 'ok', 'ok']);
  // Made and edited in one batch, before any push: the author is the batch's own insert.
  const exam = randomUUID();
  expect(
    await verdicts([change('hig-2', 'hygienist', 'insert', exam, 'perio_exams'), change('hig-2', 'hygienist', 'update', exam, 'perio_exams'), change('hig-1', 'hygienist', 'update', exam, 'perio_exams')]),
  ).toEqual(['ok', 'ok', 'NOT_AUTHOR']);
  // Rows that are not drafts are anyone's with the permission.
  const booking = randomUUID();
  expect(await verdicts([change('rec-1', 'receptionist', 'insert', booking, 'appointments'), change('rec-2', 'receptionist', 'update', booking, 'appointments')])).toEqual(['ok', 'ok']);
}

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z, type ZodType } from 'zod';
import { roleHas } from '../../shared/auth/roles';
import {
  approveRequestSchema,
  bootstrapRequestSchema,
  createPairingRequestSchema,
  joinRequestSchema,
  pullQuerySchema,
  pushRequestSchema,
  redactionPlanRequestSchema,
  revokeRequestSchema,
  redactionRequestSchema,
  SYNC_PROTOCOL_VERSION,
  type ActingUser,
  type HubErrorCode,
} from '../../shared/sync/protocol';
import { type Bootstrap, BootstrapError } from './hub-bootstrap';
import { countDevices, findDeviceByToken, listDevices, revokeDevice, type DeviceRow } from './hub-devices';
import { ingestBatch, logHead, readLog, recordPull } from './hub-log';
import { approvePairing, createPairing, joinPairing, PairingError, pairingPractice, pairingResult, pairingState, rejectPairing } from './hub-pairings';
import { applyRedaction, planRedaction, RedactionError } from './hub-redactions';
import { HubSignal } from './hub-signal';
import { getMeta, type HubStore } from './hub-store';
import type { HubTls } from './hub-tls';

/** Big enough for a full batch of ordinary changes; a larger body is refused before parsing. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;
/** With several hub processes: how often a waiting long-poll looks again even without an announcement. */
const RECHECK_MS = 5000;
/** What `hello` names as the practice of a hub serving several: the joiner learns its own from the approver. */
export const MULTI_PRACTICE_ID = 'multi-practice';

export interface HubServerOptions {
  store: HubStore;
  tls: HubTls;
  bootstrap: Bootstrap;
  maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
    readonly detail?: string,
  ) {
    super(code);
  }
}

const pullClaim = z.object({ claim: z.string().min(16).max(100) });
const ERROR_STATUS: Record<string, number> = { BOOTSTRAP_CLOSED: 409, BAD_CODE: 403 };

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json), 'cache-control': 'no-store' });
  res.end(json);
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new HttpError(413, 'TOO_LARGE'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'TOO_LARGE'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'BAD_REQUEST', result.error.issues[0]?.message.slice(0, 200));
  return result.data;
}

/** The hub's HTTPS server: routes, authentication and the long-polls; the rules live in the hub-* modules. */
export function createHubServer(options: HubServerOptions): { server: Server; changesSignal: HubSignal } {
  const { store, tls, bootstrap } = options;
  const db = store.db;
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  // Several processes on one store: another process's push or pairing step arrives as an announcement,
  // and a long-poll also re-checks now and then, in case one was lost with a dropped connection.
  const shared = store.kind === 'postgres';
  const changesSignal = new HubSignal(shared ? RECHECK_MS : undefined);
  const pairingSignal = new HubSignal(shared ? RECHECK_MS : undefined);
  const unsubscribe = store.subscribe?.((channel) => (channel === 'changes' ? changesSignal : pairingSignal).notify());
  const box = store.seal && store.unseal ? { seal: store.seal, unseal: store.unseal } : undefined;
  const announce = (channel: 'changes' | 'pairings', practiceId: string | null) => {
    (channel === 'changes' ? changesSignal : pairingSignal).notify();
    if (practiceId && store.announce) void store.announce(channel, practiceId).catch((error: unknown) => console.error('hub: announce failed', error));
  };

  async function body<T>(req: IncomingMessage, schema: ZodType<T>): Promise<T> {
    const text = await readBody(req, limit);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'invalid JSON');
    }
    return parse(schema, json);
  }

  /** Enrolling and revoking computers is the admin's (users.manage), on the hub as in main. */
  function requireAdmin(by: ActingUser): void {
    if (by.role === 'system' || !roleHas(by.role, 'users.manage')) throw new HttpError(403, 'FORBIDDEN', 'an admin step');
  }

  async function authenticate(req: IncomingMessage): Promise<DeviceRow> {
    const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(req.headers.authorization ?? '');
    const device = match ? await findDeviceByToken(db, match[1]!) : undefined;
    if (!device) throw new HttpError(401, 'UNAUTHENTICATED');
    if (device.revoked_at) throw new HttpError(403, 'REVOKED');
    return device;
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://hub');
    const method = req.method ?? 'GET';
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v1') throw new HttpError(404, 'NOT_FOUND');
    const [, resource, id, action] = parts;
    const query = Object.fromEntries(url.searchParams);

    if (resource === 'hello' && method === 'GET' && !id) {
      if (shared) {
        // Public, so it names no practice: only whether this process holds a setup code for a new one.
        const open = bootstrap.open;
        return send(res, 200, { protocol: SYNC_PROTOCOL_VERSION, hubId: tls.hubId, practiceId: open ? null : MULTI_PRACTICE_ID, needsBootstrap: open, hubTime: Date.now() });
      }
      const needsBootstrap = (await countDevices(db)) === 0;
      return send(res, 200, { protocol: SYNC_PROTOCOL_VERSION, hubId: tls.hubId, practiceId: await getMeta(db, 'practice_id'), needsBootstrap, hubTime: Date.now() });
    }
    if (resource === 'bootstrap' && method === 'POST' && !id) {
      const request = await body(req, bootstrapRequestSchema);
      try {
        return send(res, 200, await bootstrap.enroll(request));
      } catch (error) {
        if (error instanceof BootstrapError) throw new HttpError(ERROR_STATUS[error.code]!, error.code);
        throw error;
      }
    }
    if (resource === 'pairings' && id && action === 'join' && method === 'POST') {
      const request = await body(req, joinRequestSchema);
      const result = await joinPairing(db, id, request);
      announce('pairings', await pairingPractice(db, id));
      return send(res, 200, result);
    }
    if (resource === 'pairings' && id && action === 'result' && method === 'GET') {
      const claim = parse(pullClaim, query).claim;
      const waitMs = parse(pullQuerySchema.pick({ waitMs: true }), query).waitMs;
      const result = await pairingSignal.until(waitMs, async () => {
        const r = await pairingResult(db, id, claim, Date.now(), box);
        return r.state === 'waiting' ? null : r;
      });
      return send(res, 200, result ?? { state: 'waiting' });
    }

    // Everything below needs an enrolled, unrevoked device.
    const device = await authenticate(req);
    if (resource === 'changes' && !id) {
      if (method === 'POST') {
        const request = await body(req, pushRequestSchema);
        const result = await ingestBatch(db, device, request.changes);
        if (result.accepted.length > 0) announce('changes', device.practice_id);
        return send(res, 200, result);
      }
      if (method === 'GET') {
        const q = parse(pullQuerySchema, query);
        await recordPull(db, device, q.after);
        const changes = (await changesSignal.until(q.waitMs, async () => {
          const rows = await readLog(db, device.practice_id, q.after, q.limit);
          return rows.length > 0 ? rows : null;
        })) ?? [];
        return send(res, 200, { changes, head: await logHead(db, device.practice_id), hubTime: Date.now() });
      }
    }
    if (resource === 'redactions' && method === 'POST' && (id === 'plan' || !id) && !action) {
      try {
        if (id === 'plan') return send(res, 200, { entries: await planRedaction(db, device, await body(req, redactionPlanRequestSchema)) });
        const redacted = await applyRedaction(db, device, await body(req, redactionRequestSchema));
        return send(res, 200, { redacted });
      } catch (error) {
        if (error instanceof RedactionError) throw new HttpError(error.status, error.code, error.detail);
        throw error;
      }
    }
    if (resource === 'devices' && method === 'GET' && !id) return send(res, 200, { devices: await listDevices(db, device.practice_id) });
    if (resource === 'devices' && id && action === 'revoke' && method === 'POST') {
      requireAdmin((await body(req, revokeRequestSchema)).by);
      // Only a device of the caller's own practice: another practice's device is not found, whatever its id.
      if (!(await revokeDevice(db, device.practice_id, id)) && !(await listDevices(db, device.practice_id)).some((d) => d.deviceId === id)) throw new HttpError(404, 'NOT_FOUND');
      return send(res, 200, { ok: true });
    }
    if (resource === 'pairings' && method === 'POST' && !id) {
      const request = await body(req, createPairingRequestSchema);
      requireAdmin(request.by);
      return send(res, 200, await createPairing(db, device, request.pairingId, request.expiresInMs));
    }
    if (resource === 'pairings' && id && !action && method === 'GET') {
      const waitMs = parse(pullQuerySchema.pick({ waitMs: true }), query).waitMs;
      const state = await pairingSignal.until(waitMs, async () => {
        const s = await pairingState(db, device, id);
        return s.state === 'waiting' ? null : s;
      });
      return send(res, 200, state ?? (await pairingState(db, device, id)));
    }
    if (resource === 'pairings' && id && action === 'approve' && method === 'POST') {
      const request = await body(req, approveRequestSchema);
      await approvePairing(db, device, id, request, Date.now(), box);
      announce('pairings', device.practice_id);
      return send(res, 200, { ok: true });
    }
    if (resource === 'pairings' && id && action === 'reject' && method === 'POST') {
      await rejectPairing(db, device, id);
      announce('pairings', device.practice_id);
      return send(res, 200, { ok: true });
    }
    throw new HttpError(404, 'NOT_FOUND');
  }

  const server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    route(req, res).catch((error: unknown) => {
      // The hub closing under a long-poll or a push: the client retries elsewhere or later.
      if (res.headersSent || res.destroyed) return res.destroy();
      if (error instanceof HttpError) return send(res, error.status, error.detail ? { error: error.code, detail: error.detail } : { error: error.code });
      if (error instanceof PairingError) return send(res, error.status, { error: error.code });
      console.error('hub: internal error', error);
      send(res, 500, { error: 'INTERNAL' });
    });
  });
  // Long-polls must outlive Node's default request timeout, plus some slack.
  server.requestTimeout = 60_000;
  server.once('close', () => unsubscribe?.());
  return { server, changesSignal };
}

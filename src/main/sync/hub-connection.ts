import { X509Certificate } from 'node:crypto';
import { Agent, request } from 'node:https';
import { connect } from 'node:tls';
import type { ZodType } from 'zod';
import { hubErrorSchema, type HubErrorCode } from '../../shared/sync/protocol';

/**
 * HTTPS to the office hub, trusting one certificate only: the one pinned at
 * enrollment. The hub's certificate is self-made, so no CA or host name can
 * vouch for it; its SHA-256 fingerprint does.
 */
export interface HubTarget {
  /** `https://host:port` */
  url: string;
  fingerprint: string;
  certPem: string;
}

/** The hub answered, and said no. */
export class HubRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: HubErrorCode,
  ) {
    super(`hub: ${status} ${code}`);
    this.name = 'HubRefusal';
  }
}

/** The hub could not be reached, or its answer was cut off or not what the protocol says. */
export class HubUnreachable extends Error {
  constructor(readonly reason: string) {
    super(`hub unreachable: ${reason}`);
    this.name = 'HubUnreachable';
  }
}

const DEFAULT_PORT = 7443;

/** Accepts `host`, `host:port` or `https://host:port/` as typed by an admin. */
export function normalizeHubAddress(typed: string): { url: string; host: string; port: number } {
  const trimmed = typed.trim().replace(/\/+$/, '');
  const url = new URL(/^https:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  const port = url.port ? Number(url.port) : DEFAULT_PORT;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { url: `https://${url.hostname}:${port}`, host, port };
}

/**
 * First contact: reads the certificate the hub presents, without trusting it
 * yet. The pairing MACs (or the setup code's proof) then show that both ends
 * saw this same certificate, which is what makes the pin trustworthy.
 */
export function fetchHubCertificate(address: string, timeoutMs = 5000): Promise<HubTarget> {
  const { url, host, port } = normalizeHubAddress(address);
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, rejectUnauthorized: false, servername: /^[\d.:]+$/.test(host) ? undefined : host });
    const timer = setTimeout(() => socket.destroy(new Error('timeout')), timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerX509Certificate();
      socket.end();
      if (!cert) return reject(new HubUnreachable('no certificate'));
      resolve({ url, fingerprint: cert.fingerprint256, certPem: cert.toString() });
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new HubUnreachable(error.message));
    });
  });
}

export interface HubRequestOptions<T> {
  body?: unknown;
  token?: string;
  schema: ZodType<T>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** One pinned, kept-alive connection pool per hub target. */
export class HubConnection {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(readonly target: HubTarget) {
    const { host, port } = normalizeHubAddress(target.url);
    this.host = host;
    this.port = port;
    const expected = new X509Certificate(target.certPem).fingerprint256;
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 4,
      ca: target.certPem,
      checkServerIdentity: (_host, cert) => (cert.fingerprint256 === expected && expected === target.fingerprint ? undefined : new Error('hub certificate changed')),
    });
  }

  request<T>(method: 'GET' | 'POST', path: string, options: HubRequestOptions<T>): Promise<T> {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    return this.send(method, path, options, payload, true);
  }

  private send<T>(method: 'GET' | 'POST', path: string, options: HubRequestOptions<T>, payload: string | undefined, mayRetry: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          signal: options.signal,
          timeout: options.timeoutMs ?? 45_000,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(new HubUnreachable(error.message)));
          res.on('end', () => {
            let json: unknown;
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return reject(new HubUnreachable(`unreadable answer (${res.statusCode})`));
            }
            const status = res.statusCode ?? 0;
            if (status >= 400) {
              const error = hubErrorSchema.safeParse(json);
              return reject(error.success ? new HubRefusal(status, error.data.error) : new HubUnreachable(`status ${status}`));
            }
            const parsed = options.schema.safeParse(json);
            if (!parsed.success) return reject(new HubUnreachable('answer does not follow the protocol'));
            resolve(parsed.data);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive socket the hub closed as idle just as this request took it (likely after the event loop
        // was busy for a while): the hub never read the request, so sending it once more on a fresh socket is safe.
        if (mayRetry && req.reusedSocket && error.code === 'ECONNRESET' && !options.signal?.aborted) {
          this.send(method, path, options, payload, false).then(resolve, reject);
          return;
        }
        reject(error.name === 'AbortError' ? error : new HubUnreachable(error.message));
      });
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

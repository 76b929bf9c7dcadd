import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { HTTP } from '../../shared/contract/bridge';
import type { AppCore } from '../app-core';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import { REQUEST_BODY_MAX_BYTES } from '../../shared/contract/limits';

/**
 * Serves the built renderer and the contract over HTTP on 127.0.0.1, for
 * machines without the Electron binary, for development and for the
 * end-to-end tests. Same dispatcher as Electron; only the transport differs.
 *
 * Other local processes and web pages must not drive it, so every API call
 * needs the per-launch token (handed over in the URL fragment, which never
 * reaches a server or a Referer), an Origin of this host, and a Host header of
 * this host (against DNS rebinding).
 */
export interface BrowserHost {
  /** Includes the launch token in the fragment: open it, do not log it. */
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  core: AppCore;
  port?: number;
  rendererDir?: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // The pdf.js worker keeps its .mjs name; a module worker refuses any other type.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

const MAX_BODY_BYTES = REQUEST_BODY_MAX_BYTES;
const CONNECTION_COOKIE = 'dental_conn';

/** Calls that start or resume a signed-in session. */
const SESSION_STARTING_CALLS = new Set(['auth.signIn', 'auth.unlock', 'app.setup']);

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const rendererDir = resolve(options.rendererDir ?? join(process.cwd(), 'dist', 'renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built at ${rendererDir}; run "npm run build:renderer" first.`);
  }
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const sockets = new Set<Socket>();
  const eventStreams = new Set<ServerResponse>();
  /** Connection ids this host made: a cookie naming any other is a stranger's, and gets a fresh id. */
  const issuedConnections = new Set<string>();
  let origin = '';
  let allowedHosts: string[] = [];

  const tokenMatches = (candidate: string | undefined | null): boolean => {
    if (!candidate) return false;
    const bytes = Buffer.from(candidate);
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.includes(req.headers.host ?? '')) return void res.writeHead(421).end();
    const url = new URL(req.url ?? '/', origin);
    try {
      decodeURIComponent(url.pathname);
    } catch {
      return void res.writeHead(400).end();
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.origin !== undefined && req.headers.origin !== origin) return void res.writeHead(403).end();
      const site = req.headers['sec-fetch-site'];
      if (site !== undefined && site !== 'same-origin') return void res.writeHead(403).end();
      const connectionId = connectionOf(req, res);
      if (url.pathname === HTTP.eventsPath && req.method === 'GET') {
        if (!tokenMatches(url.searchParams.get('token'))) return void res.writeHead(403).end();
        return serveEvents(res, connectionId);
      }
      const prefix = '/api/call/';
      if (url.pathname.startsWith(prefix) && req.method === 'POST') {
        // Browsers add Origin to every POST; one without it did not come from our page.
        if (req.headers.origin !== origin) return void res.writeHead(403).end();
        const header = req.headers[HTTP.tokenHeader];
        if (!tokenMatches(Array.isArray(header) ? header[0] : header)) return void res.writeHead(403).end();
        const input = await readJson(req);
        if (input === BODY_TOO_LARGE) {
          res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
          return void res.end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.BODY_TOO_LARGE', params: { limitMb: MAX_BODY_BYTES / 1024 / 1024 } } }));
        }
        const name = decodeURIComponent(url.pathname.slice(prefix.length));
        const result = await options.core.dispatch(name, input, connectionId);
        if (result.ok && SESSION_STARTING_CALLS.has(name)) renewConnection(res, connectionId);
        return sendJson(res, result);
      }
      return void res.writeHead(404).end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    serveStatic(url.pathname, res);
  }

  function connectionOf(req: IncomingMessage, res: ServerResponse): string {
    const cookie = /(?:^|;\s*)dental_conn=([A-Za-z0-9-]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (cookie && issuedConnections.has(cookie)) return cookie;
    return issueConnection(res);
  }

  function issueConnection(res: ServerResponse): string {
    const id = randomUUID();
    issuedConnections.add(id);
    res.setHeader('Set-Cookie', `${CONNECTION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict`);
    return id;
  }

  /** After a sign-in or an unlock the cookie changes: one planted or seen before it is worth nothing after. */
  function renewConnection(res: ServerResponse, connectionId: string): void {
    const renewed = issueConnection(res);
    options.core.renewConnection(connectionId, renewed);
    issuedConnections.delete(connectionId);
  }

  function serveEvents(res: ServerResponse, connectionId: string): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    eventStreams.add(res);
    const unsubscribe = options.core.onEvent(connectionId, (name, payload) => {
      res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      eventStreams.delete(res);
    });
  }

  function serveStatic(pathname: string, res: ServerResponse): void {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(rendererDir, relative || 'index.html');
    if (!file.startsWith(rendererDir + sep) && file !== rendererDir) return void res.writeHead(404).end();
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(rendererDir, 'index.html');
    const isIndex = file.endsWith('index.html');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    });
    res.end(readFileSync(file));
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    async close() {
      for (const stream of eventStreams) stream.end();
      await new Promise<void>((done) => {
        server.close(() => done());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function sendJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const MALFORMED_JSON = Symbol('malformed JSON');
const BODY_TOO_LARGE = Symbol('body too large');

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the rest is read and dropped, so the caller gets its 413 rather than a reset connection.
      if (size > MAX_BODY_BYTES) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (size === 0) return resolveBody({});
      if (size > MAX_BODY_BYTES) return resolveBody(BODY_TOO_LARGE);
      try {
        resolveBody(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        // Malformed JSON is bad input: the dispatcher's validation reports it like any other.
        resolveBody(MALFORMED_JSON);
      }
    });
    req.on('error', reject);
  });
}

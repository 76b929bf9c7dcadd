import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallName } from '../../src/shared/contract';
import { HTTP } from '../../src/shared/contract/bridge';
import { IMPORT_BASE64_MAX_CHARS, IMPORT_FILE_MAX_BYTES, REQUEST_BODY_MAX_BYTES } from '../../src/shared/contract/limits';
import { type BrowserHost, startBrowserHost } from '../../src/main/host/browser-host';
import { ADMIN, setUpPractice, tempDir } from '../support/practice';

let host: BrowserHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function fakeRenderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  return dir;
}

/** A raw HTTP request, so tests control every header a browser would send. */
function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function startHost() {
  const { core } = await setUpPractice();
  host = await startBrowserHost({ core, rendererDir: fakeRenderer() });
  const good = { origin: host.origin, 'content-type': 'application/json', [HTTP.tokenHeader]: host.token };
  return { host, good };
}

describe('the browser host', () => {
  it('listens on 127.0.0.1 only and hands the token over in the URL fragment', async () => {
    const { host } = await startHost();
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    const page = await send(host.origin + '/', {});
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('serves the contract to a caller with the token and the right origin, keeping the session per connection', async () => {
    const { host, good } = await startHost();
    const signIn = await send(host.origin + HTTP.callPath('auth.signIn'), { method: 'POST', headers: good, body: JSON.stringify(ADMIN) });
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    expect(String(signIn.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const list = await send(host.origin + HTTP.callPath('users.list'), { method: 'POST', headers: { ...good, cookie }, body: '{}' });
    expect(JSON.parse(list.body)).toMatchObject({ ok: true, value: [{ username: 'admin' }] });
    // Another connection has no session.
    const other = await send(host.origin + HTTP.callPath('users.list'), { method: 'POST', headers: good, body: '{}' });
    expect(JSON.parse(other.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses calls without the token, from another origin, or to another host name', async () => {
    const { host, good } = await startHost();
    const url = host.origin + HTTP.callPath('app.status');
    const { [HTTP.tokenHeader]: _token, ...noToken } = good;
    expect((await send(url, { method: 'POST', headers: noToken, body: '{}' })).status).toBe(403);
    expect((await send(url, { method: 'POST', headers: { ...good, [HTTP.tokenHeader]: 'x'.repeat(43) }, body: '{}' })).status).toBe(403);
    expect((await send(url, { method: 'POST', headers: { ...good, origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    const { origin: _origin, ...noOrigin } = good;
    expect((await send(url, { method: 'POST', headers: noOrigin, body: '{}' })).status).toBe(403);
    expect((await send(url, { method: 'POST', headers: { ...good, host: 'attacker.example' }, body: '{}' })).status).toBe(421);
    expect((await send(url, { method: 'POST', headers: good, body: '{}' })).status).toBe(200);
  });

  it('gives each connection an id of its own making, never one the client chose', async () => {
    // A planted cookie would otherwise let whoever planted it ride on the session signed in under it.
    const { host, good } = await startHost();
    const planted = 'dental_conn=chosen-by-someone-else';
    const signIn = await send(host.origin + HTTP.callPath('auth.signIn'), { method: 'POST', headers: { ...good, cookie: planted }, body: JSON.stringify(ADMIN) });
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true });
    const issued = String(signIn.headers['set-cookie']).split(';')[0]!;
    expect(issued).not.toBe(planted);
    const riding = await send(host.origin + HTTP.callPath('users.list'), { method: 'POST', headers: { ...good, cookie: planted }, body: '{}' });
    expect(JSON.parse(riding.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const own = await send(host.origin + HTTP.callPath('users.list'), { method: 'POST', headers: { ...good, cookie: issued }, body: '{}' });
    expect(JSON.parse(own.body)).toMatchObject({ ok: true });
  });

  it('replaces the connection id at sign-in and at unlock, keeping the session and its events', async () => {
    const { host, good } = await startHost();
    const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie']).split(';')[0]!;
    const call = (name: CallName, cookie: string, body: unknown = {}) =>
      send(host.origin + HTTP.callPath(name), { method: 'POST', headers: { ...good, cookie }, body: JSON.stringify(body) });
    // An id the host itself issued before sign-in (one a bystander may have seen) opens nothing after it.
    const before = cookieOf(await call('app.status', ''));
    const events: string[] = [];
    const stream = request(`${host.origin}${HTTP.eventsPath}?token=${host.token}`, { headers: { cookie: before } }, (res) => {
      res.on('data', (chunk) => events.push(String(chunk)));
    });
    stream.end();
    await new Promise((r) => setTimeout(r, 100));
    const signIn = await call('auth.signIn', before, ADMIN);
    const signedIn = cookieOf(signIn);
    expect(signedIn).not.toBe(before);
    expect(JSON.parse((await call('users.list', before)).body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(JSON.parse((await call('users.list', signedIn)).body)).toMatchObject({ ok: true });

    await call('auth.lock', signedIn);
    const unlocked = cookieOf(await call('auth.unlock', signedIn, { password: ADMIN.password }));
    expect(unlocked).not.toBe(signedIn);
    expect(JSON.parse((await call('users.list', signedIn)).body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(JSON.parse((await call('users.list', unlocked)).body)).toMatchObject({ ok: true });
    // The event stream opened under the first id followed the connection.
    await new Promise((r) => setTimeout(r, 100));
    expect(events.join('')).toContain('data: {"reason":"locked"}');
    stream.destroy();
  });

  it('answers a malformed URL with 400 and a body over its limit with 413 and a translated message', async () => {
    const { host, good } = await startHost();
    expect((await send(host.origin + '/api/call/%E0%A4%A', { method: 'POST', headers: good, body: '{}' })).status).toBe(400);
    expect((await send(host.origin + '/%E0%A4%A', {})).status).toBe(400);
    const huge = JSON.stringify({ username: 'x'.repeat(33 * 1024 * 1024) });
    const tooBig = await send(host.origin + HTTP.callPath('auth.signIn'), { method: 'POST', headers: good, body: huge });
    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION', messageKey: 'errors.BODY_TOO_LARGE', params: { limitMb: 32 } } });
  });

  it('takes the largest import the reader accepts within one request body', () => {
    expect(IMPORT_BASE64_MAX_CHARS).toBeGreaterThanOrEqual((IMPORT_FILE_MAX_BYTES * 4) / 3);
    // The base64 plus the JSON around it (file name, mapping) must fit the host's body limit.
    expect(IMPORT_BASE64_MAX_CHARS + 64 * 1024).toBeLessThan(REQUEST_BODY_MAX_BYTES);
  });

  it('answers malformed JSON with a validation error', async () => {
    const { host, good } = await startHost();
    const res = await send(host.origin + HTTP.callPath('auth.signIn'), { method: 'POST', headers: good, body: '{"username": ' });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('pushes contract events to the connection they concern', async () => {
    const { host, good } = await startHost();
    const signIn = await send(host.origin + HTTP.callPath('auth.signIn'), { method: 'POST', headers: good, body: JSON.stringify(ADMIN) });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${host.origin}${HTTP.eventsPath}?token=${host.token}`, { headers: { cookie } }, (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes('event: session.changed')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    await send(host.origin + HTTP.callPath('auth.lock'), { method: 'POST', headers: { ...good, cookie }, body: '{}' });
    expect(await received).toContain('data: {"reason":"locked"}');
  });
});

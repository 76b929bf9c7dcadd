import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/main/auth/passwords';
import { SessionRegistry } from '../../src/main/auth/sessions';
import { DISPLAY_LOCALE_FILE, practiceDisplayLocale, readDisplayLocale } from '../../src/main/practice/display-locale';
import { addUser, ADMIN, call, callError, setUpPractice } from '../support/practice';

describe('signing in and out', () => {
  it('signs in with the right password, refuses a wrong one without saying which part was wrong', async () => {
    const { core } = await setUpPractice();
    expect(await callError(core, 'c1', 'auth.signIn', { username: 'admin', password: 'nope-nope' })).toMatchObject({
      code: 'WRONG_PASSWORD',
      messageKey: 'errors.WRONG_PASSWORD',
    });
    expect(await callError(core, 'c1', 'auth.signIn', { username: 'nadie', password: 'nope-nope' })).toMatchObject({ code: 'WRONG_PASSWORD' });
    const session = await call(core, 'c1', 'auth.signIn', { username: 'ADMIN', password: ADMIN.password });
    expect(session.user).toMatchObject({ username: 'admin', role: 'admin', displayName: 'Ana María Pérez Soto' });
    expect(session.permissions).toContain('users.manage');
    await call(core, 'c1', 'auth.signOut', {});
    expect((await callError(core, 'c1', 'users.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a deactivated account and ends its open sessions', async () => {
    const { core } = await setUpPractice();
    const user = await addUser(core, 'receptionist', 'recepcion');
    await call(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    await call(core, 'admin', 'users.update', { id: user.id, active: false });
    expect((await callError(core, 'desk', 'auth.heartbeat', {})).code).toBe('UNAUTHENTICATED');
    expect((await callError(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' })).code).toBe('WRONG_PASSWORD');
  });

  it('ends the open sessions of a user whose password an admin resets', async () => {
    // A reset is what an admin does when a password may be known to someone else: its sessions must not outlive it.
    const { core } = await setUpPractice();
    const user = await addUser(core, 'receptionist', 'recepcion');
    await call(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    await call(core, 'desk-2', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    await call(core, 'admin', 'users.resetPassword', { id: user.id, password: 'new-password-22' });
    expect((await callError(core, 'desk', 'auth.heartbeat', {})).code).toBe('UNAUTHENTICATED');
    expect((await callError(core, 'desk-2', 'users.list', {})).code).toBe('UNAUTHENTICATED');
    expect((await call(core, 'admin', 'users.list', {})).length).toBe(2);
    await call(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'new-password-22' });
  });

  it('keeps at least one active admin', async () => {
    const { core } = await setUpPractice();
    const [admin] = await call(core, 'admin', 'users.list', {});
    expect(await callError(core, 'admin', 'users.update', { id: admin!.id, role: 'dentist' })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.LAST_ADMIN' });
  });

  it('refuses a second user with the same username', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'billing', 'caja');
    expect(await callError(core, 'admin', 'users.create', { givenNames: 'Otra', firstSurname: 'Caja', username: 'Caja', role: 'billing', password: 'billing-pass-2' })).toMatchObject({
      code: 'CONFLICT',
      fields: { username: 'errors.USERNAME_TAKEN' },
    });
  });

  it('locks the screen on request; only the password unlocks it, and nothing else runs meanwhile', async () => {
    const { core } = await setUpPractice();
    expect((await call(core, 'admin', 'auth.lock', {})).locked).toBe(true);
    expect((await callError(core, 'admin', 'users.list', {})).code).toBe('SESSION_LOCKED');
    expect((await call(core, 'admin', 'app.status', {})).session?.locked).toBe(true);
    expect(await callError(core, 'admin', 'auth.unlock', { password: 'wrong-password' })).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await call(core, 'admin', 'auth.unlock', { password: ADMIN.password })).locked).toBe(false);
    await expect(call(core, 'admin', 'users.list', {})).resolves.toHaveLength(1);
  });

  it('remembers each user language', async () => {
    const { core } = await setUpPractice();
    expect((await call(core, 'admin', 'auth.setLanguage', { language: 'en' })).user.language).toBe('en');
    await call(core, 'admin', 'auth.signOut', {});
    expect((await call(core, 'again', 'auth.signIn', ADMIN)).user.language).toBe('en');
  });

  it('hashes passwords with scrypt and a salt', async () => {
    const a = await hashPassword('misma-clave');
    const b = await hashPassword('misma-clave');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('misma-clave', a)).toBe(true);
    expect(await verifyPassword('otra-clave', a)).toBe(false);
  });
});

describe('the idle lock in main', () => {
  it('locks a session that has been idle for the practice’s time, and says so', () => {
    let now = 1_000_000;
    const changes: string[] = [];
    const sessions = new SessionRegistry(() => 10 * 60_000, (conn, change) => changes.push(`${conn}:${change}`), () => now);
    const session = sessions.start('w1', { id: 'u1', role: 'dentist' });
    now += 9 * 60_000;
    sessions.touch(sessions.get('w1')!);
    now += 9 * 60_000;
    expect(sessions.get('w1')!.locked).toBe(false);
    now += 60_000;
    expect(sessions.get('w1')!.locked).toBe(true);
    expect(changes).toEqual(['w1:locked']);
    // Activity does not unlock; only unlock does.
    sessions.touch(session);
    expect(sessions.get('w1')!.locked).toBe(true);
    sessions.unlock(session);
    expect(sessions.get('w1')!.locked).toBe(false);
  });

  it('applies the lock time the admin sets', async () => {
    const { core } = await setUpPractice();
    const practice = await call(core, 'admin', 'practice.update', { idleLockMinutes: 3 });
    expect(practice.idleLockMinutes).toBe(3);
    expect(await call(core, 'admin', 'auth.heartbeat', {})).toEqual({ lockAfterMs: 180_000 });
    expect((await callError(core, 'admin', 'practice.update', { idleLockMinutes: 0 })).fields).toEqual({ idleLockMinutes: 'validation.tooShort' });
  });
});

describe("Chromium's locale under Electron", () => {
  it('follows the practice (es-CL), kept beside the database for the next start, and follows a change of language', async () => {
    const { core, dataDir } = await setUpPractice();
    expect(readDisplayLocale(dataDir)).toBe('es-CL');
    await call(core, 'admin', 'practice.update', { language: 'en' });
    expect(readDisplayLocale(dataDir)).toBe('en-CL');
    expect(readFileSync(join(dataDir, DISPLAY_LOCALE_FILE), 'utf8')).toBe(JSON.stringify({ locale: 'en-CL' }));
    expect(practiceDisplayLocale('es', 'not a country')).toBe('es');
  });
});

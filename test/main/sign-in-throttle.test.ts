import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey, PARALLEL_PASSPHRASE_DERIVATIONS, passphraseDerivationsRunning, unwrapWithPassphrase, wrapWithPassphrase } from '../../src/main/db/keys';
import { ADMIN, addUser, call, callError, PASSPHRASE, PRACTICE_PROFILE, startCore, tempDir } from '../support/practice';

/** A clock the test moves by hand, so waits of minutes take none. */
function manualClock() {
  let now = Date.parse('2026-12-03T12:00:00Z');
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function practiceWithClock() {
  const clock = manualClock();
  const dataDir = tempDir();
  const core = await startCore({ dataDir, now: clock.now });
  await call(core, 'admin', 'app.setup', {
    practice: PRACTICE_PROFILE,
    admin: { givenNames: 'Ana María', firstSurname: 'Pérez', secondSurname: 'Soto', ...ADMIN },
    key: { kind: 'passphrase', passphrase: PASSPHRASE },
  });
  return { core, clock, dataDir };
}

const wrongSignIn = (core: Awaited<ReturnType<typeof practiceWithClock>>['core'], username: string, connection = 'desk') =>
  callError(core, connection, 'auth.signIn', { username, password: 'not-the-password' });

async function auditActions(core: Awaited<ReturnType<typeof practiceWithClock>>['core']) {
  return (await call(core, 'admin', 'audit.list', { limit: 200 })).map((e) => e.action);
}

describe('guessing a password is slow', () => {
  it('waits longer after each failure past the first few, says how long, and refuses before checking the password', async () => {
    const { core, clock } = await practiceWithClock();
    await addUser(core, 'receptionist', 'recepcion');
    expect(await wrongSignIn(core, 'recepcion')).toMatchObject({ code: 'WRONG_PASSWORD', messageKey: 'errors.WRONG_PASSWORD' });
    expect(await wrongSignIn(core, 'recepcion')).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD' });
    expect(await wrongSignIn(core, 'recepcion')).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD_WAIT', params: { seconds: 1 } });
    // The right password, too soon: refused without being checked.
    const early = await callError(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    expect(early).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', messageKey: 'errors.TOO_MANY_ATTEMPTS', params: { seconds: 1 } });
    clock.advance(1_000);
    expect(await wrongSignIn(core, 'recepcion')).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD_WAIT', params: { seconds: 2 } });
    clock.advance(2_000);
    expect(await wrongSignIn(core, 'recepcion')).toMatchObject({ params: { seconds: 4 } });
    clock.advance(4_000);
    await call(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    // A success starts the name's count again.
    expect(await wrongSignIn(core, 'recepcion', 'desk2')).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD' });
    const actions = await auditActions(core);
    expect(actions.filter((a) => a === 'auth.signInFailed')).toHaveLength(6);
    expect(actions.filter((a) => a === 'auth.signInRefused')).toHaveLength(1);
  });

  it('answers an unknown name exactly as a wrong password', async () => {
    const { core } = await practiceWithClock();
    await addUser(core, 'receptionist', 'recepcion');
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 4; i++) known.push(await wrongSignIn(core, 'recepcion'));
    for (let i = 0; i < 4; i++) unknown.push(await wrongSignIn(core, 'nadie.asi'));
    expect(unknown).toEqual(known);
  });

  it('locks the name out after ten failures, until the time passes or an admin lifts it, all audited', async () => {
    const { core, clock } = await practiceWithClock();
    const user = await addUser(core, 'dentist', 'dr.soto');
    let last: Awaited<ReturnType<typeof wrongSignIn>> | undefined;
    for (let i = 0; i < 10; i++) {
      last = await wrongSignIn(core, 'dr.soto');
      clock.advance(60_000);
    }
    expect(last).toMatchObject({ code: 'WRONG_PASSWORD', messageKey: 'errors.LOCKED_OUT', params: { minutes: 15 } });
    clock.advance(60_000);
    expect(await callError(core, 'desk', 'auth.signIn', { username: 'dr.soto', password: 'user-password-1' })).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      messageKey: 'errors.LOCKED_OUT',
      params: { minutes: 13 },
    });
    const listed = (await call(core, 'admin', 'users.list', {})).find((u) => u.id === user.id)!;
    expect(Date.parse(listed.signInBlockedUntil!)).toBe(clock.now() + 13 * 60_000);
    expect(await auditActions(core)).toContain('auth.lockedOut');

    // Only an admin lifts it.
    await addUser(core, 'receptionist', 'recepcion');
    await call(core, 'front', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    expect(await callError(core, 'front', 'users.unblockSignIn', { id: user.id })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await call(core, 'admin', 'users.unblockSignIn', { id: user.id })).toEqual({ unblocked: true });
    await call(core, 'desk', 'auth.signIn', { username: 'dr.soto', password: 'user-password-1' });
    expect((await call(core, 'admin', 'users.list', {})).find((u) => u.id === user.id)!.signInBlockedUntil).toBeNull();
    expect(await auditActions(core)).toContain('users.unblockSignIn');
  });

  it('slows one password tried across many names, on this workstation', async () => {
    const { core } = await practiceWithClock();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await wrongSignIn(core, `nombre.${i}`));
    expect(answers.slice(0, 9).every((a) => a.messageKey === 'errors.WRONG_PASSWORD')).toBe(true);
    expect(answers[9]).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD_WAIT' });
    expect(await wrongSignIn(core, 'nombre.nuevo')).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('slows unlocking a locked screen the same way', async () => {
    const { core } = await practiceWithClock();
    await call(core, 'admin', 'auth.lock', {});
    for (let i = 0; i < 2; i++) {
      expect(await callError(core, 'admin', 'auth.unlock', { password: 'nope-nope' })).toMatchObject({ messageKey: 'errors.WRONG_UNLOCK_PASSWORD' });
    }
    expect(await callError(core, 'admin', 'auth.unlock', { password: 'nope-nope' })).toMatchObject({ messageKey: 'errors.WRONG_PASSWORD_WAIT' });
    expect(await callError(core, 'admin', 'auth.unlock', { password: ADMIN.password })).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('slows wrong passphrases, and logs them once the database opens', async () => {
    const { core, clock, dataDir } = await practiceWithClock();
    await core.close();
    const reopened = await startCore({ dataDir, now: clock.now });
    for (let i = 0; i < 2; i++) {
      expect(await callError(reopened, 'desk', 'app.openDatabase', { passphrase: 'wrong phrase' })).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    }
    expect(await callError(reopened, 'desk', 'app.openDatabase', { passphrase: 'wrong phrase' })).toMatchObject({
      code: 'WRONG_PASSPHRASE',
      messageKey: 'errors.WRONG_PASSPHRASE_WAIT',
      params: { seconds: 1 },
    });
    expect(await callError(reopened, 'desk', 'app.openDatabase', { passphrase: PASSPHRASE })).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    clock.advance(1_000);
    await call(reopened, 'desk', 'app.openDatabase', { passphrase: PASSPHRASE });
    await call(reopened, 'admin', 'auth.signIn', ADMIN);
    const actions = await auditActions(reopened);
    expect(actions.filter((a) => a === 'app.passphrase.failed')).toHaveLength(3);
    expect(actions.filter((a) => a === 'app.passphrase.refused')).toHaveLength(1);
  });

  it('keeps waits and lockouts across a restart of the app, for names and for the passphrase', async () => {
    const { core, clock, dataDir } = await practiceWithClock();
    await addUser(core, 'dentist', 'dr.soto');
    for (let i = 0; i < 10; i++) {
      await wrongSignIn(core, 'dr.soto');
      clock.advance(60_000);
    }
    await core.close();

    // Quitting and starting again does not lift the lockout, nor does it give the passphrase fresh tries.
    const again = await startCore({ dataDir, now: clock.now });
    for (let i = 0; i < 3; i++) await callError(again, 'desk', 'app.openDatabase', { passphrase: 'wrong phrase' });
    await again.close();
    const third = await startCore({ dataDir, now: clock.now });
    expect(await callError(third, 'desk', 'app.openDatabase', { passphrase: PASSPHRASE })).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    // The passphrase's file holds numbers only: no name, nothing typed.
    expect(Object.keys(JSON.parse(readFileSync(join(dataDir, 'unlock-attempts.json'), 'utf8')))).toEqual(['failures', 'blockedUntil', 'lockedOut', 'lastFailureAt']);
    clock.advance(2_000);
    await call(third, 'desk', 'app.openDatabase', { passphrase: PASSPHRASE });
    expect(await callError(third, 'desk', 'auth.signIn', { username: 'dr.soto', password: 'user-password-1' })).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      messageKey: 'errors.LOCKED_OUT',
    });
    // The names tried are kept inside the encrypted database, never in a file beside it.
    for (const file of readdirSync(dataDir)) expect(readFileSync(join(dataDir, file)).includes('dr.soto'), file).toBe(false);
    await call(third, 'admin', 'auth.signIn', ADMIN);
    const id = (await call(third, 'admin', 'users.list', {})).find((u) => u.username === 'dr.soto')!.id;
    expect(await call(third, 'admin', 'users.unblockSignIn', { id })).toEqual({ unblocked: true });
    await call(third, 'desk', 'auth.signIn', { username: 'dr.soto', password: 'user-password-1' });
    await third.close();
  });

  it('derives at most a few passphrase keys at once, whatever arrives in parallel', async () => {
    const key = newDatabaseKey();
    const wrapper = await wrapWithPassphrase(key, PASSPHRASE, 'db');
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, passphraseDerivationsRunning())), 1);
    try {
      const opened = await Promise.all(Array.from({ length: 6 }, () => unwrapWithPassphrase(wrapper, PASSPHRASE, 'db')));
      expect(opened.every((k) => k.equals(key))).toBe(true);
    } finally {
      clearInterval(watch);
    }
    expect(most).toBe(PARALLEL_PASSPHRASE_DERIVATIONS);
  });
});

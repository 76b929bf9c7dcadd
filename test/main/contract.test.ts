import { describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../src/shared/contract';
import { buildHandlers, missingHandlers } from '../../src/main/app-core';
import { SessionRegistry } from '../../src/main/auth/sessions';
import { PracticeVault } from '../../src/main/practice/practice-vault';
import { addUser, ADMIN, call, callError, setUpPractice, tempDir } from '../support/practice';

describe('the contract', () => {
  it('has a handler in main for every entry', () => {
    const dataDir = tempDir();
    const vault = new PracticeVault(dataDir, { id: 'ws', name: 'ws' });
    const handlers = buildHandlers(vault, new SessionRegistry(() => 60_000, () => {}));
    expect(missingHandlers(handlers)).toEqual([]);
    expect(Object.keys(handlers).sort()).toEqual([...CALL_NAMES].sort());
    // The check itself can fail: a map without an entry is reported.
    const { ['auth.signIn']: _dropped, ...incomplete } = handlers;
    expect(missingHandlers(incomplete)).toEqual(['auth.signIn']);
  });

  it('refuses a call that is not in the contract', async () => {
    const { core } = await setUpPractice();
    expect((await callError(core, 'admin', 'patients.dropAll', {})).code).toBe('UNKNOWN_CALL');
    expect((await callError(core, 'admin', 'toString', {})).code).toBe('UNKNOWN_CALL');
  });

  it('names every entry with a dotted domain.verb', () => {
    for (const name of Object.keys(contract)) expect(name).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  });

  it('rejects bad input with per-field translated keys and writes nothing', async () => {
    const { core } = await setUpPractice();
    const before = await call(core, 'admin', 'users.list', {});
    const error = await callError(core, 'admin', 'users.create', {
      givenNames: '',
      firstSurname: 'Rojas',
      username: 'x',
      role: 'wizard',
      password: 'short',
    });
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toMatchObject({
      givenNames: 'validation.required',
      username: 'validation.username',
      role: 'validation.choice',
      password: 'validation.passwordLength',
    });
    expect(await call(core, 'admin', 'users.list', {})).toHaveLength(before.length);
  });

  it('refuses a receptionist the clinical-only entries, in main', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'receptionist', 'recepcion');
    await call(core, 'desk', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' });
    const read = await callError(core, 'desk', 'clinical.preferences.get', {});
    expect(read).toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', params: { permission: 'clinical.read' } });
    const write = await callError(core, 'desk', 'clinical.preferences.update', { toothNumbering: 'universal' });
    expect(write.code).toBe('FORBIDDEN');
    // The refused write changed nothing.
    expect((await call(core, 'admin', 'clinical.preferences.get', {})).toothNumbering).toBe('fdi');
  });

  it('lets a dentist read and change the clinical preferences', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'dentist', 'dra.rojas');
    await call(core, 'chair', 'auth.signIn', { username: 'dra.rojas', password: 'user-password-1' });
    expect(await call(core, 'chair', 'clinical.preferences.update', { toothNumbering: 'palmer' })).toMatchObject({
      toothNumbering: 'palmer',
    });
    expect((await call(core, 'chair', 'clinical.preferences.get', {})).toothNumbering).toBe('palmer');
  });

  it('refuses everything but public entries without a session', async () => {
    const { core } = await setUpPractice();
    expect((await callError(core, 'stranger', 'users.list', {})).code).toBe('UNAUTHENTICATED');
    const status = await call(core, 'stranger', 'app.status', {});
    expect(status).toMatchObject({ state: 'ready', session: null });
    expect(status.practice?.name).toBe('Clínica Dental Los Aromos');
    await expect(call(core, 'stranger', 'auth.signIn', ADMIN)).resolves.toMatchObject({ user: { role: 'admin' } });
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CallInput, CallName, CallOutput } from '../../src/shared/contract';
import { AppError } from '../../src/shared/contract/errors';
import { type AppCore, type AppCoreOptions, createAppCore } from '../../src/main/app-core';

export const PASSPHRASE = 'correct horse battery staple';
export const ADMIN = { username: 'admin', password: 'admin-password-1' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'dental-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function startCore(options: Partial<AppCoreOptions> & { dataDir: string }): Promise<AppCore> {
  const core = await createAppCore(options);
  cleanups.push(() => core.close());
  return core;
}

/** Calls the contract the way a transport does, throwing the typed error on failure. */
export async function call<N extends CallName>(core: AppCore, connection: string, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const result = await core.dispatch(name, input, connection);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as CallOutput<N>;
}

/** Runs a call expected to fail and returns its error value. */
export async function callError(core: AppCore, connection: string, name: CallName | string, input: unknown) {
  const result = await core.dispatch(name, input, connection);
  if (result.ok) throw new Error(`${name} was expected to fail`);
  return result.error;
}

export const PRACTICE_PROFILE = {
  name: 'Clínica Dental Los Aromos',
  country: 'CL',
  timeZone: 'America/Santiago',
  currency: 'CLP',
  language: 'es',
} as const;

/** A practice set up through the contract, with the admin signed in on connection "admin". */
export async function setUpPractice(dataDir = tempDir()): Promise<{ core: AppCore; dataDir: string }> {
  const core = await startCore({ dataDir });
  await call(core, 'admin', 'app.setup', {
    practice: PRACTICE_PROFILE,
    admin: { givenNames: 'Ana María', firstSurname: 'Pérez', secondSurname: 'Soto', ...ADMIN },
    key: { kind: 'passphrase', passphrase: PASSPHRASE },
  });
  return { core, dataDir };
}

export async function addUser(core: AppCore, role: CallInput<'users.create'>['role'], username: string, password = 'user-password-1') {
  return call(core, 'admin', 'users.create', {
    givenNames: 'Test',
    firstSurname: role,
    secondSurname: '',
    username,
    role,
    password,
    language: 'es',
  });
}

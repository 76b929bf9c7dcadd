import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { backupPractice, restorePractice, verifyPractice } from '../../src/main/backup/backup';
import { practicePaths } from '../../src/main/db/data-dir';
import { addUser, ADMIN, call, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';

const run = promisify(execFile);
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backup, restore and verify', () => {
  it('takes an encrypted online backup while the app runs, and restores it elsewhere', async () => {
    const { core, dataDir } = await setUpPractice();
    await addUser(core, 'dentist', 'dra.ibanez');
    const out = join(tempDir(), 'aromos.backup');
    const header = await backupPractice(dataDir, PASSPHRASE, out);
    expect(header.schemaVersion).toBeGreaterThan(0);
    const bytes = readFileSync(out);
    for (const needle of ['dra.ibanez', 'Clínica Dental Los Aromos', 'SQLite format 3']) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    // The running app keeps working after the backup.
    await addUser(core, 'assistant', 'asistente');

    const elsewhere = tempDir();
    await restorePractice(out, elsewhere, PASSPHRASE);
    const restored = await startCore({ dataDir: elsewhere, passphrase: PASSPHRASE });
    await call(restored, 'r', 'auth.signIn', ADMIN);
    const usernames = (await call(restored, 'r', 'users.list', {})).map((u) => u.username);
    expect(usernames).toContain('dra.ibanez');
    expect(usernames).not.toContain('asistente');
  });

  it('refuses a wrong passphrase on backup and on restore, writing nothing', async () => {
    const { dataDir } = await setUpPractice();
    const dir = tempDir();
    await expect(backupPractice(dataDir, 'wrong passphrase!', join(dir, 'x.backup'))).rejects.toMatchObject({ value: { code: 'WRONG_PASSPHRASE' } });
    expect(readdirSync(dir)).toEqual([]);
    const out = join(dir, 'ok.backup');
    await backupPractice(dataDir, PASSPHRASE, out);
    const target = tempDir();
    await expect(restorePractice(out, target, 'wrong passphrase!')).rejects.toMatchObject({ value: { code: 'WRONG_PASSPHRASE' } });
    expect(readdirSync(target)).toEqual([]);
  });

  it('refuses a damaged backup file before touching the data folder', async () => {
    const { dataDir } = await setUpPractice();
    const out = join(tempDir(), 'b.backup');
    await backupPractice(dataDir, PASSPHRASE, out);
    const bytes = readFileSync(out);
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(out, bytes);
    const target = tempDir();
    await expect(restorePractice(out, target, PASSPHRASE)).rejects.toMatchObject({ value: { code: 'DATABASE_CORRUPT', messageKey: 'errors.BACKUP_DAMAGED' } });
    expect(readdirSync(target)).toEqual([]);
  });

  it('replaces an existing practice only when asked, keeping the old files', async () => {
    const { core, dataDir } = await setUpPractice();
    const out = join(tempDir(), 'b.backup');
    await backupPractice(dataDir, PASSPHRASE, out);
    await core.close();
    const before = sha(practicePaths(dataDir).database);
    await expect(restorePractice(out, dataDir, PASSPHRASE)).rejects.toMatchObject({ value: { messageKey: 'errors.RESTORE_WOULD_REPLACE' } });
    expect(sha(practicePaths(dataDir).database)).toBe(before);
    const { replacedTo } = await restorePractice(out, dataDir, PASSPHRASE, { replace: true });
    expect(replacedTo && existsSync(replacedTo)).toBe(true);
    expect(sha(replacedTo!)).toBe(before);
  });

  it('verifies integrity, foreign keys and the audit chain', async () => {
    const { core, dataDir } = await setUpPractice();
    await addUser(core, 'hygienist', 'higienista');
    await core.close();
    const report = await verifyPractice(dataDir, PASSPHRASE);
    expect(report).toMatchObject({ integrity: 'ok', foreignKeyProblems: 0, audit: { intact: true, checked: 2 } });
  });
});

describe('the admin commands', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

  it('take the passphrase from DENTAL_PASSPHRASE, and refuse it as an argument', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const env = { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE };
    const ok = await run(tsx, ['src/main/cli/verify.ts', '--data', dataDir], { env });
    expect(ok.stdout).toMatch(/Integrity: ok/);
    const refused = await run(tsx, ['src/main/cli/verify.ts', '--data', dataDir, '--passphrase', PASSPHRASE], { env }).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/never taken from the command line/);
    const wrong = await run(tsx, ['src/main/cli/verify.ts', '--data', dataDir], { env: { ...env, DENTAL_PASSPHRASE: 'not it at all' } }).catch((e) => e);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase/i);
  });

  it('take it from --passphrase-file too', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const file = join(tempDir(), 'pass.txt');
    writeFileSync(file, `${PASSPHRASE}\n`, { mode: 0o600 });
    const out = join(tempDir(), 'cli.backup');
    const env = { ...process.env, DENTAL_PASSPHRASE: '' };
    await run(tsx, ['src/main/cli/backup.ts', '--data', dataDir, '--out', out, '--passphrase-file', file], { env });
    expect(existsSync(out)).toBe(true);
  });

  it('never overwrite an existing backup file unasked: without a terminal they refuse unless --force', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const out = join(tempDir(), 'monday.backup');
    writeFileSync(out, 'last monday’s backup');
    const env = { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE, LC_ALL: 'en_US.UTF-8' };
    const refused = await run(tsx, ['src/main/cli/backup.ts', '--data', dataDir, '--out', out], { env }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('already exists');
    expect(refused?.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('last monday’s backup');

    await run(tsx, ['src/main/cli/backup.ts', '--data', dataDir, '--out', out, '--force'], { env });
    const restored = join(tempDir(), 'restored');
    await restorePractice(out, restored, PASSPHRASE);
    expect(existsSync(practicePaths(restored).database)).toBe(true);
  });
});

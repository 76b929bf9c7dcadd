import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HTTP } from '../../src/shared/contract/bridge';
import { backupPractice, restorePractice } from '../../src/main/backup/backup';
import { practicePaths } from '../../src/main/db/data-dir';
import { acquireFolderLock } from '../../src/main/db/folder-lock';
import { startHub } from '../../src/main/hub/hub-service';
import { describeError } from '../../src/main/cli/messages';
import { AppError } from '../../src/shared/contract/errors';
import { ADMIN, call, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';
import { startHubProcess } from './hub-process-support';

const run = promisify(execFile);
const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');

interface ServeProcess {
  child: ChildProcess;
  origin: string;
  token: string;
  kill(): Promise<void>;
}

/** The real `npm run serve` as its own process (node with tsx as a loader, so kill -9 reaches it). */
function startServe(dataDir: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/serve.ts', '--data', dataDir], {
    env: { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE, LANG: 'en_US.UTF-8' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Consulta Dental: (http:\/\/[^/\s]+)\/#token=(\S+)/.exec(out);
      if (match)
        resolve({
          child,
          origin: match[1]!,
          token: match[2]!,
          kill: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

async function serveCall(serve: ServeProcess, name: string, input: unknown): Promise<{ ok: boolean; value?: { state?: string } }> {
  const response = await fetch(`${serve.origin}/api/call/${name}`, {
    method: 'POST',
    headers: { origin: serve.origin, 'content-type': 'application/json', [HTTP.tokenHeader]: serve.token },
    body: JSON.stringify(input),
  });
  return (await response.json()) as { ok: boolean; value?: { state?: string } };
}

const inUse = (holder: string, pid: number) => ({ value: { code: 'CONFLICT', messageKey: 'errors.FOLDER_IN_USE', params: expect.objectContaining({ holder, pid }) } });

/** Each of these starts real processes through tsx, which on a busy 2-core machine take seconds apiece. */
const PROCESS_TIMEOUT_MS = 90_000;

describe('the practice folder lock', () => {
  it('refuses a second vault on the same folder in the same process, until the first closes', async () => {
    const { core, dataDir } = await setUpPractice();
    const error = await startCore({ dataDir, passphrase: PASSPHRASE }).catch((e: unknown) => e);
    expect(error).toMatchObject(inUse('app', process.pid));
    // The first one keeps working.
    await call(core, 'admin', 'users.list', {});
    await core.close();
    const again = await startCore({ dataDir, passphrase: PASSPHRASE });
    expect(again.vault.state).toBe('ready');
  });

  it('is held by a running `serve` process, named in the refusal, and released by kill -9', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const serve = await startServe(dataDir);
    try {
      const refused = await startCore({ dataDir, passphrase: PASSPHRASE }).catch((e: unknown) => e);
      expect(refused).toMatchObject(inUse('serve', serve.child.pid!));
      const message = describeError(refused as AppError, 'en');
      expect(message).toContain(`serve (pid ${serve.child.pid})`);
      expect(message).not.toMatch(/SQLITE_BUSY/);
    } finally {
      await serve.kill();
    }
    // The OS released the lock with the process: no stale lock to clear.
    const reopened = await startCore({ dataDir, passphrase: PASSPHRASE });
    await call(reopened, 'a', 'auth.signIn', ADMIN);
  }, PROCESS_TIMEOUT_MS);

  it('refuses `restore --replace` onto a folder `serve` holds; serve keeps working and nothing is renamed', async () => {
    const { core, dataDir } = await setUpPractice();
    const backup = join(tempDir(), 'aromos.backup');
    await backupPractice(dataDir, PASSPHRASE, backup);
    await core.close();
    const serve = await startServe(dataDir);
    try {
      const before = readdirSync(dataDir).sort();
      const inode = statSync(practicePaths(dataDir).database).ino;
      const refused = await run(tsx, ['src/main/cli/restore.ts', '--from', backup, '--data', dataDir, '--replace'], {
        env: { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE, LANG: 'en_US.UTF-8' },
      }).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain(`serve (pid ${serve.child.pid})`);
      expect(readdirSync(dataDir).sort()).toEqual(before);
      expect(statSync(practicePaths(dataDir).database).ino).toBe(inode);
      const status = await serveCall(serve, 'app.status', {});
      expect(status).toMatchObject({ ok: true, value: { state: 'ready' } });
    } finally {
      await serve.kill();
    }
    // Once serve is gone, the same restore goes through.
    await expect(restorePractice(backup, dataDir, PASSPHRASE, { replace: true })).resolves.toMatchObject({ replacedTo: expect.any(String) });
  }, PROCESS_TIMEOUT_MS);

  it('is held by a running hub process; a second hub on the folder is refused', async () => {
    const dir = tempDir();
    const hub = await startHubProcess({ dir, expectCode: true });
    try {
      expect(() => acquireFolderLock(dir, 'test')).toThrow(AppError);
      const second = await startHubProcess({ dir, expectCode: false }).catch((e: Error) => e.message);
      expect(second).toMatch(new RegExp(`hub \\(pid ${hub.child.pid}\\)`));
    } finally {
      await hub.kill();
    }
    acquireFolderLock(dir, 'test').release();
  }, PROCESS_TIMEOUT_MS);

  it('is held by an in-process hub until it closes', async () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 7);
    const hub = await startHub({ dir, key, host: '127.0.0.1', port: 0 });
    await expect(startHub({ dir, key, host: '127.0.0.1', port: 0 })).rejects.toMatchObject({ value: { messageKey: 'errors.FOLDER_IN_USE' } });
    await hub.close();
    const again = await startHub({ dir, key, host: '127.0.0.1', port: 0 });
    await again.close();
  });
});

describe('restore onto a new computer', () => {
  it('creates a folder that does not exist yet, nested folders included', async () => {
    const { core, dataDir } = await setUpPractice();
    const backup = join(tempDir(), 'aromos.backup');
    await backupPractice(dataDir, PASSPHRASE, backup);
    await core.close();
    const target = join(tempDir(), 'new', 'computer', 'practice');
    await restorePractice(backup, target, PASSPHRASE);
    const restored = await startCore({ dataDir: target, passphrase: PASSPHRASE });
    await call(restored, 'a', 'auth.signIn', ADMIN);
  });

  it('explains every failure in words, with no raw ENOENT or EACCES', async () => {
    const { core, dataDir } = await setUpPractice();
    const backup = join(tempDir(), 'aromos.backup');
    await backupPractice(dataDir, PASSPHRASE, backup);
    await core.close();
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const env = { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE, LANG: 'en_US.UTF-8' };
    const cases = [
      ['--from', join(tempDir(), 'missing.backup'), '--data', tempDir()],
      ['--from', backup, '--data', join(blocker, 'practice')],
      // A folder given where the backup file should be: the read itself fails.
      ['--from', tempDir(), '--data', tempDir()],
    ];
    for (const args of cases) {
      const failed = await run(tsx, ['src/main/cli/restore.ts', ...args], { env }).catch((e: { code: number; stderr: string }) => e);
      expect(failed).toMatchObject({ code: 1 });
      const stderr = (failed as { stderr: string }).stderr;
      expect(stderr).not.toMatch(/ENOENT|EACCES|ENOTDIR|EISDIR|EEXIST|SQLITE_|illegal operation/);
      expect(stderr).toMatch(/\[[A-Z_]+\]/);
    }
    expect(existsSync(join(blocker, 'practice'))).toBe(false);
  });
});

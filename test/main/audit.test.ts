import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type Database from 'better-sqlite3-multiple-ciphers';
import { type AuditFields, deriveAuditKey, GENESIS_HASH, keyedHash, unkeyedHash } from '../../src/main/audit/audit-chain';
import { practicePaths } from '../../src/main/db/data-dir';
import type { AuditLogTable } from '../../src/main/db/schema';
import { ADMIN, addUser, call, callError, PASSPHRASE, setUpPractice, startCore } from '../support/practice';

const run = promisify(execFile);

function lastSeq(sqlite: Database.Database): number {
  return (sqlite.prepare('select max(seq) as seq from audit_log').get() as { seq: number }).seq;
}

/** What a forger with SQL access does after cutting a row: renumber from `fromSeq` and recompute every later hash. */
function rechainFrom(sqlite: Database.Database, deviceId: string, fromSeq: number, hash: (fields: AuditFields) => string): void {
  const rows = sqlite.prepare('select * from audit_log where device_id = ? order by seq').all(deviceId) as AuditLogTable[];
  let prev = fromSeq === 1 ? GENESIS_HASH : rows.find((r) => r.seq === fromSeq - 1)!.hash;
  let seq = fromSeq;
  for (const row of rows.filter((r) => r.seq >= fromSeq)) {
    const fields: AuditFields = { ...row, seq, prev_hash: prev };
    delete (fields as Partial<AuditLogTable>).hash;
    const forged = hash(fields);
    sqlite.prepare('update audit_log set seq = ?, prev_hash = ?, hash = ? where id = ?').run(seq, prev, forged, row.id);
    prev = forged;
    seq++;
  }
  sqlite.prepare('update audit_anchor set seq = ?, hash = ? where device_id = ?').run(seq - 1, prev, deviceId);
}

describe('the audit log', () => {
  it('records who did what, where and when, chained by hashes', async () => {
    const { core } = await setUpPractice();
    const user = await addUser(core, 'dentist', 'dr.soto');
    await call(core, 'chair', 'auth.signIn', { username: 'dr.soto', password: 'user-password-1' });
    await callError(core, 'chair2', 'auth.signIn', { username: 'dr.soto', password: 'wrong-password' });
    const entries = await call(core, 'admin', 'audit.list', { limit: 50 });
    expect(entries.map((e) => e.action)).toEqual(['auth.signInFailed', 'auth.signIn', 'users.create', 'practice.setup']);
    const creation = entries.find((e) => e.action === 'users.create')!;
    expect(creation).toMatchObject({ entity: 'user', entityId: user.id, userName: 'Ana María Pérez Soto', workstationId: core.vault.workstation.id });
    expect(Date.parse(creation.at)).toBeGreaterThan(Date.now() - 60_000);
    expect(await call(core, 'admin', 'audit.verify', {})).toEqual({ intact: true, checked: 4, brokenAt: null });
  });

  it('refuses edits and deletions in the database itself', async () => {
    const { core } = await setUpPractice();
    const { sqlite } = core.vault.store().database;
    expect(() => sqlite.prepare("update audit_log set action = 'nothing'").run()).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_log').run()).toThrow(/append-only/);
  });

  it('shows an entry changed after it was recorded, and the last good one before it', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos', 'tres']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare('update audit_log set user_id = null where seq = 2').run();
    const report = await call(core, 'admin', 'audit.verify', {});
    expect(report).toMatchObject({ intact: false, checked: 1, brokenAt: { kind: 'altered', seq: 2, lastGood: { seq: 1 }, workstationId: core.vault.workstation.id } });
  });

  it('shows an entry removed from the middle', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('delete from audit_log where seq = 2').run();
    expect(await call(core, 'admin', 'audit.verify', {})).toMatchObject({ intact: false, brokenAt: { kind: 'removed', seq: 2, lastGood: { seq: 1 } } });
  });

  it('shows the newest entries deleted', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos', 'tres']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    const last = lastSeq(sqlite);
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('delete from audit_log where seq > ?').run(last - 2);
    const report = await call(core, 'admin', 'audit.verify', {});
    expect(report).toMatchObject({ intact: false, brokenAt: { kind: 'missingTail', seq: last - 1, lastGood: { seq: last - 2 } } });
  });

  it("shows a workstation's log emptied", async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'assistant', 'asistente.uno');
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('delete from audit_log where device_id = ?').run(core.vault.workstation.id);
    expect(await call(core, 'admin', 'audit.verify', {})).toMatchObject({ intact: false, checked: 0, brokenAt: { kind: 'emptied', seq: 1, lastGood: null } });
  });

  it('shows a row deleted and the later ones re-chained with the hash function, without the practice key', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos', 'tres']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_anchor_forward');
    sqlite.prepare('delete from audit_log where seq = 2').run();
    // The forger knows the code: both the plain hash and the keyed one with a key of their own.
    for (const forge of [unkeyedHash, (fields: AuditFields) => keyedHash(deriveAuditKey(Buffer.alloc(32, 7)), fields)]) {
      rechainFrom(sqlite, core.vault.workstation.id, 2, forge);
      const report = await call(core, 'admin', 'audit.verify', {});
      expect(report).toMatchObject({ intact: false, brokenAt: { seq: 2, lastGood: { seq: 1 } } });
      expect(['rechained', 'anchorAltered']).toContain(report.brokenAt!.kind);
      expect(report.brokenAt!.kind).toBe('rechained');
    }
  });

  it('keeps a sealed copy of the head in the key file, so deleting the anchor with the tail still shows', async () => {
    const { core, dataDir } = await setUpPractice();
    for (const name of ['uno', 'dos']) await addUser(core, 'assistant', `asistente.${name}`);
    await core.close();
    const reopened = await startCore({ dataDir, passphrase: PASSPHRASE });
    await call(reopened, 'admin', 'auth.signIn', ADMIN);
    const { sqlite } = reopened.vault.store().database;
    const last = lastSeq(sqlite);
    // Written at close and at open; the sign-in after it is the one entry it does not cover yet.
    expect(reopened.vault.auditCheckpoint()).toMatchObject({ seq: last - 1, deviceId: reopened.vault.workstation.id });
    sqlite.exec('DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_anchor_no_delete');
    sqlite.prepare('delete from audit_log where seq > ?').run(last - 2);
    sqlite.prepare('delete from audit_anchor').run();
    expect(await call(reopened, 'admin', 'audit.verify', {})).toMatchObject({ intact: false, brokenAt: { kind: 'missingTail', seq: last - 1 } });
    // Opening again does not re-seal the cut chain as if nothing happened.
    await reopened.close();
    const third = await startCore({ dataDir, passphrase: PASSPHRASE });
    await call(third, 'admin', 'auth.signIn', ADMIN);
    // Nor once new entries (this sign-in's, then more) take the numbers the cut entries had.
    expect(await call(third, 'admin', 'audit.verify', {})).toMatchObject({ intact: false, brokenAt: { kind: 'rechained', seq: last - 1 } });
    for (const name of ['tres', 'cuatro', 'cinco']) await addUser(third, 'assistant', `asistente.${name}`);
    expect(await call(third, 'admin', 'audit.verify', {})).toMatchObject({ intact: false, brokenAt: { kind: 'rechained', seq: last - 1 } });
  });

  it('keeps verifying a log written before the chain was keyed, and keys the entries from then on', async () => {
    const { core, dataDir } = await setUpPractice();
    await addUser(core, 'assistant', 'asistente.uno');
    const { sqlite } = core.vault.store().database;
    // What an older version left: entries hashed without a key, no anchor, no checkpoint.
    sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_anchor_no_delete');
    rechainFrom(sqlite, core.vault.workstation.id, 1, unkeyedHash);
    sqlite.prepare('delete from audit_anchor').run();
    await core.close();
    const keys = practicePaths(dataDir).keys;
    const { auditCheckpoint: _dropped, ...keyFile } = JSON.parse(readFileSync(keys, 'utf8'));
    writeFileSync(keys, JSON.stringify(keyFile));

    const upgraded = await startCore({ dataDir, passphrase: PASSPHRASE });
    await call(upgraded, 'admin', 'auth.signIn', ADMIN);
    await addUser(upgraded, 'assistant', 'asistente.dos');
    const report = await call(upgraded, 'admin', 'audit.verify', {});
    expect(report).toMatchObject({ intact: true, brokenAt: null });
    expect(report.checked).toBe(lastSeq(upgraded.vault.store().database.sqlite));
  });

  it('npm run verify names the workstation and the last good entry, and exits 1', async () => {
    const { core, dataDir } = await setUpPractice();
    for (const name of ['uno', 'dos']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    const last = lastSeq(sqlite);
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('delete from audit_log where seq = ?').run(last);
    await core.close();
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    const env = { ...process.env, DENTAL_PASSPHRASE: PASSPHRASE, LANG: 'en_US.UTF-8', LC_ALL: '' };
    const failed = await run(tsx, ['src/main/cli/verify.ts', '--data', dataDir], { env }).then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain(`Workstation: ${core.vault.workstation.id}`);
    expect(failed.stdout).toContain(`The newest entries are missing, from entry ${last} on.`);
    expect(failed.stdout).toContain(`Last good entry: no. ${last - 1}`);
  });

  it('is only for roles allowed to read it', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'dentist', 'dr.vera');
    await call(core, 'chair', 'auth.signIn', { username: 'dr.vera', password: 'user-password-1' });
    expect(await callError(core, 'chair', 'audit.list', {})).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'audit.read' } });
  });
});

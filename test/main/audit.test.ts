import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/main/audit/audit-log';
import { addUser, call, callError, setUpPractice } from '../support/practice';

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

  it('shows tampering with an old entry, even by someone holding the key who drops the guards', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos', 'tres']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_update');
    sqlite.prepare("update audit_log set user_id = null where seq = 2").run();
    const report = await verifyAuditChain(core.vault.store().db);
    expect(report).toMatchObject({ intact: false, brokenAt: { seq: 2 } });
    expect(report.checked).toBe(1);
  });

  it('shows a removed entry', async () => {
    const { core } = await setUpPractice();
    for (const name of ['uno', 'dos']) await addUser(core, 'assistant', `asistente.${name}`);
    const { sqlite } = core.vault.store().database;
    sqlite.exec('DROP TRIGGER audit_log_no_delete');
    sqlite.prepare('delete from audit_log where seq = 2').run();
    expect(await verifyAuditChain(core.vault.store().db)).toMatchObject({ intact: false, brokenAt: { seq: 3 } });
  });

  it('is only for roles allowed to read it', async () => {
    const { core } = await setUpPractice();
    await addUser(core, 'dentist', 'dr.vera');
    await call(core, 'chair', 'auth.signIn', { username: 'dr.vera', password: 'user-password-1' });
    expect(await callError(core, 'chair', 'audit.list', {})).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'audit.read' } });
  });
});

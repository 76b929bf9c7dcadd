import type { HandlerGroup } from '../contract/context';
import { displayName } from '../users/users-repository';
import type { PracticeVault } from '../practice/practice-vault';
import { verifyAuditChain } from './audit-verify';

export function auditHandlers(vault: PracticeVault): HandlerGroup<'audit.list' | 'audit.verify'> {
  return {
    async 'audit.list'(input, ctx) {
      const store = ctx.store();
      let query = store.db
        .selectFrom('audit_log')
        .leftJoin('users', 'users.id', 'audit_log.user_id')
        .select([
          'audit_log.id',
          'audit_log.seq',
          'audit_log.at',
          'audit_log.user_id',
          'audit_log.device_id',
          'audit_log.action',
          'audit_log.entity',
          'audit_log.entity_id',
          'users.given_names',
          'users.first_surname',
          'users.second_surname',
        ])
        .where('audit_log.device_id', '=', store.deviceId)
        .orderBy('audit_log.seq', 'desc')
        .limit(input.limit);
      if (input.beforeSeq !== undefined) query = query.where('audit_log.seq', '<', input.beforeSeq);
      const rows = await query.execute();
      return rows.map((r) => ({
        id: r.id,
        seq: r.seq,
        at: r.at,
        userId: r.user_id,
        userName:
          r.given_names === null ? null : displayName({ given_names: r.given_names, first_surname: r.first_surname ?? '', second_surname: r.second_surname ?? '' }),
        workstationId: r.device_id,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
      }));
    },

    async 'audit.verify'(_input, ctx) {
      const store = ctx.store();
      return store.exclusive((sqlite) =>
        verifyAuditChain(sqlite, { deviceId: store.deviceId, key: store.database.auditKey, checkpoint: vault.auditCheckpoint() }),
      );
    },
  };
}

import { AppError } from '../../shared/contract/errors';
import type { Role } from '../../shared/auth/roles';
import { type CallContext, type HandlerGroup, requireSession } from '../contract/context';
import { readPracticeRow } from '../practice/practice-repository';
import type { Store } from '../store/store';
import { findUserById, findUserByUsername, sessionInfo } from '../users/users-repository';
import { decoyPasswordHash, verifyPassword } from './passwords';
import type { SessionRegistry } from './sessions';

export function authHandlers(
  sessions: SessionRegistry,
): HandlerGroup<'auth.signIn' | 'auth.signOut' | 'auth.lock' | 'auth.unlock' | 'auth.heartbeat' | 'auth.setLanguage'> {
  async function currentUser(ctx: CallContext) {
    const session = requireSession(ctx);
    const row = await findUserById(ctx.store().db, session.userId);
    if (!row) throw new AppError('UNAUTHENTICATED');
    return { session, row };
  }

  async function auditAuth(store: Store, userId: string | null, deviceId: string, action: string, details?: Record<string, unknown>) {
    await store.write({ userId, deviceId }, (tx) => tx.audit({ action, entity: 'session', entityId: userId, details }));
  }

  return {
    async 'auth.signIn'(input, ctx) {
      const store = ctx.store();
      const row = await findUserByUsername(store.db, input.username);
      const matches = await verifyPassword(input.password, row?.password_hash ?? (await decoyPasswordHash()));
      if (!row || !matches || row.active !== 1) {
        await auditAuth(store, row?.id ?? null, ctx.actor.deviceId, 'auth.signInFailed', { username: input.username });
        throw new AppError('WRONG_PASSWORD');
      }
      sessions.start(ctx.connectionId, { id: row.id, role: row.role as Role });
      await auditAuth(store, row.id, ctx.actor.deviceId, 'auth.signIn');
      return sessionInfo(row, false);
    },

    async 'auth.signOut'(_input, ctx) {
      const session = requireSession(ctx);
      sessions.end(ctx.connectionId);
      await auditAuth(ctx.store(), session.userId, ctx.actor.deviceId, 'auth.signOut');
      return { signedOut: true as const };
    },

    async 'auth.lock'(_input, ctx) {
      const { row } = await currentUser(ctx);
      sessions.lock(ctx.connectionId);
      return sessionInfo(row, true);
    },

    async 'auth.unlock'(input, ctx) {
      const { session, row } = await currentUser(ctx);
      if (row.active !== 1 || !(await verifyPassword(input.password, row.password_hash))) {
        await auditAuth(ctx.store(), row.id, ctx.actor.deviceId, 'auth.unlockFailed');
        throw new AppError('WRONG_PASSWORD', 'errors.WRONG_UNLOCK_PASSWORD');
      }
      sessions.unlock(session);
      return sessionInfo(row, false);
    },

    async 'auth.heartbeat'(_input, ctx) {
      const practice = await readPracticeRow(ctx.store().db);
      return { lockAfterMs: (practice?.idle_lock_minutes ?? 10) * 60_000 };
    },

    async 'auth.setLanguage'(input, ctx) {
      const { row } = await currentUser(ctx);
      const updatedAt = new Date().toISOString();
      await ctx.store().write(ctx.actor, (tx) => tx.update('users', row.id, { language: input.language, updated_at: updatedAt }));
      return sessionInfo({ ...row, language: input.language }, false);
    },
  };
}

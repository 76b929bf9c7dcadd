import { AppError } from '../../shared/contract/errors';
import type { Role } from '../../shared/auth/roles';
import { type CallContext, type HandlerGroup, requireSession } from '../contract/context';
import { readPracticeRow } from '../practice/practice-repository';
import type { Store } from '../store/store';
import { findUserById, findUserByUsername, sessionInfo } from '../users/users-repository';
import { type AttemptEvent, type GuessingGuard, SIGN_IN_WORDS, UNLOCK_WORDS, userKey, WORKSTATION_KEY } from './guessing-guard';
import { decoyPasswordHash, verifyPassword } from './passwords';
import type { SessionRegistry } from './sessions';

export function authHandlers(
  sessions: SessionRegistry,
  guard: GuessingGuard,
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

  /** Every refused or failed attempt and every lockout goes in the audit log, under the name tried. */
  function auditAttempt(store: Store, deviceId: string, attempt: 'auth.signIn' | 'auth.unlock', username: string, userId: () => string | null) {
    return (event: AttemptEvent) => {
      if (event.kind === 'refused') {
        return auditAuth(store, userId(), deviceId, `${attempt}Refused`, { username, retryAfterMs: event.retryAfterMs, lockedOut: event.lockedOut });
      }
      if (event.kind === 'failed') return auditAuth(store, userId(), deviceId, `${attempt}Failed`, { username, failures: event.failures, waitMs: event.waitMs });
      const scope = event.key === WORKSTATION_KEY ? 'workstation' : 'user';
      return auditAuth(store, userId(), deviceId, 'auth.lockedOut', { username, scope, lockoutMs: event.lockoutMs });
    };
  }

  return {
    async 'auth.signIn'(input, ctx) {
      const store = ctx.store();
      let found: Awaited<ReturnType<typeof findUserByUsername>>;
      const keys = [userKey(input.username), WORKSTATION_KEY];
      const record = auditAttempt(store, ctx.actor.deviceId, 'auth.signIn', input.username, () => found?.id ?? null);
      // An unknown name, a wrong password and a turned-off account take the same time and get the same answer.
      const row = await guard.attempt(keys, SIGN_IN_WORDS, record, async () => {
        found = await findUserByUsername(store.db, input.username);
        const matches = await verifyPassword(input.password, found?.password_hash ?? (await decoyPasswordHash()));
        return found && matches && found.active === 1 ? found : null;
      });
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
      const record = auditAttempt(ctx.store(), ctx.actor.deviceId, 'auth.unlock', row.username, () => row.id);
      await guard.attempt([userKey(row.username), WORKSTATION_KEY], UNLOCK_WORDS, record, async () =>
        row.active === 1 && (await verifyPassword(input.password, row.password_hash)) ? row : null,
      );
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

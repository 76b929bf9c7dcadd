import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../shared/contract/errors';
import { hashPassword } from '../auth/passwords';
import { type GuessingGuard, userKey, WORKSTATION_KEY } from '../auth/guessing-guard';
import type { SessionRegistry } from '../auth/sessions';
import type { HandlerGroup } from '../contract/context';
import type { UsersTable } from '../db/schema';
import { countActiveAdmins, findUserById, findUserByUsername, listUsers, toUser } from './users-repository';

export function usersHandlers(
  sessions: SessionRegistry,
  guard: GuessingGuard,
): HandlerGroup<'users.list' | 'users.create' | 'users.update' | 'users.unblockSignIn' | 'users.resetPassword'> {
  return {
    async 'users.list'(_input, ctx) {
      const blocked = new Map(guard.throttle.lockedOut('user:').map((b) => [b.key, new Date(b.until).toISOString()]));
      return (await listUsers(ctx.store().db)).map((row) => toUser(row, blocked.get(userKey(row.username).slice('user:'.length)) ?? null));
    },

    async 'users.unblockSignIn'(input, ctx) {
      const store = ctx.store();
      const row = await findUserById(store.db, input.id);
      if (!row) throw new AppError('NOT_FOUND');
      const unblocked = guard.throttle.lift([userKey(row.username), WORKSTATION_KEY]);
      await store.write(ctx.actor, (tx) => tx.audit({ action: 'users.unblockSignIn', entity: 'user', entityId: row.id, details: { unblocked } }));
      return { unblocked };
    },

    async 'users.create'(input, ctx) {
      const store = ctx.store();
      if (await findUserByUsername(store.db, input.username)) {
        throw new AppError('CONFLICT', 'errors.USERNAME_TAKEN', { fields: { username: 'errors.USERNAME_TAKEN' } });
      }
      const now = new Date().toISOString();
      const row: UsersTable = {
        id: uuidv7(),
        username: input.username,
        given_names: input.givenNames,
        first_surname: input.firstSurname,
        second_surname: input.secondSurname,
        role: input.role,
        language: input.language,
        password_hash: await hashPassword(input.password),
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await store.write(ctx.actor, async (tx) => {
        await tx.insert('users', row);
        await tx.audit({ action: 'users.create', entity: 'user', entityId: row.id, details: { role: row.role } });
      });
      return toUser(row);
    },

    async 'users.update'(input, ctx) {
      const store = ctx.store();
      const existing = await findUserById(store.db, input.id);
      if (!existing) throw new AppError('NOT_FOUND');
      const losesAdmin =
        existing.role === 'admin' && existing.active === 1 && (input.active === false || (input.role !== undefined && input.role !== 'admin'));
      if (losesAdmin && (await countActiveAdmins(store.db)) <= 1) throw new AppError('CONFLICT', 'errors.LAST_ADMIN');
      const fields: Partial<UsersTable> = { updated_at: new Date().toISOString() };
      if (input.role !== undefined) fields.role = input.role;
      if (input.active !== undefined) fields.active = input.active ? 1 : 0;
      await store.write(ctx.actor, async (tx) => {
        await tx.update('users', input.id, fields);
        await tx.audit({ action: 'users.update', entity: 'user', entityId: input.id, details: { role: input.role, active: input.active } });
      });
      // A turned-off account or a new role takes effect now, not at the next sign-in.
      if (input.active === false || input.role !== undefined) sessions.endUser(input.id);
      return toUser({ ...existing, ...fields });
    },

    async 'users.resetPassword'(input, ctx) {
      const store = ctx.store();
      const existing = await findUserById(store.db, input.id);
      if (!existing) throw new AppError('NOT_FOUND');
      const passwordHash = await hashPassword(input.password);
      await store.write(ctx.actor, async (tx) => {
        await tx.update('users', input.id, { password_hash: passwordHash, updated_at: new Date().toISOString() });
        await tx.audit({ action: 'users.resetPassword', entity: 'user', entityId: input.id });
      });
      // A new password is the admin's answer to a locked-out user as well.
      guard.throttle.lift([userKey(existing.username)]);
      // Whoever may have learnt the old password keeps no session that came from it; the admin making the reset keeps theirs.
      sessions.endUser(input.id, ctx.connectionId);
      return { reset: true as const };
    },
  };
}

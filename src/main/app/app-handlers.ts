import { v7 as uuidv7 } from 'uuid';
import { IDLE_LOCK_MINUTES } from '../../shared/contract/practice';
import { AppError } from '../../shared/contract/errors';
import { type AttemptEvent, type GuessingGuard, PASSPHRASE_KEY, PASSPHRASE_WORDS } from '../auth/guessing-guard';
import { hashPassword } from '../auth/passwords';
import type { SessionRegistry } from '../auth/sessions';
import type { HandlerGroup } from '../contract/context';
import type { PracticeTable, UsersTable } from '../db/schema';
import type { PracticeVault } from '../practice/practice-vault';
import { readPracticeRow, toPractice } from '../practice/practice-repository';
import { findUserById, sessionInfo } from '../users/users-repository';

export function appHandlers(
  vault: PracticeVault,
  sessions: SessionRegistry,
  guard: GuessingGuard,
): HandlerGroup<'app.status' | 'app.setup' | 'app.openDatabase'> {
  /** Wrong passphrases meet a closed database: they are kept here and logged once it opens. */
  const unloggedPassphraseEvents: { at: Date; event: AttemptEvent }[] = [];

  return {
    async 'app.status'(_input, ctx) {
      const state = vault.state;
      const practiceRow = state === 'ready' ? await readPracticeRow(ctx.store().db) : undefined;
      const userRow = state === 'ready' && ctx.session ? await findUserById(ctx.store().db, ctx.session.userId) : undefined;
      return {
        state,
        practice: practiceRow ? toPractice(practiceRow) : null,
        osKeyProtection: vault.osKeyProtectionAvailable,
        workstation: vault.workstation,
        session: userRow && ctx.session ? sessionInfo(userRow, ctx.session.locked) : null,
        // The damage found is named by code and message only: its details (pages, SQLite's words) are for `npm run verify`.
        problem: vault.problem ? { code: vault.problem.value.code, messageKey: vault.problem.value.messageKey } : null,
      };
    },

    async 'app.setup'(input, ctx) {
      // Hash before creating anything, so a failure here leaves no files behind.
      const passwordHash = await hashPassword(input.admin.password);
      const store = await vault.create(input.key);
      const now = new Date().toISOString();
      const practice: PracticeTable = {
        id: uuidv7(),
        name: input.practice.name,
        country: input.practice.country,
        time_zone: input.practice.timeZone,
        currency: input.practice.currency,
        language: input.practice.language,
        idle_lock_minutes: IDLE_LOCK_MINUTES.default,
        created_at: now,
        updated_at: now,
      };
      const admin: UsersTable = {
        id: uuidv7(),
        username: input.admin.username,
        given_names: input.admin.givenNames,
        first_surname: input.admin.firstSurname,
        second_surname: input.admin.secondSurname,
        role: 'admin',
        language: input.practice.language,
        password_hash: passwordHash,
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await store.write({ userId: admin.id, deviceId: ctx.actor.deviceId }, async (tx) => {
        await tx.insert('practice', practice);
        await tx.insert('users', admin);
        await tx.audit({ action: 'practice.setup', entity: 'practice', entityId: practice.id, details: { keyProtection: input.key.kind } });
      });
      sessions.start(ctx.connectionId, { id: admin.id, role: 'admin' });
      return sessionInfo(admin, false);
    },

    async 'app.openDatabase'(input, ctx) {
      const record = async (event: AttemptEvent) => void unloggedPassphraseEvents.push({ at: new Date(), event });
      const store = await guard.attempt([PASSPHRASE_KEY], PASSPHRASE_WORDS, record, () =>
        vault.open(input.passphrase).catch((error: unknown) => {
          if (error instanceof AppError && error.code === 'WRONG_PASSPHRASE') return null;
          throw error;
        }),
      );
      const events = unloggedPassphraseEvents.splice(0);
      if (events.length > 0) {
        await store.write({ userId: null, deviceId: ctx.actor.deviceId }, async (tx) => {
          for (const { at, event } of events) {
            await tx.audit({ action: `app.passphrase.${event.kind}`, entity: 'database', details: { ...event, at: at.toISOString() } });
          }
        });
      }
      return { opened: true as const };
    },
  };
}

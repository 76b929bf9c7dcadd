import type { Kysely } from 'kysely';
import type { Role } from '../../shared/auth/roles';
import type { SessionInfo } from '../../shared/contract/app';
import type { User } from '../../shared/contract/users';
import { ROLE_PERMISSIONS } from '../../shared/auth/roles';
import type { Language } from '../../shared/i18n/languages';
import type { Schema, UsersTable } from '../db/schema';

export function toUser(row: UsersTable, signInBlockedUntil: string | null = null): User {
  return {
    id: row.id,
    username: row.username,
    givenNames: row.given_names,
    firstSurname: row.first_surname,
    secondSurname: row.second_surname,
    role: row.role as Role,
    language: row.language as Language,
    active: row.active === 1,
    createdAt: row.created_at,
    signInBlockedUntil,
  };
}

export function displayName(row: Pick<UsersTable, 'given_names' | 'first_surname' | 'second_surname'>): string {
  return [row.given_names, row.first_surname, row.second_surname].filter(Boolean).join(' ');
}

export function sessionInfo(row: UsersTable, locked: boolean): SessionInfo {
  const role = row.role as Role;
  return {
    user: { id: row.id, username: row.username, displayName: displayName(row), role, language: row.language as Language },
    locked,
    permissions: [...ROLE_PERMISSIONS[role]],
  };
}

export function findUserById(db: Kysely<Schema>, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Kysely<Schema>, username: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listUsers(db: Kysely<Schema>): Promise<UsersTable[]> {
  return db.selectFrom('users').selectAll().orderBy('first_surname').orderBy('given_names').execute();
}

export async function countActiveAdmins(db: Kysely<Schema>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

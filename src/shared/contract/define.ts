import type { z } from 'zod';
import type { Permission } from '../auth/roles';

/**
 * Who may make a call.
 * - `public`: no session needed (first run, opening the database, signing in).
 * - `session`: any signed-in user whose screen is not locked.
 * - `locked-session`: a signed-in user, locked or not (unlocking, signing out).
 * - a Permission: a signed-in, unlocked user whose role grants it.
 */
export type Access = 'public' | 'session' | 'locked-session' | { permission: Permission };

export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
}

export function call<I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> {
  return spec;
}

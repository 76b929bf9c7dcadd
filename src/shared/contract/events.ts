import { z } from 'zod';

/** Pushes from main to the renderer, typed like the calls. */
export const contractEvents = {
  /** The session changed without the renderer asking (idle lock in main, sign-out elsewhere). */
  'session.changed': z.object({ reason: z.enum(['locked', 'signed-out', 'unlocked']) }),
  /** The check that runs after opening found the database file damaged; it has been closed. */
  'database.damaged': z.object({}),
} as const;

export type EventName = keyof typeof contractEvents;
export type EventPayload<E extends EventName> = z.infer<(typeof contractEvents)[E]>;

import { z } from 'zod';
import { syncStatusSchema } from './sync';
import { batchProgressSchema } from './statements';

/** Pushes from main to the renderer, typed like the calls. */
export const contractEvents = {
  /** The session changed without the renderer asking (idle lock in main, sign-out elsewhere). */
  'session.changed': z.object({ reason: z.enum(['locked', 'signed-out', 'unlocked']) }),
  /** The check that runs after opening found the database file damaged; it has been closed. */
  'database.damaged': z.object({}),
  /** Patients changed (here, or through sync): views of them refetch. `ids` may be empty when unknown. */
  'patients.changed': z.object({ ids: z.array(z.string()).max(1000) }),
  /**
   * Someone changed the schedule (on this workstation or, through sync, another): views of these
   * local dates refetch; `all` when the change concerns every date (hours, settings, types).
   */
  'schedule.changed': z.object({ dates: z.array(z.string()).max(400), all: z.boolean() }),
  /**
   * Chairside records changed (here, or through sync): the chart, perio, staging or notes of these patients,
   * or practice-wide chairside data (catalog, templates, settings: `patientIds` empty). Views of them refetch.
   */
  'chairside.changed': z.object({
    patientIds: z.array(z.string()).max(1000),
    areas: z.array(z.enum(['chart', 'perio', 'staging', 'notes', 'catalog', 'templates', 'settings'])),
  }),
  /** The desktop app saved a file the page made (a print, an export): the name it asked for, and where it went. */
  'file.saved': z.object({ requested: z.string().max(1000), path: z.string().max(4096) }),
  /** Documents or their annotations changed (here, or through sync): these patients' lists, and the unfiled inbox if `inbox`. */
  'documents.changed': z.object({ patientIds: z.array(z.string()).max(1000), inbox: z.boolean() }),
  /** Sync moved: the status indicator and the sync panel redraw; the join screen follows its progress. */
  'sync.status': syncStatusSchema,
  /** A batch of statements moved (to the window that started it): the progress bar redraws; at the end the archive list refetches. */
  'statements.batch': batchProgressSchema,
} as const;

export type EventName = keyof typeof contractEvents;
export type EventPayload<E extends EventName> = z.infer<(typeof contractEvents)[E]>;

import type Database from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { z } from 'zod';
import {
  type AuthorRole,
  MAX_REDACTION_REPLACEMENTS,
  MAX_REDACTION_ROWS,
  redactionPlanResponseSchema,
  redactionResponseSchema,
  type SequencedEnvelope,
} from '../../shared/sync/protocol';
import type { WriteTx } from '../store/store';
import type { HubConnection } from './hub-connection';
import { openChange, sealChange } from './sync-crypto';
import { readState, writeState } from './sync-state';

type Sqlite = Database.Database;

/*
 * The workstation's half of redacting the hub after an erasure (see
 * hub/hub-redactions.ts). The erasure queues its rows in its own transaction;
 * the sync client works the queue once the outbox is drained, so the
 * anonymising changes are in the hub's log before the old ones are resealed.
 * Only entries this workstation has applied (up to its cursor) are resealed:
 * its own row holds every change up to there, so the values it writes back
 * are the row as it now stands. A job stays queued until the hub answers.
 */

const PENDING_KEY = 'pending_redactions';
const jobSchema = z.object({ userId: z.string(), rows: z.array(z.object({ table: z.string(), rowId: z.string() })) });
type RedactionJob = z.infer<typeof jobSchema>;

function readJobs(sqlite: Sqlite): RedactionJob[] {
  const raw = readState(sqlite, PENDING_KEY);
  return raw ? z.array(jobSchema).parse(JSON.parse(raw)) : [];
}

/** Queues the erased rows, in the erasure's own transaction; nothing to do on a workstation that never synced. */
export async function queueRedaction(tx: WriteTx, userId: string, rows: { table: string; rowId: string }[]): Promise<void> {
  const enrolled = await sql<{ value: string }>`SELECT value FROM sync_state WHERE key = 'enrollment'`.execute(tx.db);
  if (enrolled.rows.length === 0 || rows.length === 0) return;
  const current = await sql<{ value: string }>`SELECT value FROM sync_state WHERE key = ${PENDING_KEY}`.execute(tx.db);
  const jobs = current.rows[0] ? z.array(jobSchema).parse(JSON.parse(current.rows[0].value)) : [];
  jobs.push({ userId, rows });
  await sql`INSERT INTO sync_state (key, value) VALUES (${PENDING_KEY}, ${JSON.stringify(jobs)}) ON CONFLICT(key) DO UPDATE SET value = excluded.value`.execute(tx.db);
}

export function hasPendingRedactions(sqlite: Sqlite): boolean {
  return readJobs(sqlite).length > 0;
}

/** An entry's same fields with the row's values today (a row since removed here keeps what it had). */
function resealed(sqlite: Sqlite, key: Buffer, entry: SequencedEnvelope): { seq: number; changeId: string; sealed: string } {
  const fields = openChange(key, entry);
  const row = sqlite.prepare(`SELECT * FROM "${entry.table}" WHERE id = ?`).get(entry.rowId) as Record<string, unknown> | undefined;
  const now = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, row && name in row ? row[name] : value]));
  const { seq, sealed: _old, ...metadata } = entry;
  return { seq, changeId: entry.changeId, sealed: sealChange(key, metadata, now).sealed };
}

export interface RedactionContext {
  connection: HubConnection;
  token: string;
  syncKey: Buffer;
  cursor: number;
  signal: AbortSignal;
  exclusive<T>(work: (sqlite: Sqlite) => T): Promise<T>;
  roleOf(sqlite: Sqlite, userId: string): AuthorRole;
}

/** Works the queue: for each job, asks the hub for the rows' entries and sends them back resealed. */
export async function redactQueued(ctx: RedactionContext): Promise<number> {
  const jobs = await ctx.exclusive(readJobs);
  let total = 0;
  for (const job of jobs) {
    const role = await ctx.exclusive((sqlite) => ctx.roleOf(sqlite, job.userId));
    const author = { userId: job.userId, role, throughSeq: ctx.cursor };
    for (let i = 0; i < job.rows.length; i += MAX_REDACTION_ROWS) {
      const rows = job.rows.slice(i, i + MAX_REDACTION_ROWS);
      const plan = await ctx.connection.request('POST', '/v1/redactions/plan', { token: ctx.token, schema: redactionPlanResponseSchema, signal: ctx.signal, body: { ...author, rows } });
      const replacements = await ctx.exclusive((sqlite) => plan.entries.map((entry) => resealed(sqlite, ctx.syncKey, entry)));
      for (let j = 0; j < replacements.length; j += MAX_REDACTION_REPLACEMENTS) {
        const answer = await ctx.connection.request('POST', '/v1/redactions', {
          token: ctx.token,
          schema: redactionResponseSchema,
          signal: ctx.signal,
          body: { ...author, replacements: replacements.slice(j, j + MAX_REDACTION_REPLACEMENTS) },
        });
        total += answer.redacted;
      }
    }
    await ctx.exclusive((sqlite) => {
      const left = readJobs(sqlite).filter((j) => JSON.stringify(j) !== JSON.stringify(job));
      writeState(sqlite, PENDING_KEY, JSON.stringify(left));
    });
  }
  return total;
}

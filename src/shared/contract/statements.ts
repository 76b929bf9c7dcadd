import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { call } from './define';
import { idSchema } from './text';

/*
 * Statements (estados de cuenta), for the manager: one guarantor's, or a batch
 * for every account whose balance is over an amount or overdue. Each statement
 * is a PDF archived as it was made (the `statements` table, append-only, with
 * its sha256) and reopened byte for byte. A batch runs in main in chunks,
 * pushes its progress ('statements.batch' event, also readable with
 * statements.batch.status) and can be cancelled: what was made stays archived.
 *
 * Reading the archive needs billing.read; making statements billing.write.
 */

const id = idSchema;
const money = z.number().int().min(0).max(1e13);

export const batchCriteriaSchema = z
  .object({
    /** Accounts whose balance is over this many minor units; null: not a criterion. */
    minBalanceMinor: money.nullable().default(null),
    /** Accounts whose oldest unpaid charge is older than this many days; null: not a criterion. */
    overdueDays: z.number().int().min(1).max(3650).nullable().default(null),
    /** Accounts with a payment-plan instalment past its due date. */
    overdueInstalments: z.boolean().default(false),
  })
  .refine((c) => c.minBalanceMinor !== null || c.overdueDays !== null || c.overdueInstalments, { message: 'statements.errors.noCriteria', path: ['minBalanceMinor'] });
export type BatchCriteria = z.output<typeof batchCriteriaSchema>;

export const statementSummarySchema = z.object({
  id: z.string(),
  guarantorId: z.string(),
  guarantorName: z.string(),
  issuedAt: z.string(),
  issuedBy: z.string().nullable(),
  batchId: z.string().nullable(),
  periodFrom: z.string().nullable(),
  periodTo: z.string(),
  balanceMinor: z.number().int(),
  currency: z.string(),
  language: z.enum(LANGUAGES),
  sha256: z.string(),
  bytes: z.number().int(),
});
export type StatementSummary = z.infer<typeof statementSummarySchema>;

export const batchProgressSchema = z.object({
  batchId: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  total: z.number().int(),
  /** Statements made and archived so far. */
  done: z.number().int(),
});
export type BatchProgress = z.infer<typeof batchProgressSchema>;

const fileSchema = z.object({ fileName: z.string(), base64: z.string(), mime: z.string() });

export const statementsCalls = {
  /** Makes, archives and returns one guarantor's statement (postings since the last one). */
  'statements.issue': call({
    access: { permission: 'billing.write' },
    input: z.object({ guarantorId: id, language: z.enum(LANGUAGES).optional() }),
    output: z.object({ statement: statementSummarySchema, file: fileSchema }),
  }),
  /** The archive, newest first: one guarantor's statements, one batch's, or the latest of all. */
  'statements.list': call({
    access: { permission: 'billing.read' },
    input: z.object({ guarantorId: id.optional(), batchId: id.optional(), limit: z.number().int().min(1).max(2000).default(200) }),
    output: z.array(statementSummarySchema),
  }),
  /** An archived statement, exactly the bytes that were made. */
  'statements.open': call({
    access: { permission: 'billing.read' },
    input: z.object({ statementId: id }),
    output: z.object({ statement: statementSummarySchema, file: fileSchema }),
  }),
  /** Who a batch with these criteria would include (nothing is made). */
  'statements.batch.preview': call({
    access: { permission: 'billing.read' },
    input: z.object({ criteria: batchCriteriaSchema }),
    output: z.object({ count: z.number().int(), balanceMinor: z.number().int(), currency: z.string() }),
  }),
  /** Starts a batch in main; progress arrives as 'statements.batch' events. */
  'statements.batch.start': call({
    access: { permission: 'billing.write' },
    input: z.object({ criteria: batchCriteriaSchema, language: z.enum(LANGUAGES).optional() }),
    output: batchProgressSchema,
  }),
  'statements.batch.status': call({
    access: { permission: 'billing.read' },
    input: z.object({ batchId: id }),
    output: batchProgressSchema,
  }),
  /** Stops a running batch after the statement in hand; those already made stay archived. */
  'statements.batch.cancel': call({
    access: { permission: 'billing.write' },
    input: z.object({ batchId: id }),
    output: batchProgressSchema,
  }),
  /** Batches in the archive, newest first. */
  'statements.batch.list': call({
    access: { permission: 'billing.read' },
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }),
    output: z.array(z.object({ batchId: z.string(), issuedAt: z.string(), count: z.number().int(), balanceMinor: z.number().int(), currency: z.string() })),
  }),
  /**
   * A batch as one file: a ZIP of the archived PDFs byte for byte, or one PDF
   * with every statement (drawn again from the ledger for each statement's period).
   */
  'statements.batch.export': call({
    access: { permission: 'billing.read' },
    input: z.object({ batchId: id, format: z.enum(['zip', 'pdf']), language: z.enum(LANGUAGES).optional() }),
    output: fileSchema,
  }),
} as const;

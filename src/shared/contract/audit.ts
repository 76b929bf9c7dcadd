import { z } from 'zod';
import { call } from './define';

export const auditEntrySchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  workstationId: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** What verifying found first; see src/main/audit/audit-verify.ts for each kind. */
export const CHAIN_PROBLEM_KINDS = ['altered', 'removed', 'rechained', 'missingTail', 'emptied', 'anchorAltered'] as const;

export const chainReportSchema = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  brokenAt: z
    .object({
      workstationId: z.string(),
      kind: z.enum(CHAIN_PROBLEM_KINDS),
      seq: z.number().int(),
      lastGood: z.object({ seq: z.number().int(), at: z.string() }).nullable(),
    })
    .nullable(),
});

export const auditCalls = {
  /** Newest first; `beforeSeq` pages backwards. */
  'audit.list': call({
    access: { permission: 'audit.read' },
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      beforeSeq: z.number().int().optional(),
    }),
    output: z.array(auditEntrySchema),
  }),
  /** Checks every workstation's chain, and this one's seals and sealed head. */
  'audit.verify': call({
    access: { permission: 'audit.read' },
    input: z.object({}),
    output: chainReportSchema,
  }),
} as const;

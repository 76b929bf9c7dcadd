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
  /** Recomputes the hash chain of every workstation's log. */
  'audit.verify': call({
    access: { permission: 'audit.read' },
    input: z.object({}),
    output: z.object({
      intact: z.boolean(),
      checked: z.number().int(),
      brokenAt: z.object({ workstationId: z.string(), seq: z.number().int() }).nullable(),
    }),
  }),
} as const;

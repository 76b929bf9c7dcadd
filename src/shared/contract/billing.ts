import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { isLocalDate } from '../schedule/time';
import { call } from './define';
import { TOOTH_NUMBERINGS } from './practice';
import { idSchema, TEXT_LIMITS, visibleLine, visibleLines } from './text';

/*
 * The ledger (cuenta corriente): charges, payments, adjustments, refunds,
 * credits and their reversals, all append-only postings; payment plans;
 * insurance claims; the lock date. Amounts are integers in the practice
 * currency's minor units (CLP has none), signed as stored: positive is owed,
 * negative is paid or forgiven. Balances are derived from postings.
 *
 * Reading needs billing.read, writing billing.write; main refuses more
 * finely by role (a receptionist takes payments, when the practice allows
 * it, but posts no adjustment, refund or reversal), and checks the lock date.
 */

const id = idSchema;
const clientId = z.uuid();
const localDate = z.string().refine(isLocalDate, 'validation.date').max(TEXT_LIMITS.localDate);
/** A positive amount in minor units. */
const amount = z.number().int('validation.amount').positive('validation.amountPositive').max(1e13, 'validation.amount');
const text = (max: number) => visibleLine(z.string().trim().max(max));
/** A note on a posting, a plan or a claim: a line or a few. */
const note = visibleLines(z.string().trim().max(TEXT_LIMITS.reason));
const reason = visibleLines(z.string().trim().min(1, 'validation.required').max(TEXT_LIMITS.reason));

export const PAYMENT_METHODS = ['cash', 'debit', 'credit', 'transfer', 'cheque'] as const;
export const TAX_DOCUMENT_KINDS = ['boleta', 'factura'] as const;
export const ADJUSTMENT_TYPES = ['discount', 'write_off'] as const;
export const CREDIT_TYPES = ['prepayment', 'credit_pack'] as const;
export const POSTING_KINDS = ['charge', 'payment', 'adjustment', 'refund', 'credit', 'reversal'] as const;
export const CLAIM_KINDS = ['claim', 'bono', 'reimbursement'] as const;
export const CLAIM_STATUSES = ['draft', 'sent', 'paid', 'denied'] as const;
export const INSTALMENT_STATUSES = ['paid', 'partial', 'due', 'overdue'] as const;

export const billingSettingsSchema = z.object({
  /** Postings dated before it are closed: only settings.manage reverses or back-dates them. */
  lockDate: localDate.nullable(),
  /** Whether receptionists may take payments (Chilean front desks take copays). */
  receptionistPayments: z.boolean(),
});
export type BillingSettings = z.infer<typeof billingSettingsSchema>;

export const postingSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  kind: z.enum(POSTING_KINDS),
  amountMinor: z.number().int(),
  serviceDate: z.string(),
  enteredAt: z.string(),
  enteredBy: z.string().nullable(),
  providerId: z.string().nullable(),
  providerName: z.string().nullable(),
  procedureCode: z.string().nullable(),
  procedureName: z.string().nullable(),
  tooth: z.string().nullable(),
  surfaces: z.string().nullable(),
  chartEntryId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  method: z.enum(PAYMENT_METHODS).nullable(),
  taxDocumentKind: z.enum(TAX_DOCUMENT_KINDS).nullable(),
  taxDocumentNumber: z.string().nullable(),
  adjustmentType: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  reversesId: z.string().nullable(),
  /** The reversal that cancels this posting, if any. */
  reversedById: z.string().nullable(),
  paymentPlanId: z.string().nullable(),
  /** For a live charge: what it still owes. */
  openMinor: z.number().int().nullable(),
  /** The account's balance after this posting, in the account's order. */
  runningMinor: z.number().int(),
});
export type PostingOut = z.infer<typeof postingSchema>;

export const instalmentSchema = z.object({
  seq: z.number().int(),
  dueDate: z.string(),
  amountMinor: z.number().int(),
  paidMinor: z.number().int(),
  status: z.enum(INSTALMENT_STATUSES),
});

export const paymentPlanSchema = z.object({
  id: z.string(),
  totalMinor: z.number().int(),
  startDate: z.string(),
  status: z.enum(['active', 'closed', 'cancelled']),
  note: z.string().nullable(),
  paidMinor: z.number().int(),
  overdueMinor: z.number().int(),
  instalments: z.array(instalmentSchema),
});
export type PaymentPlanOut = z.infer<typeof paymentPlanSchema>;

export const claimSchema = z.object({
  id: z.string(),
  patientId: z.string(),
  chargeId: z.string(),
  kind: z.enum(CLAIM_KINDS),
  payer: z.string(),
  status: z.enum(CLAIM_STATUSES),
  billedMinor: z.number().int(),
  paidMinor: z.number().int().nullable(),
  sentDate: z.string().nullable(),
  resolvedDate: z.string().nullable(),
  externalReference: z.string().nullable(),
  note: z.string().nullable(),
});
export type ClaimOut = z.infer<typeof claimSchema>;

export const accountSchema = z.object({
  patientId: z.string(),
  /** The account the patient's postings roll up to. */
  guarantorId: z.string(),
  guarantorName: z.string(),
  isGuarantor: z.boolean(),
  currency: z.string(),
  /** The account's members (the guarantor first) with what each owes. */
  members: z.array(z.object({ id: z.string(), name: z.string(), balanceMinor: z.number().int() })),
  /** The guarantor's whole account for the guarantor; the patient's own postings for a member. */
  postings: z.array(postingSchema),
  /** The sum of `postings`. */
  balanceMinor: z.number().int(),
  /** The guarantor account's total (the family's). */
  accountBalanceMinor: z.number().int(),
  plans: z.array(paymentPlanSchema),
  claims: z.array(claimSchema),
  settings: billingSettingsSchema,
  today: z.string(),
  /** How the practice numbers teeth, for the charges' tooth column. */
  toothNumbering: z.enum(TOOTH_NUMBERINGS),
});
export type AccountOut = z.infer<typeof accountSchema>;

const splitInput = z.object({ chargeId: id, amountMinor: amount });

const postingResult = z.object({ postingId: z.string(), accountBalanceMinor: z.number().int(), creditMinor: z.number().int() });

export const billingCalls = {
  /** A patient's account (cuenta corriente): postings with running balance, family roll-up, plans, claims. */
  'billing.account.get': call({
    access: { permission: 'billing.read' },
    input: z.object({ patientId: id }),
    output: accountSchema,
  }),
  /** Takes a payment; splits it oldest first, or as given; what is left over is a credit. */
  'billing.payment.post': call({
    access: { permission: 'billing.write' },
    input: z.object({
      clientId,
      patientId: id,
      amountMinor: amount,
      method: z.enum(PAYMENT_METHODS),
      serviceDate: localDate.optional(),
      taxDocumentKind: z.enum(TAX_DOCUMENT_KINDS).nullable().optional(),
      taxDocumentNumber: text(40).optional(),
      note: note.optional(),
      paymentPlanId: id.nullable().optional(),
      /** By hand; when absent the payment goes to the oldest charges first. */
      splits: z.array(splitInput).max(500).optional(),
    }),
    output: postingResult.extend({ splits: z.array(z.object({ chargeId: z.string(), providerId: z.string().nullable(), amountMinor: z.number().int() })) }),
  }),
  /** A discount or a write-off (reason required), spread like a payment. */
  'billing.adjustment.post': call({
    access: { permission: 'billing.write' },
    input: z.object({
      clientId,
      patientId: id,
      amountMinor: amount,
      adjustmentType: z.enum(ADJUSTMENT_TYPES),
      reason,
      serviceDate: localDate.optional(),
      chargeId: id.optional(),
    }),
    output: postingResult,
  }),
  /** A prepayment or a credit pack: money received ahead of treatment. */
  'billing.credit.post': call({
    access: { permission: 'billing.write' },
    input: z.object({
      clientId,
      patientId: id,
      amountMinor: amount,
      creditType: z.enum(CREDIT_TYPES),
      method: z.enum(PAYMENT_METHODS),
      serviceDate: localDate.optional(),
      note: note.optional(),
    }),
    output: postingResult,
  }),
  /** Money given back from the account's credit. */
  'billing.refund.post': call({
    access: { permission: 'billing.write' },
    input: z.object({ clientId, patientId: id, amountMinor: amount, method: z.enum(PAYMENT_METHODS), reason, serviceDate: localDate.optional() }),
    output: postingResult,
  }),
  /** Cancels a posting with its opposite; a posting is reversed once. Before the lock date only an admin may. */
  'billing.posting.reverse': call({
    access: { permission: 'billing.write' },
    input: z.object({ clientId, postingId: id, reason }),
    output: postingResult,
  }),
  /** A receipt PDF for a payment (or credit, or refund). */
  'billing.receipt.print': call({
    access: { permission: 'billing.read' },
    input: z.object({ postingId: id, language: z.enum(LANGUAGES).optional() }),
    output: z.object({ fileName: z.string(), pdfBase64: z.string(), pages: z.number().int() }),
  }),
  'billing.plan.create': call({
    access: { permission: 'billing.write' },
    input: z.object({
      clientId,
      patientId: id,
      totalMinor: amount,
      count: z.number().int().min(1).max(120),
      firstDueDate: localDate,
      intervalMonths: z.number().int().min(1).max(12).default(1),
      note: note.optional(),
    }),
    output: paymentPlanSchema,
  }),
  'billing.plan.cancel': call({
    access: { permission: 'billing.write' },
    input: z.object({ planId: id }),
    output: z.object({ ok: z.literal(true) }),
  }),
  /** Records or updates an insurance claim, bono or reimbursement for a charge. */
  'billing.claim.save': call({
    access: { permission: 'billing.write' },
    input: z.object({
      id: clientId.optional(),
      chargeId: id,
      kind: z.enum(CLAIM_KINDS),
      payer: text(80).min(1, 'validation.required'),
      status: z.enum(CLAIM_STATUSES),
      billedMinor: amount,
      paidMinor: z.number().int().min(0).max(1e13).nullable().optional(),
      sentDate: localDate.nullable().optional(),
      resolvedDate: localDate.nullable().optional(),
      externalReference: text(80).nullable().optional(),
      note: note.nullable().optional(),
    }),
    output: claimSchema,
  }),
  /** What each patient's account owes, for the schedule's cards: one grouped query. */
  'billing.balances': call({
    access: { permission: 'billing.read' },
    input: z.object({ patientIds: z.array(id).max(2000) }),
    output: z.object({ currency: z.string(), balances: z.record(z.string(), z.number().int()) }),
  }),
  'billing.settings.get': call({
    access: { permission: 'billing.read' },
    input: z.object({}),
    output: billingSettingsSchema,
  }),
  'billing.settings.update': call({
    access: { permission: 'settings.manage' },
    input: billingSettingsSchema.partial(),
    output: billingSettingsSchema,
  }),
} as const;

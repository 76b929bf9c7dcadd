import type { Generated } from 'kysely';

/* Row types of the ledger (migration 0013), as stored. */

export type PostingKind = 'charge' | 'payment' | 'adjustment' | 'refund' | 'credit' | 'reversal';

export type PaymentMethod = 'cash' | 'debit' | 'credit' | 'transfer' | 'cheque';

/**
 * One posting of the cuenta corriente; append-only. `amount_minor` is signed so
 * that the balance is the plain sum: positive is owed (charges, refunds),
 * negative is paid or forgiven (payments, credits, discounts).
 */
export interface LedgerPostingsTable {
  id: string;
  patient_id: string;
  /** The account the posting rolls up to: the guarantor patient, or the patient. */
  guarantor_id: string;
  kind: PostingKind;
  amount_minor: number;
  /** ISO 4217. */
  currency: string;
  /** YYYY-MM-DD in the practice's zone. */
  service_date: string;
  /** ISO instant. */
  entered_at: string;
  entered_by: string | null;
  provider_id: string | null;
  procedure_code: string | null;
  tooth: string | null;
  /** Surface letters, e.g. "MOD". */
  surfaces: string | null;
  chart_entry_id: string | null;
  plan_item_id: string | null;
  appointment_id: string | null;
  method: PaymentMethod | null;
  tax_document_kind: 'boleta' | 'factura' | null;
  tax_document_number: string | null;
  /** discount | write_off | other, for adjustments. */
  adjustment_type: string | null;
  reason: string | null;
  /** For a reversal: the posting it cancels (each posting is reversed at most once). */
  reverses_id: string | null;
  payment_plan_id: string | null;
  note: string | null;
}

/** A split of a payment (or credit, or negative adjustment) onto one charge; append-only. */
export interface LedgerAllocationsTable {
  id: string;
  posting_id: string;
  charge_id: string;
  guarantor_id: string;
  provider_id: string | null;
  /** Positive for a payment's split; a reversal's splits are negative. */
  amount_minor: number;
  currency: string;
}

export interface PaymentPlansTable {
  id: string;
  guarantor_id: string;
  total_minor: number;
  currency: string;
  start_date: string;
  status: 'active' | 'closed' | 'cancelled';
  note: string | null;
  created_at: string;
  created_by: string | null;
}

export interface PaymentPlanInstalmentsTable {
  id: string;
  plan_id: string;
  guarantor_id: string;
  seq: number;
  due_date: string;
  amount_minor: number;
  currency: string;
}

export interface InsuranceClaimsTable {
  id: string;
  patient_id: string;
  charge_id: string;
  kind: 'claim' | 'bono' | 'reimbursement';
  /** fonasa | isapre | other, or a payer's name. */
  payer: string;
  payer_code: string | null;
  status: 'draft' | 'sent' | 'paid' | 'denied';
  billed_minor: number;
  paid_minor: number | null;
  currency: string;
  sent_date: string | null;
  resolved_date: string | null;
  external_reference: string | null;
  /** manual today; room for an electronic channel. */
  submission_channel: Generated<string>;
  note: string | null;
  created_at: string;
  created_by: string | null;
  deleted_at: string | null;
}

/** A statement as sent, archived byte for byte; append-only. */
export interface StatementsTable {
  id: string;
  guarantor_id: string;
  issued_at: string;
  issued_by: string | null;
  batch_id: string | null;
  period_from: string | null;
  period_to: string;
  balance_minor: number;
  currency: string;
  language: string;
  pdf_base64: string;
  sha256: string;
}

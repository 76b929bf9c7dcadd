import type { Role } from '../auth/roles';

/*
 * What each role may post on the ledger, beyond the billing.write permission.
 * Main enforces it (billing-policy.ts); the renderer only uses it to decide
 * what to offer. A receptionist takes payments and prepayments (when the
 * practice allows it) and records insurance, but posts nothing that forgives,
 * refunds or reverses money.
 */

export type BillingAct = 'payment' | 'credit' | 'adjustment' | 'refund' | 'reversal' | 'plan' | 'claim';

const RECEPTIONIST_ACTS: ReadonlySet<BillingAct> = new Set(['payment', 'credit', 'claim']);

export function roleMayPost(role: Role, act: BillingAct, settings: { receptionistPayments: boolean }): boolean {
  if (role !== 'receptionist') return true;
  if (!RECEPTIONIST_ACTS.has(act)) return false;
  return !(act === 'payment' || act === 'credit') || settings.receptionistPayments;
}

import { v7 as uuidv7 } from 'uuid';
import type { ClaimOut } from '../../shared/contract/billing';
import { AppError } from '../../shared/contract/errors';
import type { InsuranceClaimsTable } from '../db/schema';
import type { Db } from '../patients/patients-repository';
import type { Store } from '../store/store';
import { readBillingSettings } from './billing-settings';
import { checkRole } from './billing-policy';
import type { BillingCaller } from './ledger-service';
import { postingById } from './ledger-repository';

/*
 * Insurance tracking, per procedure (charge): a claim, a FONASA/ISAPRE bono
 * or a reimbursement, entered by hand with its payer, status and amounts.
 * There is no electronic submission; `submission_channel` stays 'manual' and
 * `payer_code` / `external_reference` keep room for one.
 */

function toClaim(row: Omit<InsuranceClaimsTable, 'submission_channel'>): ClaimOut {
  return {
    id: row.id,
    patientId: row.patient_id,
    chargeId: row.charge_id,
    kind: row.kind,
    payer: row.payer,
    status: row.status,
    billedMinor: row.billed_minor,
    paidMinor: row.paid_minor,
    sentDate: row.sent_date,
    resolvedDate: row.resolved_date,
    externalReference: row.external_reference,
    note: row.note,
  };
}

export async function listClaims(db: Db, patientIds: readonly string[]): Promise<ClaimOut[]> {
  if (patientIds.length === 0) return [];
  const rows = await db.selectFrom('insurance_claims').selectAll().where('patient_id', 'in', patientIds).where('deleted_at', 'is', null).orderBy('created_at').execute();
  return rows.map(toClaim);
}

export interface ClaimInput {
  id?: string | undefined;
  chargeId: string;
  kind: ClaimOut['kind'];
  payer: string;
  status: ClaimOut['status'];
  billedMinor: number;
  paidMinor?: number | null | undefined;
  sentDate?: string | null | undefined;
  resolvedDate?: string | null | undefined;
  externalReference?: string | null | undefined;
  note?: string | null | undefined;
}

export async function saveClaim(store: Store, caller: BillingCaller, input: ClaimInput): Promise<ClaimOut> {
  return store.write(caller.actor, async (tx) => {
    checkRole(caller.role, 'claim', await readBillingSettings(tx.db));
    const charge = await postingById(tx.db, input.chargeId);
    if (!charge || charge.kind !== 'charge') throw new AppError('NOT_FOUND', 'billing.errors.postingGone');
    const fields = {
      kind: input.kind,
      payer: input.payer.trim(),
      status: input.status,
      billed_minor: input.billedMinor,
      paid_minor: input.paidMinor ?? null,
      sent_date: input.sentDate ?? null,
      resolved_date: input.resolvedDate ?? null,
      external_reference: input.externalReference ?? null,
      note: input.note ?? null,
    };
    const id = input.id ?? uuidv7();
    const existing = await tx.db.selectFrom('insurance_claims').select(['id', 'charge_id']).where('id', '=', id).executeTakeFirst();
    if (existing) {
      if (existing.charge_id !== charge.id) throw new AppError('CONFLICT', 'billing.errors.claimOtherCharge');
      await tx.update('insurance_claims', id, fields);
    } else {
      await tx.insert('insurance_claims', {
        id,
        patient_id: charge.patient_id,
        charge_id: charge.id,
        currency: charge.currency,
        payer_code: null,
        submission_channel: 'manual',
        created_at: new Date().toISOString(),
        created_by: caller.actor.userId,
        deleted_at: null,
        ...fields,
      });
    }
    await tx.audit({ action: existing ? 'billing.claim.update' : 'billing.claim.create', entity: 'patient', entityId: charge.patient_id, details: { claimId: id, status: input.status, kind: input.kind } });
    const row = await tx.db.selectFrom('insurance_claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toClaim(row);
  });
}

import type { Role } from '../../shared/auth/roles';
import { roleHas } from '../../shared/auth/roles';
import { type BillingAct, roleMayPost } from '../../shared/billing/policy';
import { AppError } from '../../shared/contract/errors';
import { practiceTimeFormat } from '../../shared/practice/datetime';
import type { BillingSettings } from '../../shared/contract/billing';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { practiceClock } from '../chairside/chairside-common';

/*
 * Who may post what, beyond the contract's billing.write, and the lock date.
 * The billing role and the admin post everything; a receptionist takes
 * payments and prepayments (when the practice allows it) and nothing that
 * forgives, refunds or reverses money. Postings dated before the lock date
 * are closed: reversing one, or back-dating a new one before it, needs
 * settings.manage (the admin). Every lock decision, allowed or refused, is
 * audited; a refusal is audited in its own transaction, since the one it
 * refused rolls back.
 */

export type { BillingAct };

export function checkRole(role: Role, act: BillingAct, settings: BillingSettings): void {
  if (roleMayPost(role, act, settings)) return;
  if (roleMayPost(role, act, { receptionistPayments: true })) throw new AppError('FORBIDDEN', 'billing.errors.receptionistPaymentsOff');
  throw new AppError('FORBIDDEN', 'billing.errors.roleRefused', { params: { act } });
}

/** Thrown inside a write when the lock date refuses it; `guardedWrite` audits it after the rollback. */
export class LockRefusal extends Error {
  constructor(
    readonly error: AppError,
    readonly audit: { action: string; entity: string; entityId: string | null; details: Record<string, unknown> },
  ) {
    super(error.message);
  }
}

/** A store.write whose lock refusals are audited (in their own transaction) before the error goes back. */
export async function guardedWrite<T>(store: Store, actor: Actor, work: (tx: WriteTx) => Promise<T>): Promise<T> {
  try {
    return await store.write(actor, work);
  } catch (error) {
    if (!(error instanceof LockRefusal)) throw error;
    await store.write(actor, (tx) => tx.audit({ ...error.audit, details: { ...error.audit.details, outcome: 'refused' } }));
    throw error.error;
  }
}

export async function roleOf(db: Db, userId: string | null): Promise<Role | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  return (row?.role as Role | undefined) ?? null;
}

/**
 * Checks a posting dated `serviceDate` against the lock date: `what` is
 * 'reverse' (reversing a posting of that date) or 'backdate' (a new posting of
 * that date). Allowed overrides are audited in the same transaction.
 */
export async function checkLock(
  tx: WriteTx,
  role: Role | null,
  settings: BillingSettings,
  what: 'reverse' | 'backdate',
  serviceDate: string,
  subject: { entity: string; entityId: string | null },
): Promise<void> {
  const lockDate = settings.lockDate;
  if (!lockDate || serviceDate >= lockDate) return;
  const details = { what, serviceDate, lockDate };
  if (role && roleHas(role, 'settings.manage')) {
    await tx.audit({ action: 'billing.lock.override', ...subject, details: { ...details, outcome: 'allowed' } });
    return;
  }
  const clock = await practiceClock(tx.db);
  const format = practiceTimeFormat({ language: clock.language, country: clock.country, timeZone: clock.timeZone });
  throw new LockRefusal(new AppError('FORBIDDEN', what === 'reverse' ? 'billing.errors.lockedReverse' : 'billing.errors.lockedBackdate', { params: { lockDate: format.day(lockDate), serviceDate: format.day(serviceDate) } }), {
    action: 'billing.lock.refused',
    ...subject,
    details,
  });
}

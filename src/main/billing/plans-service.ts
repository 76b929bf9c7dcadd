import { v7 as uuidv7 } from 'uuid';
import { dueDates, instalmentStates, splitInstalments } from '../../shared/billing/instalments';
import type { PaymentPlanOut } from '../../shared/contract/billing';
import { AppError } from '../../shared/contract/errors';
import { practiceClock } from '../chairside/chairside-common';
import type { Db } from '../patients/patients-repository';
import type { Store } from '../store/store';
import { readBillingSettings } from './billing-settings';
import { checkRole } from './billing-policy';
import { type BillingCaller, accountScope } from './ledger-service';

/*
 * Payment plans for a guarantor's account: a total in instalments with due
 * dates (equal parts, the remainder on the last). What is paid is derived:
 * the payments posted against the plan, net of their reversals, applied to
 * the instalments oldest first. Nothing about payment is stored on the plan.
 */

export async function listPlans(db: Db, guarantorIds: readonly string[], today: string): Promise<PaymentPlanOut[]> {
  const plans = await db.selectFrom('payment_plans').selectAll().where('guarantor_id', 'in', guarantorIds).orderBy('start_date').orderBy('id').execute();
  if (plans.length === 0) return [];
  const planIds = plans.map((p) => p.id);
  const [instalments, paid] = await Promise.all([
    db.selectFrom('payment_plan_instalments').selectAll().where('plan_id', 'in', planIds).orderBy('seq').execute(),
    db
      .selectFrom('ledger_postings')
      .select(['payment_plan_id', (eb) => eb.fn.sum<number>('amount_minor').as('total')])
      .where('payment_plan_id', 'in', planIds)
      .groupBy('payment_plan_id')
      .execute(),
  ]);
  const paidBy = new Map(paid.map((r) => [r.payment_plan_id!, -Number(r.total)]));
  return plans.map((plan) => {
    const states = instalmentStates(
      instalments.filter((i) => i.plan_id === plan.id).map((i) => ({ seq: i.seq, dueDate: i.due_date, amountMinor: i.amount_minor })),
      paidBy.get(plan.id) ?? 0,
      today,
    );
    return {
      id: plan.id,
      totalMinor: plan.total_minor,
      startDate: plan.start_date,
      status: plan.status,
      note: plan.note,
      paidMinor: Math.max(0, paidBy.get(plan.id) ?? 0),
      overdueMinor: plan.status === 'active' ? states.filter((s) => s.status === 'overdue').reduce((n, s) => n + s.amountMinor - s.paidMinor, 0) : 0,
      instalments: states,
    };
  });
}

export interface PlanInput {
  clientId: string;
  patientId: string;
  totalMinor: number;
  count: number;
  firstDueDate: string;
  intervalMonths: number;
  note?: string | undefined;
}

export async function createPlan(store: Store, caller: BillingCaller, input: PlanInput): Promise<PaymentPlanOut> {
  return store.write(caller.actor, async (tx) => {
    checkRole(caller.role, 'plan', await readBillingSettings(tx.db));
    const scope = await accountScope(tx.db, input.patientId);
    const clock = await practiceClock(tx.db);
    const existing = await tx.db.selectFrom('payment_plans').select('id').where('id', '=', input.clientId).executeTakeFirst();
    if (!existing) {
      const now = new Date().toISOString();
      await tx.insert('payment_plans', {
        id: input.clientId,
        guarantor_id: scope.guarantor.id,
        total_minor: input.totalMinor,
        currency: clock.currency,
        start_date: clock.today < input.firstDueDate ? clock.today : input.firstDueDate,
        status: 'active',
        note: input.note?.trim() || null,
        created_at: now,
        created_by: caller.actor.userId,
      });
      const amounts = splitInstalments(input.totalMinor, input.count);
      const dates = dueDates(input.firstDueDate, input.count, input.intervalMonths);
      for (let i = 0; i < amounts.length; i++) {
        await tx.insert('payment_plan_instalments', {
          id: uuidv7(),
          plan_id: input.clientId,
          guarantor_id: scope.guarantor.id,
          seq: i + 1,
          due_date: dates[i]!,
          amount_minor: amounts[i]!,
          currency: clock.currency,
        });
      }
      await tx.audit({ action: 'billing.plan.create', entity: 'patient', entityId: scope.guarantor.id, details: { planId: input.clientId, totalMinor: input.totalMinor, count: input.count } });
    }
    const plans = await listPlans(tx.db, [scope.guarantor.id], clock.today);
    return plans.find((p) => p.id === input.clientId)!;
  });
}

export async function cancelPlan(store: Store, caller: BillingCaller, planId: string): Promise<{ ok: true }> {
  return store.write(caller.actor, async (tx) => {
    checkRole(caller.role, 'plan', await readBillingSettings(tx.db));
    const plan = await tx.db.selectFrom('payment_plans').select(['id', 'guarantor_id', 'status']).where('id', '=', planId).executeTakeFirst();
    if (!plan) throw new AppError('NOT_FOUND');
    if (plan.status === 'active') {
      await tx.update('payment_plans', planId, { status: 'cancelled' });
      await tx.audit({ action: 'billing.plan.cancel', entity: 'patient', entityId: plan.guarantor_id, details: { planId } });
    }
    return { ok: true as const };
  });
}

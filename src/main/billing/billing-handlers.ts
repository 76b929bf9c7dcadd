import type { CallName } from '../../shared/contract';
import { type CallContext, type HandlerGroup, requireSession } from '../contract/context';
import { updateBillingSettings, readBillingSettings } from './billing-settings';
import { saveClaim } from './claims-service';
import { type BillingCaller, balancesFor, getAccount, postAdjustment, postCredit, postPayment, postRefund, reversePosting } from './ledger-service';
import { cancelPlan, createPlan } from './plans-service';
import { printReceipt } from './receipt-pdf';

export type BillingCalls = Extract<CallName, `billing.${string}`>;

function caller(ctx: CallContext): BillingCaller {
  return { actor: ctx.actor, role: requireSession(ctx).role };
}

async function languageOf(ctx: CallContext): Promise<string> {
  const userId = ctx.actor.userId;
  if (!userId) return 'es';
  const row = await ctx.store().db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return row?.language ?? 'es';
}

/** The ledger's contract entries: thin, each hands its parsed input to a service. */
export function billingHandlers(): HandlerGroup<BillingCalls> {
  return {
    async 'billing.account.get'(input, ctx) {
      return getAccount(ctx.store(), ctx.actor, input.patientId, await languageOf(ctx));
    },
    async 'billing.payment.post'(input, ctx) {
      return postPayment(ctx.store(), caller(ctx), input);
    },
    async 'billing.adjustment.post'(input, ctx) {
      return postAdjustment(ctx.store(), caller(ctx), input);
    },
    async 'billing.credit.post'(input, ctx) {
      return postCredit(ctx.store(), caller(ctx), input);
    },
    async 'billing.refund.post'(input, ctx) {
      return postRefund(ctx.store(), caller(ctx), input);
    },
    async 'billing.posting.reverse'(input, ctx) {
      return reversePosting(ctx.store(), caller(ctx), input);
    },
    async 'billing.receipt.print'(input, ctx) {
      return printReceipt(ctx.store(), ctx.actor, input);
    },
    async 'billing.plan.create'(input, ctx) {
      return createPlan(ctx.store(), caller(ctx), input);
    },
    async 'billing.plan.cancel'(input, ctx) {
      return cancelPlan(ctx.store(), caller(ctx), input.planId);
    },
    async 'billing.claim.save'(input, ctx) {
      return saveClaim(ctx.store(), caller(ctx), input);
    },
    async 'billing.balances'(input, ctx) {
      return balancesFor(ctx.store(), ctx.actor, input.patientIds);
    },
    async 'billing.settings.get'(_input, ctx) {
      return readBillingSettings(ctx.store().db);
    },
    async 'billing.settings.update'(input, ctx) {
      return updateBillingSettings(ctx.store(), ctx.actor, input);
    },
  };
}

import { v7 as uuidv7 } from 'uuid';
import { createAppCore } from '../src/main/app-core';
import { DEMO_STAFF_PASSWORD } from '../src/main/demo/generate-demo';
import { Random } from '../src/main/demo/random';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';
import { copyPractice, benchDispatcher } from './fixture';

/*
 * The front desk's waits on the large demo (ten years of charges from the
 * charts, their payments, adjustments, plans and claims): opening a patient's
 * account (billing.account.get through the dispatcher: session check, parsing,
 * the postings with running balance and open amounts, the family, plans,
 * claims, and its audit entry), for the patients with the longest ledgers;
 * and taking a payment split oldest first over the account's open charges
 * (billing.payment.post: one transaction with its splits, outbox and audit).
 */

const WARM_UP = 30;
const SAMPLES = 300;


async function run(ctx: BenchContext): Promise<void> {
  const dataDir = ctx.tempDir('billing');
  copyPractice(ctx.practice.dataDir, dataDir);
  const core = await createAppCore({ dataDir, passphrase: ctx.practice.passphrase });
  try {
    const dispatch = benchDispatcher(core);
    await core.vault.store().database.integrity;
    await dispatch('auth.signIn', { username: 'caja', password: DEMO_STAFF_PASSWORD });
    const db = core.vault.store().db;
    const accounts = await db
      .selectFrom('ledger_postings')
      .select(['guarantor_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('service_date').as('first'), (eb) => eb.fn.sum<number>('amount_minor').as('balance')])
      .groupBy('guarantor_id')
      .orderBy('n', 'desc')
      .execute();
    if (accounts.length === 0) throw new Error('The large demo has no ledger: remove .bench-data so that it is made again.');
    const total = accounts.reduce((s, a) => s + Number(a.n), 0);
    const longest = accounts.slice(0, 300);
    const longestAvg = longest.reduce((s, a) => s + Number(a.n), 0) / longest.length;
    info(
      `billing: ${accounts.length} accounts, ${total} postings; the 300 longest have ${longestAvg.toFixed(0)} postings on average (max ${accounts[0]!.n}), from ${longest.map((a) => String(a.first)).sort()[0]}`,
    );
    const random = new Random('bench/billing');

    if (ctx.wants('billing.ledger')) {
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < SAMPLES + WARM_UP; i++) {
        const patientId = random.pick(longest).guarantor_id;
        const { ms, value } = await timeAsync(async () => ((await dispatch('billing.account.get', { patientId })) as { postings: unknown[] }).postings.length);
        if (i >= WARM_UP) {
          samples.push(ms);
          rows += value;
        }
      }
      info(`billing.ledger: ${(rows / SAMPLES).toFixed(0)} postings per account read`);
      ctx.emit(summarize('billing.ledger', samples));
    }

    if (ctx.wants('billing.payment_post')) {
      // Accounts that owe: the payment is split over their open charges, oldest first.
      const owing = accounts.filter((a) => Number(a.balance) > 20_000).slice(0, 2_000);
      const samples: number[] = [];
      let splits = 0;
      for (let i = 0; i < 200 + 20; i++) {
        const account = random.pick(owing);
        const amountMinor = Math.min(Number(account.balance), random.int(5, 60) * 1_000);
        const { ms, value } = await timeAsync(
          async () => ((await dispatch('billing.payment.post', { clientId: uuidv7(), patientId: account.guarantor_id, amountMinor, method: 'cash' })) as { splits: unknown[] }).splits.length,
        );
        if (i >= 20) {
          samples.push(ms);
          splits += value;
        }
      }
      info(`billing.payment_post: ${(splits / 200).toFixed(1)} splits per payment`);
      ctx.emit(summarize('billing.payment_post', samples));
    }
  } finally {
    await core.close();
  }
}

export const billingSuite: BenchSuite = {
  area: 'billing',
  benches: ['billing.ledger', 'billing.payment_post'],
  run,
};

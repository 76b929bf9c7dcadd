import { v7 as uuidv7 } from 'uuid';
import { createAppCore } from '../src/main/app-core';
import type { LedgerPostingsTable } from '../src/main/db/schema';
import { DEMO_ANCHOR, practiceOpened } from '../src/main/demo/generate-demo';
import { generatePatients } from '../src/main/demo/people';
import { computeAging, computeDaySheet } from '../src/main/reports/reports-service';
import { StatementBatches } from '../src/main/statements/statements-service';
import type { Actor } from '../src/main/store/store';
import { todayIn } from '../src/shared/patients/age';
import { addDays } from '../src/shared/schedule/time';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';

/*
 * Statements and reports. The large demo has no ledger yet (its generator
 * gets postings with the ledger's merge), so this suite makes its own small
 * practice in a scratch folder: 1,000 guarantors (demo people) with ten years
 * of charges, payments (cash/debit/transfer, split onto the charge), some
 * adjustments and reversals — about 40 postings each — and times
 * 1,000 statements as PDFs (archived, through the batch), the day sheet of
 * the busiest day, and the practice's aging.
 */

const GUARANTORS = 1000;
const POSTINGS_PER_ACCOUNT = 40;
const METHODS = ['cash', 'debit', 'transfer', 'credit'] as const;

async function run(ctx: BenchContext): Promise<void> {
  const dataDir = ctx.tempDir('statements');
  const core = await createAppCore({ dataDir });
  try {
    const setup = await core.dispatch(
      'app.setup',
      {
        practice: { name: 'Clínica Bench', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'es' },
        admin: { givenNames: 'Ana', firstSurname: 'Bench', secondSurname: '', username: 'admin', password: 'admin-password-1' },
        key: { kind: 'passphrase', passphrase: 'bench passphrase here' },
      },
      'bench',
    );
    if (!setup.ok) throw new Error(`setup failed: ${setup.error.messageKey}`);
    const store = core.vault.store();
    const admin = await store.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const actor: Actor = { userId: admin.id, deviceId: store.deviceId };
    const today = todayIn('America/Santiago');

    const people = generatePatients('bench/statements', { count: GUARANTORS, anchorMs: Date.parse(DEMO_ANCHOR), historyStartMs: practiceOpened(Date.parse(DEMO_ANCHOR)) });
    const made = performance.now();
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < people.length; i += 50) {
      await store.write(actor, async (tx) => {
        for (const person of people.slice(i, i + 50)) {
          await tx.insert('patients', person);
          let owed: { id: string; amount: number }[] = [];
          for (let n = 0; n < POSTINGS_PER_ACCOUNT; n++) {
            // Ten years back, the newest postings in the last weeks (so some accounts are current, some overdue).
            const daysAgo = Math.floor(Math.pow(rand(), 2) * 3650);
            const date = addDays(today, -daysAgo);
            const base: Omit<LedgerPostingsTable, 'id' | 'kind' | 'amount_minor' | 'method' | 'reverses_id'> = {
              patient_id: person.id, guarantor_id: person.id, currency: 'CLP', service_date: date, entered_at: new Date().toISOString(), entered_by: null, provider_id: `provider-${n % 4}`,
              procedure_code: null, tooth: null, surfaces: null, chart_entry_id: null, plan_item_id: null, appointment_id: null, tax_document_kind: null, tax_document_number: null,
              adjustment_type: null, reason: null, payment_plan_id: null, note: null,
            };
            const roll = rand();
            if (roll < 0.55 || owed.length === 0) {
              const id = uuidv7();
              const amount = 5000 * (1 + Math.floor(rand() * 60));
              await tx.insert('ledger_postings', { ...base, id, kind: 'charge', amount_minor: amount, method: null, reverses_id: null });
              owed.push({ id, amount });
            } else if (roll < 0.9) {
              const charge = owed.shift()!;
              const id = uuidv7();
              const paid = rand() < 0.7 ? charge.amount : Math.floor(charge.amount / 2);
              await tx.insert('ledger_postings', { ...base, id, kind: 'payment', amount_minor: -paid, method: METHODS[n % METHODS.length]!, reverses_id: null });
              await tx.insert('ledger_allocations', { id: uuidv7(), posting_id: id, charge_id: charge.id, guarantor_id: person.id, provider_id: base.provider_id, amount_minor: paid, currency: 'CLP' });
            } else if (roll < 0.96) {
              await tx.insert('ledger_postings', { ...base, id: uuidv7(), kind: 'adjustment', amount_minor: -2000, method: null, reverses_id: null, adjustment_type: 'discount', reason: 'Convenio' });
            } else {
              const charge = owed.pop()!;
              await tx.insert('ledger_postings', { ...base, id: uuidv7(), kind: 'reversal', amount_minor: -charge.amount, method: null, reverses_id: charge.id });
            }
          }
          owed = [];
        }
      });
    }
    const postings = Number((await store.db.selectFrom('ledger_postings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    info(`statements: made ${GUARANTORS} accounts, ${postings} postings in ${((performance.now() - made) / 1000).toFixed(1)} s`);

    // The busiest day for the day sheet.
    const busiest = await store.db.selectFrom('ledger_postings').select(['service_date']).select((eb) => eb.fn.countAll().as('n')).groupBy('service_date').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();

    if (ctx.wants('statements.day_sheet')) {
      const samples: number[] = [];
      for (let i = 0; i < 20; i++) samples.push((await timeAsync(() => computeDaySheet(store.db, busiest.service_date))).ms);
      info(`statements: day sheet of ${busiest.service_date} (${String(busiest.n)} postings)`);
      ctx.emit(summarize('statements.day_sheet', samples));
    }
    if (ctx.wants('statements.aging_practice')) {
      const samples: number[] = [];
      for (let i = 0; i < 8; i++) samples.push((await timeAsync(() => computeAging(store.db))).ms);
      ctx.emit(summarize('statements.aging_practice', samples));
    }
    if (ctx.wants('statements.batch_1000_pdfs')) {
      const batches = new StatementBatches();
      const { ms, value } = await timeAsync(async () => {
        const started = await batches.start(store, actor, 'bench', { criteria: { minBalanceMinor: 0, overdueDays: null, overdueInstalments: false } });
        return batches.settled(started.batchId);
      });
      const perSecond = value.done / (ms / 1000);
      info(`statements: ${value.done} statements (of ${value.total} accounts) as archived PDFs in ${(ms / 1000).toFixed(2)} s = ${perSecond.toFixed(1)} PDFs/s`);
      ctx.emit({ ...summarize('statements.batch_1000_pdfs', [ms]), ratio: Math.round(perSecond * 10) / 10 });
    }
  } finally {
    await core.close();
  }
}

export const statementsSuite: BenchSuite = {
  area: 'statements',
  benches: ['statements.day_sheet', 'statements.aging_practice', 'statements.batch_1000_pdfs'],
  run,
};

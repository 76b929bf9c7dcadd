import type { Insertable } from 'kysely';
import { orderEvents, voidedEventIds } from '../../shared/chart/events';
import type { Finding } from '../../shared/chart/findings';
import { splitInstalments, dueDates } from '../../shared/billing/instalments';
import { utcToLocal } from '../../shared/schedule/time';
import { toEvent } from '../chairside/chart/chart-repository';
import type { InsuranceClaimsTable, LedgerAllocationsTable, LedgerPostingsTable, PaymentPlanInstalmentsTable, PaymentPlansTable, PatientsTable } from '../db/schema';
import type { DemoContext, DemoStep } from './generate-demo';
import { type Random, WeightedPicker, seededUuidV7 } from './random';

/*
 * The demo's ledger, consistent with its charts: every procedure completed on
 * a chart (its latest live version completed) is charged on the day it was
 * completed, at the practice's price list (set here on the catalog), to the
 * patient's guarantor account, with the provider who did it. Visits are
 * mostly paid at the desk the same day (debit, cash, credit, transfer, the
 * odd cheque, a boleta number), some partly, some later; old unpaid ones were
 * mostly written off, recent ones are the overdue balances. A few payments
 * were keyed wrong and reversed, some visits carry a discount, some
 * procedures a FONASA/ISAPRE bono or an insurer's reimbursement, and patients
 * owing a lot in the last year have payment plans, some behind. Its own random
 * stream; rows go in through the write path in chunks of patients.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const PATIENTS_PER_CHUNK = 400;
const ZONE = 'America/Santiago';

/** The demo practice's price list (CLP); conditions (DX-…) have none. */
export const DEMO_FEES: Readonly<Record<string, number>> = {
  'EXA-01': 25_000, 'EXA-02': 20_000, 'EXA-03': 15_000, 'RX-PA': 8_000, 'RX-BW': 10_000, 'RX-OC': 12_000, 'RX-PAN': 25_000, 'PER-EX': 20_000,
  'PRO-01': 35_000, 'PRO-02': 45_000, 'FLU-01': 15_000, 'SEL-01': 18_000, 'IHO-01': 10_000,
  'RES-C1': 35_000, 'RES-C2': 40_000, 'RES-C3': 45_000, 'RES-C4': 50_000, 'RES-A1': 30_000, 'RES-A2': 35_000, 'RES-A3': 40_000, 'RES-VI': 28_000, 'RES-PR': 25_000,
  'INC-01': 180_000, 'CAR-01': 25_000, 'END-PU': 60_000, 'END-AN': 150_000, 'END-PM': 180_000, 'END-MO': 250_000, 'END-RE': 280_000,
  'PER-RA': 40_000, 'PER-MA': 60_000, 'PER-CI': 180_000, 'PER-FE': 150_000,
  'COR-PFM': 320_000, 'COR-CER': 380_000, 'COR-PRV': 60_000, 'PYM-01': 90_000, 'PUE-01': 750_000, 'PRT-TO': 450_000, 'PRT-PR': 380_000,
  'IMP-01': 850_000, 'IMP-CO': 450_000, 'EXT-S': 35_000, 'EXT-Q': 80_000, 'EXT-3M': 120_000, 'ORT-EV': 30_000, 'PLA-01': 20_000, 'URG-01': 30_000,
};

type Method = NonNullable<LedgerPostingsTable['method']>;
const METHODS = new WeightedPicker<Method>([
  { value: 'debit', weight: 35 },
  { value: 'cash', weight: 25 },
  { value: 'credit', weight: 25 },
  { value: 'transfer', weight: 12 },
  { value: 'cheque', weight: 3 },
]);

interface Rows {
  postings: LedgerPostingsTable[];
  allocations: LedgerAllocationsTable[];
  plans: PaymentPlansTable[];
  instalments: PaymentPlanInstalmentsTable[];
  claims: (Insertable<InsuranceClaimsTable> & { id: string })[];
}

interface Completed {
  itemId: string;
  item: Finding;
  atMs: number;
  by: string | null;
}

const localDate = (ms: number) => utcToLocal(ms, ZONE).slice(0, 10);

/** The chart items a patient's log leaves completed, with when and by whom the completing version was recorded. */
function completedOf(rows: Parameters<typeof toEvent>[0][]): Completed[] {
  const ordered = orderEvents(rows.map(toEvent));
  const voided = voidedEventIds(ordered);
  const latest = new Map<string, Completed | null>();
  for (const e of ordered) {
    if (voided.has(e.id) || (e.kind !== 'add' && e.kind !== 'supersede')) continue;
    const itemId = e.kind === 'add' ? e.id : e.target;
    latest.set(itemId, e.item.type === 'finding' && e.item.status === 'completed' ? { itemId, item: e.item, atMs: Date.parse(e.at), by: e.by || null } : null);
  }
  return [...latest.values()].filter((c): c is Completed => c !== null);
}

function where(item: Finding): { tooth: string | null; surfaces: string | null } {
  const a = item.area;
  if (a.kind === 'surface') return { tooth: a.tooth, surfaces: a.surfaces.join('') };
  if (a.kind === 'tooth') return { tooth: a.tooth, surfaces: null };
  if (a.kind === 'range') return { tooth: a.teeth.join(','), surfaces: null };
  return { tooth: null, surfaces: null };
}

class Ledger {
  private boleta = 10_000;
  constructor(
    private readonly random: Random,
    private readonly rows: Rows,
    private readonly anchorMs: number,
    private readonly desk: string[],
  ) {}

  private posting(p: Partial<LedgerPostingsTable> & Pick<LedgerPostingsTable, 'patient_id' | 'guarantor_id' | 'kind' | 'amount_minor' | 'service_date'> & { atMs: number }): LedgerPostingsTable {
    const { atMs, ...rest } = p;
    const row: LedgerPostingsTable = {
      id: seededUuidV7(this.random, atMs),
      currency: 'CLP',
      entered_at: new Date(atMs).toISOString(),
      entered_by: this.random.pick(this.desk),
      provider_id: null,
      procedure_code: null,
      tooth: null,
      surfaces: null,
      chart_entry_id: null,
      plan_item_id: null,
      appointment_id: null,
      method: null,
      tax_document_kind: null,
      tax_document_number: null,
      adjustment_type: null,
      reason: null,
      reverses_id: null,
      payment_plan_id: null,
      note: null,
      ...rest,
    };
    this.rows.postings.push(row);
    return row;
  }

  /** A payment (or write-off) of `amount`, split over the charges oldest first; returns what each still owes. */
  pay(patient: PatientsTable, guarantorId: string, charges: { row: LedgerPostingsTable; open: number }[], amount: number, atMs: number, kind: 'payment' | 'adjustment' = 'payment', extra: Partial<LedgerPostingsTable> = {}): LedgerPostingsTable {
    const method = METHODS.pick(this.random);
    const withBoleta = kind === 'payment' && this.random.chance(0.85);
    const posting = this.posting({
      patient_id: patient.id,
      guarantor_id: guarantorId,
      kind,
      amount_minor: -amount,
      service_date: localDate(atMs),
      atMs,
      ...(kind === 'payment' ? { method, tax_document_kind: withBoleta ? (this.random.chance(0.93) ? 'boleta' : 'factura') : null, tax_document_number: withBoleta ? String(this.boleta++) : null } : {}),
      ...extra,
    });
    let left = amount;
    for (const c of charges) {
      if (left === 0) break;
      const take = Math.min(left, c.open);
      if (take <= 0) continue;
      c.open -= take;
      left -= take;
      this.rows.allocations.push({ id: seededUuidV7(this.random, atMs), posting_id: posting.id, charge_id: c.row.id, guarantor_id: guarantorId, provider_id: c.row.provider_id, amount_minor: take, currency: 'CLP' });
    }
    return posting;
  }

  /** A payment keyed wrong, reversed a few minutes later with its reason, then taken again. */
  reverse(original: LedgerPostingsTable, atMs: number, reason: string): void {
    const reversal = this.posting({
      patient_id: original.patient_id,
      guarantor_id: original.guarantor_id,
      kind: 'reversal',
      amount_minor: -original.amount_minor,
      service_date: localDate(atMs),
      atMs,
      method: original.method,
      reverses_id: original.id,
      reason,
      payment_plan_id: original.payment_plan_id,
    });
    for (const a of this.rows.allocations.filter((x) => x.posting_id === original.id)) {
      this.rows.allocations.push({ ...a, id: seededUuidV7(this.random, atMs), posting_id: reversal.id, amount_minor: -a.amount_minor });
    }
  }

  patient(patient: PatientsTable, completed: Completed[], providerOf: Map<string, string>): void {
    const random = this.random;
    const guarantorId = patient.guarantor_patient_id ?? patient.id;
    const charges: { row: LedgerPostingsTable; open: number; atMs: number }[] = [];
    for (const c of completed.sort((a, b) => a.atMs - b.atMs)) {
      const fee = DEMO_FEES[c.item.code.toUpperCase()];
      if (!fee || c.atMs >= this.anchorMs) continue;
      const row = this.posting({
        patient_id: patient.id,
        guarantor_id: guarantorId,
        kind: 'charge',
        amount_minor: fee,
        service_date: localDate(c.atMs),
        atMs: c.atMs,
        entered_by: c.by,
        provider_id: c.by ? (providerOf.get(c.by) ?? null) : null,
        procedure_code: c.item.code.toUpperCase(),
        ...where(c.item),
        chart_entry_id: c.itemId,
      });
      charges.push({ row, open: fee, atMs: c.atMs });
      if (random.chance(0.08)) {
        const isapre = random.chance(0.4);
        const status = random.chance(0.8) ? 'paid' : random.chance(0.75) ? 'sent' : 'denied';
        const billed = Math.round((fee * 0.4) / 10) * 10;
        const resolvedMs = c.atMs + random.int(10, 45) * DAY_MS;
        this.rows.claims.push({
          id: seededUuidV7(random, c.atMs),
          patient_id: patient.id,
          charge_id: row.id,
          kind: random.chance(0.7) ? 'bono' : isapre ? 'reimbursement' : 'claim',
          payer: isapre ? random.pick(['Isapre Colmena', 'Isapre Cruz Blanca', 'Isapre Consalud', 'Isapre Banmédica']) : 'FONASA',
          payer_code: null,
          status,
          billed_minor: billed,
          paid_minor: status === 'paid' ? billed : status === 'denied' ? 0 : null,
          currency: 'CLP',
          sent_date: localDate(c.atMs),
          resolved_date: status === 'sent' || resolvedMs >= this.anchorMs ? null : localDate(resolvedMs),
          external_reference: String(random.int(1_000_000, 9_999_999)),
          submission_channel: 'manual',
          note: null,
          created_at: new Date(c.atMs).toISOString(),
          created_by: this.random.pick(this.desk),
          deleted_at: null,
        });
      }
    }
    // Visits: the charges of one day, paid together at the desk.
    const visits = new Map<string, typeof charges>();
    for (const c of charges) {
      const list = visits.get(c.row.service_date);
      if (list) list.push(c);
      else visits.set(c.row.service_date, [c]);
    }
    const owedRecently: typeof charges = [];
    for (const visit of visits.values()) {
      const atMs = visit[visit.length - 1]!.atMs + random.int(5, 40) * MINUTE_MS;
      const total = visit.reduce((n, c) => n + c.open, 0);
      const ageDays = (this.anchorMs - atMs) / DAY_MS;
      if (random.chance(0.03)) {
        const discount = Math.round((total * 0.1) / 100) * 100;
        if (discount > 0) this.pay(patient, guarantorId, visit, discount, atMs - MINUTE_MS, 'adjustment', { adjustment_type: 'discount', reason: random.pick(['Convenio empresa', 'Descuento por pago al contado', 'Cortesía']) });
      }
      const due = visit.reduce((n, c) => n + c.open, 0);
      const r = random.next();
      const paidInFull = ageDays > 365 ? r < 0.93 : r < 0.7;
      if (paidInFull) {
        const payment = this.pay(patient, guarantorId, visit, due, atMs);
        if (random.chance(0.01)) {
          this.reverse(payment, atMs + 3 * MINUTE_MS, random.pick(['Monto digitado con error', 'Se registró dos veces', 'Medio de pago equivocado']));
          // The splits came back; the charges owe again, and the right payment is taken.
          const back = this.rows.allocations.filter((a) => a.posting_id === payment.id);
          for (const a of back) {
            const c = visit.find((x) => x.row.id === a.charge_id);
            if (c) c.open += a.amount_minor;
          }
          this.pay(patient, guarantorId, visit, due, atMs + 5 * MINUTE_MS);
        }
        continue;
      }
      // A copay now, the rest later, written off, or still owed.
      const copay = Math.round((due * random.int(25, 60)) / 100 / 1000) * 1000;
      if (copay > 0 && random.chance(0.7)) this.pay(patient, guarantorId, visit, Math.min(copay, due), atMs);
      const laterMs = atMs + random.int(20, 120) * DAY_MS;
      if (ageDays > 365) {
        const rest = visit.reduce((n, c) => n + c.open, 0);
        if (rest > 0 && random.chance(0.6)) this.pay(patient, guarantorId, visit, rest, laterMs);
        else if (rest > 0 && random.chance(0.7)) this.pay(patient, guarantorId, visit, rest, atMs + 200 * DAY_MS, 'adjustment', { adjustment_type: 'write_off', reason: 'Incobrable tras cobranza' });
      } else if (laterMs < this.anchorMs && random.chance(0.3)) {
        const rest = visit.reduce((n, c) => n + c.open, 0);
        if (rest > 0) this.pay(patient, guarantorId, visit, rest, laterMs);
      }
      owedRecently.push(...visit.filter((c) => c.open > 0 && ageDays <= 365));
    }
    // Owing a lot lately: a payment plan, kept up for a while, some now behind.
    const owed = owedRecently.reduce((n, c) => n + c.open, 0);
    if (owed >= 300_000 && random.chance(0.6)) {
      const startMs = owedRecently[0]!.atMs + DAY_MS;
      const count = random.pick([3, 4, 6, 10, 12]);
      const planId = seededUuidV7(random, startMs);
      const first = localDate(startMs + 30 * DAY_MS);
      this.rows.plans.push({ id: planId, guarantor_id: guarantorId, total_minor: owed, currency: 'CLP', start_date: localDate(startMs), status: 'active', note: null, created_at: new Date(startMs).toISOString(), created_by: this.random.pick(this.desk) });
      const amounts = splitInstalments(owed, count);
      const dates = dueDates(first, count);
      const keepsUp = random.next();
      for (let i = 0; i < count; i++) {
        this.rows.instalments.push({ id: seededUuidV7(random, startMs), plan_id: planId, guarantor_id: guarantorId, seq: i + 1, due_date: dates[i]!, amount_minor: amounts[i]!, currency: 'CLP' });
        const dueMs = Date.parse(`${dates[i]!}T15:00:00Z`);
        // Most pay each instalment near its due date; some stop paying (overdue from then on).
        if (dueMs - 3 * DAY_MS < this.anchorMs && random.next() < keepsUp + 0.25) {
          this.pay(patient, guarantorId, owedRecently, amounts[i]!, Math.min(dueMs - random.int(0, 3) * DAY_MS, this.anchorMs - DAY_MS), 'payment', { payment_plan_id: planId });
        }
      }
    }
  }
}

export async function generateBillingDemo(ctx: Pick<DemoContext, 'store' | 'actor' | 'anchorMs' | 'patients' | 'staff' | 'userIds' | 'providers' | 'counts' | 'random' | 'progress'>): Promise<void> {
  const random = ctx.random('billing');
  const desk = ctx.staff.filter((m) => m.role === 'receptionist' || m.role === 'billing').map((m) => ctx.userIds.get(m.username)).filter((id): id is string => !!id);
  if (desk.length === 0) desk.push(ctx.actor.userId ?? 'demo');
  const providerOf = new Map(ctx.providers.filter((p) => p.user_id).map((p) => [p.user_id!, p.id]));
  const db = ctx.store.db;

  // The practice's price list on its catalog.
  const now = new Date(ctx.anchorMs).toISOString();
  await ctx.store.write(ctx.actor, async (tx) => {
    const rows = await tx.db.selectFrom('procedures').select(['id', 'code', 'fee_minor']).execute();
    for (const r of rows) {
      const fee = DEMO_FEES[r.code.toUpperCase()];
      if (fee !== undefined && r.fee_minor !== fee) await tx.update('procedures', r.id, { fee_minor: fee, updated_at: now });
    }
    await tx.audit({ action: 'demo.seed', entity: 'billing', details: { fees: true } });
  });

  const charted = (await db.selectFrom('chart_events').select('patient_id').distinct().execute()).map((r) => r.patient_id);
  const byId = new Map(ctx.patients.map((p) => [p.id, p]));
  const patients = charted.map((id) => byId.get(id)).filter((p): p is PatientsTable => !!p).sort((a, b) => a.id.localeCompare(b.id));
  const totals = { ledger_postings: 0, ledger_allocations: 0, payment_plans: 0, payment_plan_instalments: 0, insurance_claims: 0 };
  for (let start = 0; start < patients.length; start += PATIENTS_PER_CHUNK) {
    const chunk = patients.slice(start, start + PATIENTS_PER_CHUNK);
    const events = await db.selectFrom('chart_events').selectAll().where('patient_id', 'in', chunk.map((p) => p.id)).orderBy('at').orderBy('id').execute();
    const byPatient = new Map<string, typeof events>();
    for (const e of events) {
      const list = byPatient.get(e.patient_id);
      if (list) list.push(e);
      else byPatient.set(e.patient_id, [e]);
    }
    const rows: Rows = { postings: [], allocations: [], plans: [], instalments: [], claims: [] };
    const ledger = new Ledger(random, rows, ctx.anchorMs, desk);
    for (const p of chunk) ledger.patient(p, completedOf(byPatient.get(p.id) ?? []), providerOf);
    await ctx.store.write(ctx.actor, async (tx) => {
      for (const row of rows.postings) await tx.insert('ledger_postings', row);
      for (const row of rows.allocations) await tx.insert('ledger_allocations', row);
      for (const row of rows.plans) await tx.insert('payment_plans', row);
      for (const row of rows.instalments) await tx.insert('payment_plan_instalments', row);
      for (const row of rows.claims) await tx.insert('insurance_claims', row);
      await tx.audit({ action: 'demo.seed', entity: 'billing', details: { patients: chunk.length, postings: rows.postings.length } });
    });
    totals.ledger_postings += rows.postings.length;
    totals.ledger_allocations += rows.allocations.length;
    totals.payment_plans += rows.plans.length;
    totals.payment_plan_instalments += rows.instalments.length;
    totals.insurance_claims += rows.claims.length;
    ctx.progress(Math.min(start + PATIENTS_PER_CHUNK, patients.length), patients.length);
  }
  Object.assign(ctx.counts, totals);
}

export const billingStep: DemoStep = {
  name: 'billing',
  run: (ctx) => generateBillingDemo(ctx),
};

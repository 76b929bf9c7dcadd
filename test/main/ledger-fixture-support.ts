import { inflateSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import type { AppCore } from '../../src/main/app-core';
import type { LedgerPostingsTable, PaymentMethod, PostingKind } from '../../src/main/db/schema';
import { call, setUpPractice } from '../support/practice';
import { signIn } from './chairside-support';

/*
 * Ledger rows for the statements and reports tests, written straight through
 * the store (the one write path) until the ledger service is merged; the lead
 * will switch these helpers to it.
 */

const ADMIN_ACTOR = (core: AppCore) => ({ userId: null, deviceId: core.vault.store().deviceId });

export interface PostingInput {
  patientId: string;
  guarantorId?: string;
  kind: PostingKind;
  amountMinor: number;
  serviceDate: string;
  providerId?: string | null;
  procedureCode?: string | null;
  method?: PaymentMethod | null;
  reversesId?: string | null;
  paymentPlanId?: string | null;
  enteredAt?: string;
  reason?: string | null;
  adjustmentType?: string | null;
}

export async function post(core: AppCore, input: PostingInput): Promise<string> {
  const id = uuidv7();
  const row: LedgerPostingsTable = {
    id,
    patient_id: input.patientId,
    guarantor_id: input.guarantorId ?? input.patientId,
    kind: input.kind,
    amount_minor: input.amountMinor,
    currency: 'CLP',
    service_date: input.serviceDate,
    entered_at: input.enteredAt ?? new Date().toISOString(),
    entered_by: null,
    provider_id: input.providerId ?? null,
    procedure_code: input.procedureCode ?? null,
    tooth: null,
    surfaces: null,
    chart_entry_id: null,
    plan_item_id: null,
    appointment_id: null,
    method: input.method ?? null,
    tax_document_kind: null,
    tax_document_number: null,
    adjustment_type: input.adjustmentType ?? null,
    reason: input.reason ?? null,
    reverses_id: input.reversesId ?? null,
    payment_plan_id: input.paymentPlanId ?? null,
    note: null,
  };
  await core.vault.store().write(ADMIN_ACTOR(core), (tx) => tx.insert('ledger_postings', row));
  return id;
}

export async function allocate(core: AppCore, paymentId: string, chargeId: string, guarantorId: string, amountMinor: number, providerId: string | null = null): Promise<void> {
  await core.vault.store().write(ADMIN_ACTOR(core), (tx) =>
    tx.insert('ledger_allocations', { id: uuidv7(), posting_id: paymentId, charge_id: chargeId, guarantor_id: guarantorId, provider_id: providerId, amount_minor: amountMinor, currency: 'CLP' }),
  );
}

export async function paymentPlan(core: AppCore, guarantorId: string, instalments: { dueDate: string; amountMinor: number }[]): Promise<string> {
  const planId = uuidv7();
  await core.vault.store().write(ADMIN_ACTOR(core), async (tx) => {
    await tx.insert('payment_plans', {
      id: planId,
      guarantor_id: guarantorId,
      total_minor: instalments.reduce((s, i) => s + i.amountMinor, 0),
      currency: 'CLP',
      start_date: instalments[0]!.dueDate,
      status: 'active',
      note: null,
      created_at: new Date().toISOString(),
      created_by: null,
    });
    for (const [n, i] of instalments.entries()) {
      await tx.insert('payment_plan_instalments', { id: uuidv7(), plan_id: planId, guarantor_id: guarantorId, seq: n + 1, due_date: i.dueDate, amount_minor: i.amountMinor, currency: 'CLP' });
    }
  });
  return planId;
}

export async function patient(core: AppCore, givenNames: string, firstSurname: string, guarantorId?: string): Promise<string> {
  const created = await call(core, 'admin', 'patients.create', {
    draft: {
      givenNames,
      firstSurname,
      secondSurname: '',
      address: { street: 'Av. Los Aromos 123', district: 'Providencia', city: 'Santiago', region: 'RM', postalCode: '' },
      ...(guarantorId ? { guarantor: { kind: 'patient' as const, patientId: guarantorId, relationship: 'other' as const } } : {}),
    },
  });
  return created.id;
}

/** A practice with a billing manager ("caja"), a dentist ("dra"), two providers and a family account. */
export async function billingFixture() {
  const { core, dataDir } = await setUpPractice();
  const manager = await signIn(core, 'billing', 'caja');
  const dentist = await signIn(core, 'dentist', 'dra');
  const providerA = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Rosa', firstSurname: 'Vidal', kind: 'dentist', colour: '#2563eb' });
  const providerB = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Tomás', firstSurname: 'Rojas', kind: 'hygienist', colour: '#059669' });
  const guarantor = await patient(core, 'Camila Andrea', 'Fuentes');
  const child = await patient(core, 'Martín', 'Fuentes', guarantor);
  return { core, dataDir, manager, dentist, providerA: providerA.id, providerB: providerB.id, guarantor, child };
}

/** WinAnsi bytes 0x80–0x9f that differ from Latin-1. */
const CP1252: Record<number, string> = { 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

/**
 * The text of a pdfkit PDF, every page: inflates each content stream and
 * reads the hex strings of its TJ operators, one line per text object.
 */
export function pdfPagesText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /(?<!end)stream\r?\n/g;
  let match: RegExpExecArray | null;
  while ((match = streams.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    if (end < 0) break;
    const raw = pdf.subarray(start, end);
    let content: string;
    try {
      content = inflateSync(raw).toString('latin1');
    } catch {
      content = raw.toString('latin1');
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      lines.push(
        [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)]
          .map((h) => [...Buffer.from(h[1]!, 'hex')].map((b) => CP1252[b] ?? String.fromCharCode(b)).join(''))
          .join(''),
      );
    }
    streams.lastIndex = end + 'endstream'.length;
  }
  return lines.join('\n');
}

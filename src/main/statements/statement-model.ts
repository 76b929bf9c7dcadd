import { AppError } from '../../shared/contract/errors';
import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { addDays } from '../../shared/schedule/time';
import type { Aging } from '../../shared/statements/aging';
import type { InstalmentDue } from '../../shared/statements/instalments';
import type { LedgerPostingsTable } from '../db/schema';
import { type Db, displayName } from '../patients/patients-repository';
import { type AccountSummary, accountHolders, accountSummaries, lastStatement } from './account-repository';

/*
 * What a statement says, before it is drawn: the account holder and address,
 * the balance carried from the last statement, each posting since then (date,
 * patient, description, amount), the balance, the aging and the instalments
 * due. "Since the last statement" means entered after it was made or dated
 * after its end, so a back-dated posting is never missed; the balance carried
 * is the balance less those postings.
 */

export interface StatementLine {
  date: string;
  patient: string;
  description: string;
  amountMinor: number;
}

export interface StatementModel {
  guarantorId: string;
  holder: { name: string; document: string | null; address: string[] };
  language: Language;
  asOf: string;
  /** The last statement's instant, or null for a first statement. */
  periodFrom: string | null;
  previousBalanceMinor: number;
  lines: StatementLine[];
  balanceMinor: number;
  aging: Aging;
  /** Unpaid instalments overdue or due within 30 days of the statement. */
  instalments: InstalmentDue[];
}

function text(language: Language, key: string, params: Record<string, string | number> = {}): string {
  return translate(language, `statements.pdf.${key}`, params) ?? key;
}

export function addressLines(json: string | null): string[] {
  if (!json) return [];
  try {
    const a = JSON.parse(json) as Record<string, string | null | undefined>;
    const second = [a.district, a.city].filter(Boolean).join(', ');
    const third = [a.region, a.postalCode].filter(Boolean).join(' ');
    return [a.street ?? '', second, third].filter((l) => l && l.trim() !== '');
  } catch {
    return [];
  }
}

type PostingRow = Pick<LedgerPostingsTable, 'id' | 'patient_id' | 'kind' | 'amount_minor' | 'service_date' | 'entered_at' | 'procedure_code' | 'tooth' | 'surfaces' | 'method' | 'adjustment_type' | 'reason' | 'reverses_id' | 'note' | 'tax_document_kind' | 'tax_document_number'>;

export function describePosting(language: Language, p: PostingRow, procedures: Map<string, string>, original: PostingRow | undefined): string {
  if (p.kind === 'reversal') {
    const of = original ? describePosting(language, original, procedures, undefined) : '';
    return [text(language, 'kinds.reversal'), of].filter(Boolean).join(': ');
  }
  const parts = [text(language, `kinds.${p.kind}`)];
  if (p.procedure_code) {
    const name = procedures.get(p.procedure_code.toUpperCase());
    parts.push(name ? `${p.procedure_code} ${name}` : p.procedure_code);
  }
  if (p.tooth) parts.push(`${text(language, 'tooth')} ${p.tooth}${p.surfaces ? ` ${p.surfaces}` : ''}`);
  if (p.method) parts.push(text(language, `methods.${p.method}`));
  if (p.tax_document_kind && p.tax_document_number) parts.push(`${text(language, `taxDocuments.${p.tax_document_kind}`)} ${p.tax_document_number}`);
  if (p.adjustment_type) parts.push(text(language, `adjustments.${p.adjustment_type}`));
  if (p.reason) parts.push(p.reason);
  return parts.join(' · ');
}

export async function procedureNames(db: Db, language: Language): Promise<Map<string, string>> {
  const rows = await db.selectFrom('procedures').select(['code', 'name_es', 'name_en']).execute();
  return new Map(rows.map((r) => [r.code.toUpperCase(), language === 'es' ? r.name_es : r.name_en]));
}

export interface ModelOptions {
  /** The practice's language, for holders without one. */
  practiceLanguage: Language;
  language?: Language | undefined;
  asOf: string;
  /** Drawing an archived statement again: the ledger as it stood then, from that statement's own start. */
  asArchived?: { previous: { issued_at: string; period_to: string } | null; issuedAt: string };
  procedures?: Map<string, string>;
  /** The account's aging and instalments when the caller has them already (a batch's selection). */
  summary?: AccountSummary | undefined;
  /** Only postings entered up to this instant (a batch: the ledger as its selection read it). */
  enteredUntil?: string | undefined;
}

export async function buildStatementModel(db: Db, guarantorId: string, options: ModelOptions): Promise<StatementModel> {
  const holder = (await accountHolders(db, [guarantorId])).get(guarantorId);
  if (!holder) throw new AppError('NOT_FOUND');
  const language: Language = options.language ?? (holder.language === 'en' || holder.language === 'es' ? holder.language : options.practiceLanguage);
  const { asOf } = options;
  const enteredUntil = options.asArchived?.issuedAt ?? options.enteredUntil;
  const last = options.asArchived ? options.asArchived.previous : await lastStatement(db, guarantorId);

  let query = db
    .selectFrom('ledger_postings as p')
    .innerJoin('patients as pt', 'pt.id', 'p.patient_id')
    .select([
      'p.id', 'p.patient_id', 'p.kind', 'p.amount_minor', 'p.service_date', 'p.entered_at', 'p.procedure_code', 'p.tooth', 'p.surfaces', 'p.method',
      'p.adjustment_type', 'p.reason', 'p.reverses_id', 'p.note', 'p.tax_document_kind', 'p.tax_document_number',
      'pt.given_names', 'pt.first_surname', 'pt.second_surname',
    ])
    .where('p.guarantor_id', '=', guarantorId)
    .where('p.service_date', '<=', asOf);
  if (enteredUntil) query = query.where('p.entered_at', '<=', enteredUntil);
  if (last) {
    const since = last.issued_at;
    const after = last.period_to;
    query = query.where((eb) => eb.or([eb('p.entered_at', '>', since), eb('p.service_date', '>', after)]));
  }
  const rows = await query.orderBy('p.service_date').orderBy('p.entered_at').orderBy('p.id').execute();
  const originals = new Map<string, PostingRow>(rows.map((r) => [r.id, r]));
  const missing = rows.filter((r) => r.reverses_id && !originals.has(r.reverses_id)).map((r) => r.reverses_id!);
  if (missing.length) {
    for (const o of await db.selectFrom('ledger_postings').selectAll().where('id', 'in', missing).execute()) originals.set(o.id, o);
  }
  const procedures = options.procedures ?? (await procedureNames(db, language));
  const lines = rows.map((r) => ({
    date: r.service_date,
    patient: displayName(r),
    description: describePosting(language, r, procedures, r.reverses_id ? originals.get(r.reverses_id) : undefined),
    amountMinor: r.amount_minor,
  }));
  const summary = options.summary ?? (await accountSummaries(db, asOf, { guarantorIds: [guarantorId], ...(enteredUntil ? { enteredUntil } : {}) })).get(guarantorId);
  const aging = summary?.aging ?? { current: 0, days31to60: 0, days61to90: 0, over90: 0, balance: 0, oldestUnpaidDate: null };
  const balance = aging.balance;
  const horizon = addDays(asOf, 30);
  return {
    guarantorId,
    holder: {
      name: displayName(holder),
      document: holder.document_type && holder.document_number ? `${holder.document_type} ${formatDocument(holder.document_type, holder.document_number)}` : null,
      address: addressLines(holder.address),
    },
    language,
    asOf,
    periodFrom: last?.issued_at ?? null,
    previousBalanceMinor: balance - lines.reduce((s, l) => s + l.amountMinor, 0),
    lines,
    balanceMinor: balance,
    aging,
    instalments: (summary?.instalments ?? []).filter((i) => i.dueDate <= horizon),
  };
}

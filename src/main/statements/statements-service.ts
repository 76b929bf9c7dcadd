import { createHash } from 'node:crypto';
import { zipSync } from 'fflate';
import { v7 as uuidv7 } from 'uuid';
import type { BatchCriteria, BatchProgress, StatementSummary } from '../../shared/contract/statements';
import { AppError } from '../../shared/contract/errors';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { daysBetween } from '../../shared/schedule/time';
import type { StatementsTable } from '../db/schema';
import { practiceClock } from '../chairside/chairside-common';
import type { AuditInput } from '../audit/audit-chain';
import { type Db, displayName, userNames } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';
import { type AccountSummary, accountHolders, accountSummaries } from './account-repository';
import { type PrintSetting, moneyFor, printContext, printSetting, slug } from './statement-print';
import { buildStatementModel, procedureNames, type StatementModel } from './statement-model';
import { renderStatementPdf, renderStatementsPdf } from './statement-pdf';

/*
 * Statements: made from the ledger, drawn as PDFs, archived as made (the
 * bytes and their sha256, in the encrypted database; the table refuses
 * changes), reopened byte for byte. A batch selects the accounts over an
 * amount or overdue and runs in chunks, one transaction per chunk, so a
 * cancel keeps every statement already made.
 */

const SUMMARY_COLUMNS = ['s.id', 's.guarantor_id', 's.issued_at', 's.issued_by', 's.batch_id', 's.period_from', 's.period_to', 's.balance_minor', 's.currency', 's.language', 's.sha256'] as const;

type SummaryRow = Omit<StatementsTable, 'pdf_base64'> & { given_names: string; first_surname: string; second_surname: string; bytes: number };

function toSummary(row: SummaryRow, users: Map<string, string>): StatementSummary {
  return {
    id: row.id,
    guarantorId: row.guarantor_id,
    guarantorName: displayName(row),
    issuedAt: row.issued_at,
    issuedBy: row.issued_by ? (users.get(row.issued_by) ?? null) : null,
    batchId: row.batch_id,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    balanceMinor: row.balance_minor,
    currency: row.currency,
    language: row.language === 'en' ? 'en' : 'es',
    sha256: row.sha256,
    bytes: row.bytes,
  };
}

async function summaries(db: Db, filter: { id?: string; guarantorId?: string; batchId?: string; limit: number }): Promise<StatementSummary[]> {
  let q = db
    .selectFrom('statements as s')
    .innerJoin('patients as p', 'p.id', 's.guarantor_id')
    .select([...SUMMARY_COLUMNS, 'p.given_names', 'p.first_surname', 'p.second_surname'])
    // base64 of n bytes is 4·ceil(n/3) characters, less its padding.
    .select((eb) => eb.fn<number>('length', ['s.pdf_base64']).as('b64length'))
    .select((eb) => eb.fn<string>('substr', ['s.pdf_base64', eb.val(-2)]).as('tail'));
  if (filter.id) q = q.where('s.id', '=', filter.id);
  if (filter.guarantorId) q = q.where('s.guarantor_id', '=', filter.guarantorId);
  if (filter.batchId) q = q.where('s.batch_id', '=', filter.batchId);
  const rows = await q.orderBy('s.issued_at', 'desc').orderBy('s.id', 'desc').limit(filter.limit).execute();
  const users = await userNames(db, rows.map((r) => r.issued_by).filter((x): x is string => !!x));
  return rows.map((r) => {
    const padding = r.tail.endsWith('==') ? 2 : r.tail.endsWith('=') ? 1 : 0;
    return toSummary({ ...r, bytes: (r.b64length / 4) * 3 - padding } as SummaryRow, users);
  });
}

function fileName(language: Language, holderName: { first_surname: string; given_names: string }, date: string): string {
  return `${translate(language, 'statements.pdf.fileName') ?? 'statement'}-${slug(holderName.first_surname)}-${slug(holderName.given_names.split(' ')[0] ?? '')}-${date}.pdf`;
}

interface Made {
  row: StatementsTable;
}

async function makeStatement(
  db: Db,
  setting: PrintSetting,
  guarantorId: string,
  options: { language?: Language | undefined; batchId: string | null; actor: Actor; procedures?: Map<Language, Map<string, string>>; summary?: AccountSummary | undefined; enteredUntil?: string },
): Promise<Made> {
  const now = new Date();
  const asOf = setting.clock.today;
  const model = await buildStatementModel(db, guarantorId, {
    practiceLanguage: setting.clock.language,
    language: options.language,
    asOf,
    summary: options.summary,
    enteredUntil: options.enteredUntil,
    ...(options.procedures ? { procedures: await cachedProcedures(db, options.procedures, options.language ?? setting.clock.language) } : {}),
  });
  const { pdf } = await renderStatementPdf(printContext(setting, model.language, now), model, moneyFor(setting, model.language));
  return {
    row: {
      id: uuidv7(),
      guarantor_id: guarantorId,
      issued_at: now.toISOString(),
      issued_by: options.actor.userId,
      batch_id: options.batchId,
      period_from: model.periodFrom,
      period_to: asOf,
      balance_minor: model.balanceMinor,
      currency: setting.clock.currency,
      language: model.language,
      pdf_base64: pdf.toString('base64'),
      sha256: createHash('sha256').update(pdf).digest('hex'),
    },
  };
}

async function cachedProcedures(db: Db, cache: Map<Language, Map<string, string>>, language: Language): Promise<Map<string, string>> {
  let found = cache.get(language);
  if (!found) cache.set(language, (found = await procedureNames(db, language)));
  return found;
}

async function archive(store: Store, actor: Actor, made: readonly Made[]): Promise<void> {
  await store.write(actor, async (tx) => {
    for (const { row } of made) {
      await tx.insert('statements', row);
      await tx.audit({ action: 'statements.issue', entity: 'patient', entityId: row.guarantor_id, details: { statementId: row.id, batchId: row.batch_id, sha256: row.sha256, balanceMinor: row.balance_minor } });
    }
  });
}

export async function issueStatement(store: Store, actor: Actor, input: { guarantorId: string; language?: Language | undefined }) {
  const db = store.db;
  const holder = (await accountHolders(db, [input.guarantorId])).get(input.guarantorId);
  if (!holder) throw new AppError('NOT_FOUND');
  const setting = await printSetting(db, actor);
  const made = await makeStatement(db, setting, input.guarantorId, { language: input.language, batchId: null, actor });
  await archive(store, actor, [made]);
  const [statement] = await summaries(db, { id: made.row.id, limit: 1 });
  return { statement: statement!, file: { fileName: fileName(statement!.language, holder, made.row.period_to), base64: made.row.pdf_base64, mime: 'application/pdf' } };
}

export async function listStatements(store: Store, actor: Actor, input: { guarantorId?: string | undefined; batchId?: string | undefined; limit: number }) {
  return store.readAudited(
    actor,
    { action: 'statements.list', entity: input.guarantorId ? 'patient' : 'statements', entityId: input.guarantorId ?? input.batchId ?? null, ...(input.batchId ? { details: { batchId: input.batchId } } : {}) },
    (db) => summaries(db, input),
  );
}

export async function openStatement(store: Store, actor: Actor, statementId: string) {
  const row = await store.db.selectFrom('statements').selectAll().where('id', '=', statementId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return store.readAudited(actor, { action: 'statements.open', entity: 'patient', entityId: row.guarantor_id, details: { statementId: row.id, sha256: row.sha256 } }, async (db) => {
    const [statement] = await summaries(db, { id: row.id, limit: 1 });
    const holder = (await accountHolders(db, [row.guarantor_id])).get(row.guarantor_id)!;
    return { statement: statement!, file: { fileName: fileName(statement!.language, holder, row.period_to), base64: row.pdf_base64, mime: 'application/pdf' } };
  });
}

/* ------------------------------------------------------------------ batches */

/** The accounts a batch with these criteria includes: something owed, and over the amount or overdue. */
export function selectAccounts(accounts: Iterable<AccountSummary>, criteria: BatchCriteria, today: string): AccountSummary[] {
  const out: AccountSummary[] = [];
  for (const a of accounts) {
    if (a.aging.balance <= 0) continue;
    const over = criteria.minBalanceMinor !== null && a.aging.balance > criteria.minBalanceMinor;
    const old = criteria.overdueDays !== null && a.aging.oldestUnpaidDate !== null && daysBetween(a.aging.oldestUnpaidDate, today) > criteria.overdueDays;
    const instalment = criteria.overdueInstalments && a.overdueInstalments > 0;
    if (over || old || instalment) out.push(a);
  }
  return out;
}

async function selection(db: Db, criteria: BatchCriteria) {
  const setting = await practiceToday(db);
  const accounts = await accountSummaries(db, setting.today);
  const chosen = selectAccounts(accounts.values(), criteria, setting.today);
  const holders = await accountHolders(db, chosen.map((a) => a.guarantorId));
  // Alphabetical, as the envelopes are stuffed.
  return { ...setting, chosen: chosen.filter((a) => holders.has(a.guarantorId)).sort((a, b) => (holders.get(a.guarantorId)!.sort_name < holders.get(b.guarantorId)!.sort_name ? -1 : 1)) };
}

async function practiceToday(db: Db) {
  const clock = await practiceClock(db);
  return { today: clock.today, currency: clock.currency };
}

export async function previewBatch(store: Store, actor: Actor, criteria: BatchCriteria) {
  return store.readAudited(actor, { action: 'statements.batch.preview', entity: 'statements', entityId: null, details: { criteria } }, async (db) => {
    const { chosen, currency } = await selection(db, criteria);
    return { count: chosen.length, balanceMinor: chosen.reduce((s, a) => s + a.aging.balance, 0), currency };
  });
}

/** An audit entry on its own (a batch started, cancelled, ended). */
function auditOnly(store: Store, actor: Actor, entry: Omit<AuditInput, 'userId'>): Promise<void> {
  return store.write(actor, async (tx) => tx.audit(entry));
}

export type BatchNotifier = (connectionId: string, progress: BatchProgress) => void;

interface RunningBatch {
  progress: BatchProgress;
  cancel: boolean;
  finished: Promise<void>;
}

/** How many statements are made between two commits (and two progress pushes). */
export const BATCH_CHUNK = 10;

/** The batches this process is running or ran; what a batch made is in the archive either way. */
export class StatementBatches {
  private readonly batches = new Map<string, RunningBatch>();

  constructor(private readonly notify: BatchNotifier = () => {}) {}

  async start(store: Store, actor: Actor, connectionId: string, input: { criteria: BatchCriteria; language?: Language | undefined }): Promise<BatchProgress> {
    const db = store.db;
    const readAt = new Date().toISOString();
    const { chosen } = await selection(db, input.criteria);
    const batchId = uuidv7();
    const progress: BatchProgress = { batchId, state: chosen.length ? 'running' : 'done', total: chosen.length, done: 0 };
    const batch: RunningBatch = { progress, cancel: false, finished: Promise.resolve() };
    this.batches.set(batchId, batch);
    await auditOnly(store, actor, { action: 'statements.batch.start', entity: 'statements', entityId: batchId, details: { criteria: input.criteria, total: chosen.length } });
    if (chosen.length) batch.finished = this.run(store, actor, connectionId, batch, chosen, input.language, readAt);
    return { ...progress };
  }

  private async run(store: Store, actor: Actor, connectionId: string, batch: RunningBatch, accounts: AccountSummary[], language: Language | undefined, readAt: string): Promise<void> {
    const push = () => this.notify(connectionId, { ...batch.progress });
    try {
      const setting = await printSetting(store.db, actor);
      const procedures = new Map<Language, Map<string, string>>();
      for (let i = 0; i < accounts.length && !batch.cancel; i += BATCH_CHUNK) {
        const made: Made[] = [];
        for (const account of accounts.slice(i, i + BATCH_CHUNK)) {
          if (batch.cancel) break;
          // The aging the selection computed is the statement's (same day, same ledger unless a posting lands mid-batch).
          made.push(await makeStatement(store.db, setting, account.guarantorId, { language, batchId: batch.progress.batchId, actor, procedures, summary: account, enteredUntil: readAt }));
        }
        if (made.length) await archive(store, actor, made);
        batch.progress.done += made.length;
        if (!batch.cancel) push();
        // Lets other calls (and the cancel) in between chunks.
        await new Promise((resolve) => setImmediate(resolve));
      }
      batch.progress.state = batch.cancel && batch.progress.done < batch.progress.total ? 'cancelled' : 'done';
    } catch (error) {
      batch.progress.state = 'failed';
      console.error('statements: batch failed', (error as Error).message);
    }
    await auditOnly(store, actor, { action: `statements.batch.${batch.progress.state}`, entity: 'statements', entityId: batch.progress.batchId, details: { done: batch.progress.done, total: batch.progress.total } }).catch(() => {});
    push();
  }

  status(batchId: string): BatchProgress {
    const batch = this.batches.get(batchId);
    if (!batch) throw new AppError('NOT_FOUND');
    return { ...batch.progress };
  }

  /** Asks a running batch to stop; resolves once it has (the statement in hand is finished and archived). */
  async cancel(store: Store, actor: Actor, batchId: string): Promise<BatchProgress> {
    const batch = this.batches.get(batchId);
    if (!batch) throw new AppError('NOT_FOUND');
    if (batch.progress.state === 'running') {
      batch.cancel = true;
      await auditOnly(store, actor, { action: 'statements.batch.cancel', entity: 'statements', entityId: batchId, details: { done: batch.progress.done } });
    }
    await batch.finished;
    return { ...batch.progress };
  }

  /** For tests and the bench: waits for a batch to end. */
  async settled(batchId: string): Promise<BatchProgress> {
    const batch = this.batches.get(batchId);
    if (!batch) throw new AppError('NOT_FOUND');
    await batch.finished;
    return { ...batch.progress };
  }
}

export async function listBatches(store: Store, actor: Actor, limit: number) {
  return store.readAudited(actor, { action: 'statements.batch.list', entity: 'statements', entityId: null }, async (db) => {
    const rows = await db
      .selectFrom('statements')
      .select(['batch_id', 'currency'])
      .select((eb) => [eb.fn.min('issued_at').as('issuedAt'), eb.fn.countAll<number>().as('count'), eb.fn.sum<number>('balance_minor').as('balance')])
      .where('batch_id', 'is not', null)
      .groupBy(['batch_id', 'currency'])
      .orderBy('issuedAt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ batchId: r.batch_id!, issuedAt: r.issuedAt as string, count: Number(r.count), balanceMinor: Number(r.balance), currency: r.currency }));
  });
}

export async function exportBatch(store: Store, actor: Actor, input: { batchId: string; format: 'zip' | 'pdf'; language?: Language | undefined }) {
  const db = store.db;
  const rows = await db.selectFrom('statements').selectAll().where('batch_id', '=', input.batchId).orderBy('issued_at').orderBy('id').execute();
  if (rows.length === 0) throw new AppError('NOT_FOUND');
  const setting = await printSetting(db, actor);
  const language = input.language ?? setting.clock.language;
  const holders = await accountHolders(db, rows.map((r) => r.guarantor_id));
  const date = rows[0]!.period_to;
  const base = `${translate(language, 'statements.pdf.batchFileName') ?? 'statements'}-${date}`;
  return store.readAudited(actor, { action: 'statements.batch.export', entity: 'statements', entityId: input.batchId, details: { format: input.format, count: rows.length } }, async () => {
    if (input.format === 'zip') {
      const files: Record<string, Uint8Array> = {};
      for (const r of rows) {
        const holder = holders.get(r.guarantor_id)!;
        let name = fileName(r.language === 'en' ? 'en' : 'es', holder, r.period_to);
        if (files[name]) name = name.replace(/\.pdf$/, `-${r.id.slice(-6)}.pdf`);
        // The archived bytes, as made; PDFs are compressed already.
        files[name] = new Uint8Array(Buffer.from(r.pdf_base64, 'base64'));
      }
      const zip = zipSync(files, { level: 0 });
      return { fileName: `${base}.zip`, base64: Buffer.from(zip).toString('base64'), mime: 'application/zip' };
    }
    // One PDF: each statement drawn again from the ledger as it stood when it was made.
    const previous = await Promise.all(
      rows.map((r) =>
        r.period_from
          ? db.selectFrom('statements').select(['issued_at', 'period_to']).where('guarantor_id', '=', r.guarantor_id).where('issued_at', '=', r.period_from).executeTakeFirst()
          : Promise.resolve(undefined),
      ),
    );
    const models: StatementModel[] = [];
    for (const [i, r] of rows.entries()) {
      models.push(
        await buildStatementModel(db, r.guarantor_id, {
          practiceLanguage: setting.clock.language,
          language: r.language === 'en' ? 'en' : 'es',
          asOf: r.period_to,
          asArchived: { previous: previous[i] ?? null, issuedAt: r.issued_at },
        }),
      );
    }
    const { pdf } = await renderStatementsPdf(printContext(setting, language), models, moneyFor(setting, language));
    return { fileName: `${base}.pdf`, base64: pdf.toString('base64'), mime: 'application/pdf' };
  });
}

import type { ProcedureInfo } from '../../../shared/chart/actions';
import type { AreaKind, ToothState } from '../../../shared/chart/findings';
import type { ProcedureOut } from '../../../shared/contract/chairside';
import { type Procedure, type ProcedureCategory, type ToothScope, STARTER_CATALOG, mergeCatalog, procedureLookup } from '../../../shared/procedures/catalog';
import { type CsvError, parseProcedureCsv, splitCsv } from '../../../shared/procedures/csv';
import type { ProceduresTable } from '../../db/schema';
import type { Db } from '../../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../../store/store';
import { practiceClock, validation } from '../chairside-common';
import { findProcedureRow, listProcedureRows, procedureId } from './catalog-repository';
import { currencyMinorDigits } from '../../../shared/practice/money';

/*
 * The practice-editable catalog. It starts as the generic starter catalog
 * (ours, in Spanish and English, no licensed CDT descriptors) copied into the
 * practice's database the first time chairside data is used, so that what a
 * practice sees never changes under it when the app is updated. Codes are
 * never deleted: a chart recorded with a code keeps its meaning.
 *
 * Fees are integers in the minor units of the practice's currency (CLP has
 * none): a CSV fee of "12.000" in a Chilean list is 12000.
 */


export function toProcedureOut(row: ProceduresTable): ProcedureOut {
  return {
    id: row.id,
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    kind: row.kind === 'condition' ? 'condition' : 'procedure',
    category: row.category as ProcedureCategory,
    area: row.area as AreaKind,
    surfacesRequired: row.surfaces_required === 1,
    surfaceCount: row.surface_count,
    teeth: row.teeth as ToothScope | null,
    resultsIn: row.results_in as ToothState | null,
    feeMinor: row.fee_minor,
    active: row.active === 1,
    sortOrder: row.sort_order,
  };
}

/** The shared model's view of a row (fee back in major units, as the CSV writes it). */
function toProcedure(row: ProceduresTable, digits: number): Procedure {
  return {
    code: row.code,
    name: { es: row.name_es, en: row.name_en },
    kind: row.kind === 'condition' ? 'condition' : 'procedure',
    category: row.category as ProcedureCategory,
    area: row.area as AreaKind,
    surfacesRequired: row.surfaces_required === 1,
    ...(row.surface_count !== null ? { surfaceCount: row.surface_count } : {}),
    ...(row.teeth !== null ? { teeth: row.teeth as ToothScope } : {}),
    resultsIn: row.results_in as ToothState | null,
    fee: row.fee_minor === null ? null : row.fee_minor / 10 ** digits,
  };
}

function toRow(p: Procedure, feeMinor: number | null, active: boolean, sortOrder: number, now: string, createdAt = now): ProceduresTable {
  return {
    id: procedureId(p.code),
    code: p.code,
    name_es: p.name.es,
    name_en: p.name.en,
    kind: p.kind,
    category: p.category,
    area: p.area,
    surfaces_required: p.surfacesRequired ? 1 : 0,
    surface_count: p.surfaceCount ?? null,
    teeth: p.teeth ?? null,
    results_in: p.resultsIn,
    fee_minor: feeMinor,
    active: active ? 1 : 0,
    sort_order: sortOrder,
    created_at: createdAt,
    updated_at: now,
  };
}

/** The starter catalog's rows, in its order. */
export function starterRows(now: string): ProceduresTable[] {
  return STARTER_CATALOG.map((p, i) => toRow(p, null, true, (i + 1) * 10, now));
}

/** Writes only the columns that differ, so a concurrent edit of another field survives sync. */
async function upsertRow(tx: WriteTx, row: ProceduresTable, existing: ProceduresTable | undefined): Promise<'created' | 'updated' | 'same'> {
  if (!existing) {
    await tx.insert('procedures', row);
    return 'created';
  }
  const changed: Partial<ProceduresTable> = {};
  for (const key of Object.keys(row) as (keyof ProceduresTable)[]) {
    if (key === 'id' || key === 'created_at' || key === 'updated_at') continue;
    if (existing[key] !== row[key]) (changed as Record<string, unknown>)[key] = row[key];
  }
  if (Object.keys(changed).length === 0) return 'same';
  await tx.update('procedures', existing.id, { ...changed, updated_at: row.updated_at });
  return 'updated';
}

export interface LoadedCatalog {
  rows: ProceduresTable[];
  /** Every code, inactive ones too: changing or completing an old finding still needs its rules. */
  all: (code: string) => ProcedureInfo | undefined;
  /** Active codes only: what a new finding may use. */
  active: (code: string) => ProcedureInfo | undefined;
}

export async function loadCatalog(db: Db): Promise<LoadedCatalog> {
  const rows = await listProcedureRows(db);
  const asProcedures = (list: ProceduresTable[]) => list.map((r) => toProcedure(r, 0));
  return { rows, all: procedureLookup(asProcedures(rows)), active: procedureLookup(asProcedures(rows.filter((r) => r.active === 1))) };
}

export interface ProcedureInput {
  code: string;
  name: { es: string; en: string };
  kind: 'procedure' | 'condition';
  category: ProcedureCategory;
  area: AreaKind;
  surfacesRequired: boolean;
  surfaceCount: number | null;
  teeth: ToothScope | null;
  resultsIn: ToothState | null;
  feeMinor: number | null;
  active: boolean;
}

export async function upsertProcedure(store: Store, actor: Actor, input: ProcedureInput): Promise<ProcedureOut> {
  return store.write(actor, async (tx) => {
    const existing = await findProcedureRow(tx.db, input.code);
    const now = new Date().toISOString();
    const nextOrder = existing?.sort_order ?? (await nextSortOrder(tx.db));
    const row = toRow(
      {
        // A changed code keeps the stored spelling's identity; the case typed now is what shows.
        code: input.code,
        name: input.name,
        kind: input.kind,
        category: input.category,
        area: input.area,
        surfacesRequired: input.surfacesRequired,
        ...(input.surfaceCount !== null ? { surfaceCount: input.surfaceCount } : {}),
        ...(input.teeth !== null ? { teeth: input.teeth } : {}),
        resultsIn: input.resultsIn,
        fee: null,
      },
      input.feeMinor,
      input.active,
      nextOrder,
      now,
      existing?.created_at ?? now,
    );
    const result = await upsertRow(tx, row, existing);
    await tx.audit({ action: 'chart.procedures.upsert', entity: 'procedure', entityId: row.id, details: { code: row.code, result } });
    return toProcedureOut({ ...(existing ?? row), ...row, created_at: existing?.created_at ?? now });
  });
}

async function nextSortOrder(db: Db): Promise<number> {
  const row = await db.selectFrom('procedures').select((eb) => eb.fn.max('sort_order').as('max')).executeTakeFirst();
  return (Number(row?.max ?? 0) || 0) + 10;
}

export async function deactivateProcedure(store: Store, actor: Actor, code: string): Promise<ProcedureOut> {
  return store.write(actor, async (tx) => {
    const existing = await findProcedureRow(tx.db, code);
    if (!existing) throw validation('code', 'validation.procedureCode');
    const now = new Date().toISOString();
    if (existing.active === 1) await tx.update('procedures', existing.id, { active: 0, updated_at: now });
    await tx.audit({ action: 'chart.procedures.deactivate', entity: 'procedure', entityId: existing.id, details: { code: existing.code } });
    return toProcedureOut({ ...existing, active: 0, updated_at: existing.active === 1 ? now : existing.updated_at });
  });
}

export interface ImportReport {
  created: number;
  updated: number;
  errors: CsvError[];
  dryRun: boolean;
}

/**
 * Imports a practice's list (procedures/csv.ts). Good rows are merged into the catalog by the shared rule
 * (mergeCatalog: an imported code replaces ours, keeping what the CSV cannot carry); bad rows are reported
 * by line and column. A dry run reports what would happen and writes nothing.
 */
export async function importProcedureCsv(store: Store, actor: Actor, text: string, decimal: '.' | ',' | undefined, dryRun: boolean): Promise<ImportReport> {
  const { currency } = await practiceClock(store.db);
  const digits = currencyMinorDigits(currency);
  const parsed = parseProcedureCsv(text, decimal ? { decimal } : {});
  const errors = [...parsed.errors];
  const usable: Procedure[] = [];
  let lines: Map<string, number> | null = null;
  for (const p of parsed.procedures) {
    if (p.fee !== null && Math.abs(p.fee * 10 ** digits - Math.round(p.fee * 10 ** digits)) > 1e-6) {
      // More decimals than the currency has (a CLP price with cents): reported, not rounded silently.
      lines ??= codeLines(text);
      errors.push({ line: lines.get(p.code.toUpperCase()) ?? 1, column: 'fee', error: 'fee_invalid', value: String(p.fee) });
      continue;
    }
    usable.push(p);
  }
  errors.sort((a, b) => a.line - b.line);
  const work = async (tx: WriteTx | null, db: Db) => {
    const existing = await listProcedureRows(db);
    const byCode = new Map(existing.map((r) => [r.id, r]));
    const merged = mergeCatalog(
      existing.map((r) => toProcedure(r, digits)),
      usable,
    );
    const wanted = new Set(usable.map((p) => procedureId(p.code)));
    let order = Math.max(0, ...existing.map((r) => r.sort_order));
    const now = new Date().toISOString();
    let created = 0;
    let updated = 0;
    for (const p of merged) {
      const id = procedureId(p.code);
      if (!wanted.has(id)) continue;
      const old = byCode.get(id);
      const feeMinor = p.fee === null ? null : Math.round(p.fee * 10 ** digits);
      const row = toRow(p, feeMinor, true, old?.sort_order ?? (order += 10), now, old?.created_at ?? now);
      const result = tx ? await upsertRow(tx, row, old) : old ? 'updated' : 'created';
      if (result === 'created') created++;
      else if (result === 'updated') updated++;
    }
    return { created, updated };
  };
  if (dryRun) return { ...(await work(null, store.db)), errors, dryRun };
  return store.write(actor, async (tx) => {
    const counts = await work(tx, tx.db);
    await tx.audit({ action: 'chart.procedures.importCsv', entity: 'procedure', details: { ...counts, errors: errors.length } });
    return { ...counts, errors, dryRun };
  });
}

/** The line of the file each code is on (for reporting a fee the currency cannot hold). */
function codeLines(text: string): Map<string, number> {
  const clean = text.replace(/^\uFEFF/, '');
  const first = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', ',', '\t'].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const [header, ...rows] = splitCsv(clean, delimiter);
  const index = header?.fields.findIndex((f) => f.trim().toLowerCase() === 'code') ?? -1;
  return new Map(rows.map((r) => [(r.fields[index] ?? '').trim().toUpperCase(), r.line]));
}

export async function listProcedures(db: Db, includeInactive: boolean): Promise<ProcedureOut[]> {
  const rows = await listProcedureRows(db);
  return rows.filter((r) => includeInactive || r.active === 1).map(toProcedureOut);
}

import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { ErasurePlan, LedgerTotals, Requester } from '../../shared/contract/data-rights';
import { fold, digitsOf } from '../../shared/text/fold';
import { replaceObservedValues, type RowClocks } from '../../shared/sync/apply-rules';
import type { PatientsTable, SyncedTable } from '../db/schema';
import { type PatientScope, patientScope, practiceClock } from '../chairside/chairside-common';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';
import { queueRedaction } from '../sync/redactions';
import { addYears, lastAttention, readDataRightsSettings } from './retention';

/*
 * Erasure on request, within the legal retention.
 *
 * Within retention (today before last attention + N years) nothing is
 * changed: the refusal, with the date until which the record must be kept,
 * is recorded in data_requests and audited.
 *
 * After it, the patient is anonymised rather than deleted, through the write
 * path so every workstation gets the same change:
 * - identity and contact go from every record of the merge tree (names,
 *   document, birth date, phones, email, address, emergency contact,
 *   guarantor, coverage, referral, free-text notes), and the record is
 *   tombstoned, so it leaves searches and lists;
 * - the photo's bytes are blanked and the photo tombstoned; appointment and
 *   waitlist notes are emptied; unsigned draft notes are discarded;
 * - the ledger's postings stay (they are facts, and the accounts must still
 *   add up), shown as totals only;
 * - the append-only clinical facts (chart events, exams, signed notes and
 *   addenda, medical history versions, status history) stay as they are. The
 *   database refuses to change them, every replica and the hub hold them as
 *   facts, and disabling those guards would also disable what makes the
 *   record trustworthy. Once the patient row is anonymised they are linked
 *   to no one: they name the patient only by an opaque id. A kept free text
 *   might still mention the patient by name: the plan counts such mentions
 *   so the admin sees them before confirming.
 * A merge's record of the values it moved (kept for undo) loses the patient
 * fields. The audit chain is never touched. This workstation's pending outbox entries
 * for the anonymised rows are rewritten with the anonymised values, so the
 * old values are not pushed after the fact.
 */

const MUTABLE_SCRUBBED: SyncedTable[] = ['patients', 'patient_photos', 'appointments', 'waitlist', 'clinical_notes', 'patient_merges'];

function anonymousFields(row: PatientsTable, now: string): Partial<PatientsTable> {
  const code = row.id.replace(/-/g, '').slice(-8).toUpperCase();
  return {
    given_names: 'Anon',
    first_surname: code,
    second_surname: '',
    preferred_name: null,
    document_type: null,
    document_number: null,
    birth_date: null,
    phones: '[]',
    email: null,
    address: null,
    emergency_contact: null,
    guarantor: JSON.stringify({ kind: 'self' }),
    guarantor_patient_id: null,
    coverage: JSON.stringify({ kind: 'none' }),
    referral_source: '',
    notes: '',
    sort_name: `${code.toLowerCase()} anon`,
    updated_at: now,
    deleted_at: row.deleted_at ?? now,
  };
}

async function countWhere(db: Db, table: string, ids: readonly string[], extra = sql``): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE patient_id IN (${sql.join(ids)}) ${extra}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

export async function ledgerTotals(db: Db, ids: readonly string[]): Promise<LedgerTotals[]> {
  const rows = await db
    .selectFrom('ledger_postings')
    .select((eb) => [
      'currency',
      eb.fn.count<number>('id').as('postings'),
      eb.fn.sum<number>(eb.case().when('kind', 'in', ['charge', 'refund']).then(eb.ref('amount_minor')).else(0).end()).as('charges'),
      eb.fn.sum<number>(eb.case().when('kind', 'in', ['payment', 'credit']).then(eb.ref('amount_minor')).else(0).end()).as('payments'),
      eb.fn.sum<number>(eb.case().when('kind', 'in', ['adjustment', 'reversal']).then(eb.ref('amount_minor')).else(0).end()).as('adjustments'),
      eb.fn.sum<number>('amount_minor').as('balance'),
    ])
    .where('patient_id', 'in', ids)
    .groupBy('currency')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({
    currency: r.currency,
    postings: Number(r.postings),
    charges: Number(r.charges ?? 0),
    payments: Number(r.payments ?? 0),
    adjustments: Number(r.adjustments ?? 0),
    balance: Number(r.balance ?? 0),
  }));
}

/** Kept free texts that mention the patient's surname (4+ letters) or document number. */
async function mentions(db: Db, rows: readonly PatientsTable[], ids: readonly string[]): Promise<number> {
  const needles = new Set<string>();
  for (const row of rows) {
    for (const surname of [row.first_surname, row.second_surname]) if (fold(surname).length >= 4) needles.add(fold(surname));
    if (row.document_number && digitsOf(row.document_number).length >= 6) needles.add(digitsOf(row.document_number));
  }
  if (needles.size === 0) return 0;
  const texts = await sql<{ t: string | null }>`
    SELECT item || ' ' || coalesce(reason, '') AS t FROM chart_events WHERE patient_id IN (${sql.join(ids)})
    UNION ALL SELECT content FROM clinical_note_versions WHERE patient_id IN (${sql.join(ids)})
    UNION ALL SELECT text FROM clinical_note_addenda WHERE patient_id IN (${sql.join(ids)})
    UNION ALL SELECT allergies || ' ' || medications || ' ' || conditions || ' ' || notes FROM patient_medical_history WHERE patient_id IN (${sql.join(ids)})
    UNION ALL SELECT note FROM appointment_status_history WHERE appointment_id IN (SELECT id FROM appointments WHERE patient_id IN (${sql.join(ids)}))
  `.execute(db);
  let n = 0;
  for (const { t } of texts.rows) {
    if (!t) continue;
    const folded = fold(t);
    const digits = digitsOf(t);
    if ([...needles].some((needle) => (/^\d+$/.test(needle) ? digits.includes(needle) : folded.includes(needle)))) n++;
  }
  return n;
}

async function treeRows(db: Db, scope: PatientScope): Promise<PatientsTable[]> {
  return db.selectFrom('patients').selectAll().where('id', 'in', scope.ids).execute();
}

export async function erasurePlan(db: Db, scope: PatientScope): Promise<ErasurePlan> {
  const clock = await practiceClock(db);
  const settings = await readDataRightsSettings(db, clock.country);
  const ids = scope.ids;
  const rows = await treeRows(db, scope);
  const last = await lastAttention(db, ids, clock.timeZone);
  const retainUntil = last ? addYears(last, settings.retentionYears) : null;
  const allowed = retainUntil === null || clock.today >= retainUntil;
  const withText = (column: string) => sql`AND ${sql.ref(column)} <> ''`;
  const [photos, apptNotes, waitNotes, drafts, chart, perio, history, signed, requests, mention, ledger] = await Promise.all([
    countWhere(db, 'patient_photos', ids, sql`AND deleted_at IS NULL`),
    countWhere(db, 'appointments', ids, withText('notes')),
    countWhere(db, 'waitlist', ids, withText('notes')),
    countWhere(db, 'clinical_notes', ids, sql`AND status <> 'signed' AND deleted_at IS NULL`),
    countWhere(db, 'chart_events', ids),
    countWhere(db, 'perio_exams', ids, sql`AND deleted_at IS NULL`),
    countWhere(db, 'patient_medical_history', ids),
    countWhere(db, 'clinical_notes', ids, sql`AND status = 'signed'`),
    countWhere(db, 'data_requests', ids),
    mentions(db, rows, ids),
    ledgerTotals(db, ids),
  ]);
  const freeText = rows.filter((r) => r.notes !== '' || r.referral_source !== '').length;
  const contact = rows.filter((r) => r.phones !== '[]' || r.email || r.address || r.emergency_contact).length;
  return {
    patientId: scope.patient.id,
    allowed,
    retentionYears: settings.retentionYears,
    lastAttention: last,
    retainUntil,
    removes: [
      { item: 'identity', count: rows.length },
      { item: 'contact', count: contact },
      { item: 'photo', count: photos },
      { item: 'freeText', count: freeText },
      { item: 'appointmentNotes', count: apptNotes + waitNotes },
      { item: 'draftNotes', count: drafts },
    ],
    keeps: [
      { item: 'clinicalFacts', count: chart + perio + history },
      { item: 'signedNotes', count: signed },
      { item: 'ledger', count: ledger.reduce((n, l) => n + l.postings, 0) },
      { item: 'requests', count: requests },
    ],
    mentions: mention,
    ledger,
    mergedRecords: ids.length - 1,
  };
}

export async function recordRequest(
  tx: WriteTx,
  actor: Actor,
  input: { patientId: string; kind: 'access' | 'erasure'; requestedBy: Requester; decision: 'fulfilled' | 'refused' | 'anonymised'; format?: 'fhir' | 'pdf'; plan?: ErasurePlan; details?: Record<string, unknown> },
): Promise<string> {
  const id = uuidv7();
  await tx.insert('data_requests', {
    id,
    patient_id: input.patientId,
    kind: input.kind,
    requested_by: input.requestedBy,
    requested_at: new Date().toISOString(),
    recorded_by: actor.userId,
    decision: input.decision,
    format: input.format ?? null,
    last_attention: input.plan?.lastAttention ?? null,
    retain_until: input.plan?.retainUntil ?? null,
    retention_years: input.plan?.retentionYears ?? null,
    details: JSON.stringify(input.details ?? {}),
  });
  return id;
}

/** Rewrites this workstation's not-yet-acknowledged outbox entries of a row with the scrubbed values. */
async function scrubOutbox(tx: WriteTx, table: SyncedTable, rowId: string, fields: Record<string, unknown>): Promise<void> {
  const pending = await tx.db.selectFrom('sync_outbox').select(['change_id', 'fields']).where('table_name', '=', table).where('row_id', '=', rowId).execute();
  for (const entry of pending) {
    const stored = JSON.parse(entry.fields) as Record<string, unknown>;
    let changed = false;
    for (const key of Object.keys(fields)) {
      if (key in stored && stored[key] !== fields[key]) {
        stored[key] = fields[key];
        changed = true;
      }
    }
    if (changed) await tx.db.updateTable('sync_outbox').set({ fields: JSON.stringify(stored) }).where('change_id', '=', entry.change_id).execute();
  }
}

/** Every mutable row of the patient whose history at the hub may hold identity: each is resealed there, changed or not. */
async function redactedRows(db: Db, ids: readonly string[]): Promise<{ table: string; rowId: string }[]> {
  const rows: { table: string; rowId: string }[] = ids.map((id) => ({ table: 'patients', rowId: id }));
  for (const table of ['patient_photos', 'appointments', 'waitlist', 'clinical_notes'] as const) {
    for (const r of await db.selectFrom(table).select('id').where('patient_id', 'in', ids).execute()) rows.push({ table, rowId: r.id });
  }
  const merges = await db.selectFrom('patient_merges').select('id').where((eb) => eb.or([eb('survivor_id', 'in', ids), eb('duplicate_id', 'in', ids)])).execute();
  for (const m of merges) rows.push({ table: 'patient_merges', rowId: m.id });
  for (const c of await db.selectFrom('sync_conflicts').select(['id', 'row_id', 'table_name']).execute()) {
    if (MUTABLE_SCRUBBED.includes(c.table_name as SyncedTable) && ids.includes(c.row_id)) rows.push({ table: 'sync_conflicts', rowId: c.id });
  }
  return rows;
}

/** Sync keeps aside what the office's log held for a row this workstation edited (for conflicts): that copy is scrubbed too. */
async function scrubObserved(tx: WriteTx, table: SyncedTable, rowId: string, fields: Record<string, unknown>): Promise<void> {
  const row = await tx.db.selectFrom('sync_row_clocks').select('clocks').where('table_name', '=', table).where('row_id', '=', rowId).executeTakeFirst();
  if (!row) return;
  const clocks = JSON.parse(row.clocks) as RowClocks;
  if (!replaceObservedValues(clocks, fields)) return;
  await tx.db.updateTable('sync_row_clocks').set({ clocks: JSON.stringify(clocks) }).where('table_name', '=', table).where('row_id', '=', rowId).execute();
}

async function scrub(tx: WriteTx, table: SyncedTable, rowId: string, fields: Record<string, unknown>): Promise<void> {
  await tx.update(table, rowId, fields as never);
  await scrubOutbox(tx, table, rowId, fields);
  await scrubObserved(tx, table, rowId, fields);
}

export async function erasePatient(store: Store, actor: Actor, patientId: string, requestedBy: Requester): Promise<{ requestId: string; decision: 'refused' | 'anonymised'; plan: ErasurePlan }> {
  const scope = await patientScope(store.db, patientId);
  return store.write(actor, async (tx) => {
    const plan = await erasurePlan(tx.db, scope);
    const counts = Object.fromEntries([...plan.removes, ...plan.keeps].map((i) => [i.item, i.count]));
    if (!plan.allowed) {
      const requestId = await recordRequest(tx, actor, { patientId: scope.patient.id, kind: 'erasure', requestedBy, decision: 'refused', plan });
      await tx.audit({ action: 'privacy.erase.refused', entity: 'patient', entityId: scope.patient.id, details: { requestId, retainUntil: plan.retainUntil, retentionYears: plan.retentionYears } });
      return { requestId, decision: 'refused' as const, plan };
    }
    const now = new Date().toISOString();
    for (const row of await treeRows(tx.db, scope)) await scrub(tx, 'patients', row.id, anonymousFields(row, now));
    const ids = scope.ids;
    // A merge keeps the values it moved (for undo); for these records they are names and phones.
    const merges = await tx.db.selectFrom('patient_merges').select(['id', 'moved']).where((eb) => eb.or([eb('survivor_id', 'in', ids), eb('duplicate_id', 'in', ids)])).execute();
    for (const merge of merges) {
      const moved = JSON.parse(merge.moved) as { table: string; before?: unknown; after?: unknown }[];
      const redacted = moved.map((m) => (m.table === 'patients' ? { ...m, before: null, after: null } : m));
      await scrub(tx, 'patient_merges', merge.id, { moved: JSON.stringify(redacted) });
    }
    for (const photo of await tx.db.selectFrom('patient_photos').select(['id', 'deleted_at']).where('patient_id', 'in', ids).execute()) {
      await scrub(tx, 'patient_photos', photo.id, { data: '', updated_at: now, deleted_at: photo.deleted_at ?? now });
    }
    for (const a of await tx.db.selectFrom('appointments').select('id').where('patient_id', 'in', ids).where('notes', '<>', '').execute()) {
      await scrub(tx, 'appointments', a.id, { notes: '', updated_at: now });
    }
    for (const w of await tx.db.selectFrom('waitlist').select(['id', 'deleted_at']).where('patient_id', 'in', ids).execute()) {
      await scrub(tx, 'waitlist', w.id, { notes: '', updated_at: now, deleted_at: w.deleted_at ?? now });
    }
    for (const n of await tx.db.selectFrom('clinical_notes').select('id').where('patient_id', 'in', ids).where('status', '<>', 'signed').where('deleted_at', 'is', null).execute()) {
      await scrub(tx, 'clinical_notes', n.id, { title: '', updated_at: now, deleted_at: now });
    }
    // A field conflict keeps the losing value; for these rows it may be a name or a phone.
    const rowIds = (await tx.db.selectFrom('sync_conflicts').select(['id', 'row_id', 'table_name']).where('lost_value', 'is not', null).execute()).filter(
      (c) => MUTABLE_SCRUBBED.includes(c.table_name as SyncedTable) && ids.includes(c.row_id),
    );
    for (const c of rowIds) await tx.update('sync_conflicts', c.id, { lost_value: null, updated_at: now });
    // The hub's log still holds these rows' older values: the sync client reseals them once this has been pushed.
    await queueRedaction(tx, actor.userId ?? '', await redactedRows(tx.db, ids));
    // The search index's own copy: the triggers replaced the row; optimize drops the old segments.
    await sql`INSERT INTO patient_search(patient_search) VALUES ('optimize')`.execute(tx.db);
    const requestId = await recordRequest(tx, actor, { patientId: scope.patient.id, kind: 'erasure', requestedBy, decision: 'anonymised', plan, details: counts });
    await tx.audit({ action: 'privacy.erase', entity: 'patient', entityId: scope.patient.id, details: { requestId, mergedRecords: plan.mergedRecords, ...counts } });
    return { requestId, decision: 'anonymised' as const, plan };
  });
}

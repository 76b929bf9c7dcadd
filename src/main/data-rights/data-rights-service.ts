import type { DataRequest, ErasurePlan, Requester } from '../../shared/contract/data-rights';
import { formatDocument } from '../../shared/identity/documents';
import type { Language } from '../../shared/i18n/languages';
import { translate } from '../../shared/i18n/translate';
import { ageOn } from '../../shared/patients/age';
import { localeFor } from '../../shared/schedule/reminders';
import { patientScope, practiceClock } from '../chairside/chairside-common';
import type { PrintContext } from '../chairside/print/pdf-common';
import { readClinicalPreferences } from '../practice/practice-repository';
import { displayName, userNames } from '../patients/patients-repository';
import { readScheduleSettings } from '../schedule/schedule-settings';
import type { Actor, Store } from '../store/store';
import { erasePatient, erasurePlan, ledgerTotals, recordRequest } from './erasure';
import { buildBundle } from './fhir/bundle';
import { loadPatientRecord } from './patient-record';
import { renderSummaryPdf } from './summary-pdf';

/*
 * The data-rights calls. An export reads the whole record (the merge tree
 * included) and, in one transaction, logs the access request and the audit
 * entry; the file goes back to the renderer, which saves it where the user
 * asks. Nothing is written to disk here.
 */

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export async function exportFhir(store: Store, actor: Actor, patientId: string, requestedBy: Requester, now = new Date()) {
  const db = store.db;
  const scope = await patientScope(db, patientId);
  const clock = await practiceClock(db);
  const record = await loadPatientRecord(db, scope);
  const language = clock.language;
  const { bundle, counts } = buildBundle(record, {
    country: clock.country,
    timeZone: clock.timeZone,
    language,
    now,
    alertName: (code) => translate(language, `alerts.${code}`) ?? code,
  });
  const json = JSON.stringify(bundle, null, 2);
  await store.write(actor, async (tx) => {
    const requestId = await recordRequest(tx, actor, { patientId: scope.patient.id, kind: 'access', requestedBy, decision: 'fulfilled', format: 'fhir', details: counts });
    await tx.audit({ action: 'privacy.export', entity: 'patient', entityId: scope.patient.id, details: { requestId, format: 'fhir', resources: counts, mergedRecords: scope.ids.length - 1 } });
  });
  return { fileName: `${slug(displayName(scope.patient)) || 'paciente'}-${clock.today}.fhir.json`, json, resources: counts };
}

export async function summaryPdf(store: Store, actor: Actor, patientId: string, requestedBy: Requester, languageAsked: Language | undefined, options: { compress?: boolean } = {}) {
  const db = store.db;
  const scope = await patientScope(db, patientId);
  const clock = await practiceClock(db);
  const language = languageAsked ?? clock.language;
  const [record, schedule, preferences, printer, ledger] = await Promise.all([
    loadPatientRecord(db, scope),
    readScheduleSettings(db),
    readClinicalPreferences(db),
    userNames(db, actor.userId ? [actor.userId] : []),
    ledgerTotals(db, scope.ids),
  ]);
  const patient = scope.patient;
  const ctx: PrintContext = {
    language,
    locale: localeFor(language, clock.country),
    country: clock.country,
    timeZone: clock.timeZone,
    practice: { name: clock.name, address: schedule.address, phone: schedule.phone },
    patient: {
      name: displayName(patient),
      document: patient.document_type && patient.document_number ? `${patient.document_type} ${formatDocument(patient.document_type, patient.document_number)}` : null,
      age: patient.birth_date ? ageOn(patient.birth_date, clock.today) : null,
    },
    printedBy: (actor.userId && printer.get(actor.userId)) || '—',
    now: new Date(),
    ...(options.compress === undefined ? {} : { compress: options.compress }),
  };
  const { pdf, pages } = await renderSummaryPdf({ record, ctx, numbering: preferences.toothNumbering, currency: clock.currency, ledger });
  await store.write(actor, async (tx) => {
    const requestId = await recordRequest(tx, actor, { patientId: patient.id, kind: 'access', requestedBy, decision: 'fulfilled', format: 'pdf', details: { pages } });
    await tx.audit({ action: 'privacy.export', entity: 'patient', entityId: patient.id, details: { requestId, format: 'pdf', language, pages } });
  });
  const base = translate(language, 'dataRights.pdf.fileName') ?? 'record';
  return { fileName: `${base}-${slug(displayName(patient))}-${clock.today}.pdf`, pdfBase64: pdf.toString('base64'), pages };
}

export async function planErasure(store: Store, actor: Actor, patientId: string): Promise<ErasurePlan> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'privacy.erasurePlan', entity: 'patient', entityId: scope.patient.id }, (db) => erasurePlan(db, scope));
}

export async function erase(store: Store, actor: Actor, patientId: string, requestedBy: Requester) {
  return erasePatient(store, actor, patientId, requestedBy);
}

export async function listRequests(store: Store, actor: Actor, patientId: string): Promise<DataRequest[]> {
  const scope = await patientScope(store.db, patientId);
  return store.readAudited(actor, { action: 'privacy.requests.list', entity: 'patient', entityId: scope.patient.id }, async (db) => {
    const rows = await db.selectFrom('data_requests').selectAll().where('patient_id', 'in', scope.ids).orderBy('requested_at', 'desc').execute();
    const names = await userNames(
      db,
      rows.map((r) => r.recorded_by).filter((u): u is string => !!u),
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      requestedBy: r.requested_by,
      requestedAt: r.requested_at,
      recordedBy: r.recorded_by,
      recordedByName: r.recorded_by ? (names.get(r.recorded_by) ?? null) : null,
      decision: r.decision,
      format: r.format,
      retainUntil: r.retain_until,
    }));
  });
}

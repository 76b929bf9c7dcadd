import { type ChartEvent, chartAt } from '../../../shared/chart/events';
import type { ChartItem } from '../../../shared/chart/findings';
import { formatSurfaces } from '../../../shared/chart/surfaces';
import { type Notation, formatTooth } from '../../../shared/chart/teeth';
import { AppError } from '../../../shared/contract/errors';
import { formatDocument } from '../../../shared/identity/documents';
import type { Language } from '../../../shared/i18n/languages';
import { ageOn } from '../../../shared/patients/age';
import { localeFor } from '../../../shared/schedule/reminders';
import { readClinicalPreferences } from '../../practice/practice-repository';
import { type Db, displayName, userNames } from '../../patients/patients-repository';
import { readScheduleSettings } from '../../schedule/schedule-settings';
import type { Actor, Store } from '../../store/store';
import { patientScope, practiceClock, toInstant } from '../chairside-common';
import { readChairsideSettings } from '../chairside-settings';
import { loadLog } from '../chart/chart-repository';
import { noteDetailById } from '../notes/notes-service';
import { cdcAapCaseDefinition } from '../../../shared/staging/cdc';
import { listProcedureRows } from '../procedures/catalog-repository';
import { loadExam, rowToExam } from '../perio/perio-service';
import { latestExamRow } from '../perio/perio-repository';
import { renderChartPdf } from './chart-pdf';
import { renderNotePdf } from './note-pdf';
import { type PrintContext, label } from './pdf-common';
import { renderPerioPdf } from './perio-pdf';

/*
 * chairside.print: the chart (now or as of a date), a perio exam (the latest
 * by default) or a note, as a PDF with the practice's header, in the language
 * asked for (the practice's by default). Every print is audited: a printed
 * record leaves the system.
 */

export interface PrintInput {
  kind: 'chart' | 'perio' | 'note';
  patientId: string;
  examId?: string;
  noteId?: string;
  asOf?: string;
  language?: Language;
}

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

function itemLine(item: ChartItem, names: Map<string, string>, numbering: Notation, language: Language): string {
  if (item.type === 'tooth_state') return `${formatTooth(item.tooth, numbering)} · ${label(language, `toothStates.${item.state}`)}`;
  if (item.type !== 'finding') return '';
  const area = item.area;
  const where =
    area.kind === 'surface'
      ? `${formatTooth(area.tooth, numbering)} ${formatSurfaces(area.surfaces, area.tooth, language)}`
      : area.kind === 'tooth'
        ? formatTooth(area.tooth, numbering)
        : area.kind === 'range'
          ? area.teeth.map((t) => formatTooth(t, numbering)).join('–')
          : area.kind === 'quadrant'
            ? label(language, `areas.quadrants.${area.quadrant}`)
            : area.kind === 'sextant'
              ? label(language, 'areas.sextant', { n: area.sextant })
              : area.kind === 'arch'
                ? label(language, `areas.arches.${area.arch}`)
                : label(language, 'areas.mouth');
  const name = names.get(item.code.toUpperCase());
  return `${item.code}${name ? ` — ${name}` : ''} · ${where} · ${label(language, `statuses.${item.status}`)}`;
}

/** The procedures a note links to, one line each, from the patient's chart log. */
function linkedLines(log: ChartEvent[], ids: { findingIds: string[]; chartEventIds: string[] }, names: Map<string, string>, numbering: Notation, language: Language): string[] {
  const current = chartAt(log, null);
  const byId = new Map(log.map((e) => [e.id, e]));
  const lines: string[] = [];
  for (const id of ids.findingIds) {
    const entry = current.entries.find((e) => e.id === id);
    const event = byId.get(id);
    const item = entry?.item ?? (event && (event.kind === 'add' || event.kind === 'supersede') ? event.item : undefined);
    if (item) lines.push(itemLine(item, names, numbering, language));
  }
  for (const id of ids.chartEventIds) {
    const event = byId.get(id);
    if (event && (event.kind === 'add' || event.kind === 'supersede')) lines.push(itemLine(event.item, names, numbering, language));
  }
  return [...new Set(lines.filter(Boolean))];
}

async function procedureNames(db: Db, language: Language): Promise<Map<string, string>> {
  const rows = await listProcedureRows(db);
  return new Map(rows.map((r) => [r.code.toUpperCase(), language === 'es' ? r.name_es : r.name_en]));
}

export async function printChairside(store: Store, actor: Actor, input: PrintInput, options: { compress?: boolean } = {}): Promise<{ fileName: string; pdfBase64: string; pages: number }> {
  const db = store.db;
  const scope = await patientScope(db, input.patientId);
  const clock = await practiceClock(db);
  const language = input.language ?? clock.language;
  const [schedule, preferences, settings, printer] = await Promise.all([
    readScheduleSettings(db),
    readClinicalPreferences(db),
    readChairsideSettings(db),
    userNames(db, actor.userId ? [actor.userId] : []),
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
    printedBy: (actor.userId ? printer.get(actor.userId) : null) ?? '',
    now: new Date(),
    ...(options.compress === false ? { compress: false } : {}),
  };
  const numbering = preferences.toothNumbering;
  const base = `${slug(patient.first_surname)}-${slug(patient.given_names.split(' ')[0] ?? '')}`;
  const details: Record<string, unknown> = { kind: input.kind, language };

  let render: () => Promise<{ pdf: Buffer; pages: number; fileName: string }>;
  if (input.kind === 'chart') {
    const asOf = input.asOf ? toInstant(input.asOf, clock.timeZone) : null;
    if (asOf) details.asOf = asOf;
    render = async () => {
      const log = await loadLog(db, scope.ids);
      const { pdf, pages } = await renderChartPdf(ctx, { state: chartAt(log, asOf), numbering, palette: settings.palette, names: await procedureNames(db, language), asOf });
      return { pdf, pages, fileName: `${label(language, 'fileNames.chart')}-${base}-${(asOf ?? new Date().toISOString()).slice(0, 10)}.pdf` };
    };
  } else if (input.kind === 'perio') {
    const row = input.examId ? (await loadExam(db, input.examId)).row : await latestExamRow(db, scope.ids, false);
    if (!row || !scope.ids.includes(row.patient_id)) throw new AppError('NOT_FOUND');
    details.examId = row.id;
    render = async () => {
      const exam = rowToExam(row);
      const staging = await db
        .selectFrom('staging_confirmations')
        .selectAll()
        .where('exam_id', '=', row.id)
        .orderBy('confirmed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      const names = await userNames(db, [row.examiner_id, row.signed_by, staging?.confirmed_by].filter((x): x is string => !!x));
      const { pdf, pages } = await renderPerioPdf(ctx, {
        exam,
        examinerName: row.examiner_id ? (names.get(row.examiner_id) ?? null) : null,
        signedByName: row.signed_by ? (names.get(row.signed_by) ?? null) : null,
        numbering,
        probingAlertMm: preferences.probingAlertMm,
        bleedingAlertPercent: preferences.bleedingAlertPercent,
        plaqueAlertPercent: settings.plaqueAlertPercent,
        cdcAap: cdcAapCaseDefinition(exam),
        staging: staging
          ? { stage: staging.stage, grade: staging.grade, extent: staging.extent, by: staging.confirmed_by ? (names.get(staging.confirmed_by) ?? null) : null, at: staging.confirmed_at }
          : null,
      });
      return { pdf, pages, fileName: `${label(language, 'fileNames.perio')}-${base}-${exam.date}.pdf` };
    };
  } else {
    const note = await noteDetailById(db, input.noteId!);
    if (!scope.ids.includes(note.storedPatientId)) throw new AppError('NOT_FOUND');
    details.noteId = note.detail.id;
    render = async () => {
      const version = note.detail.signedVersion ?? note.detail.heads[0] ?? null;
      const links = version?.links ?? { teeth: [], findingIds: [], chartEventIds: [] };
      const log = links.findingIds.length || links.chartEventIds.length ? await loadLog(db, scope.ids) : [];
      const names = await procedureNames(db, language);
      const { pdf, pages } = await renderNotePdf(ctx, {
        note: note.detail,
        teeth: links.teeth.map((t) => formatTooth(t, numbering)),
        procedures: linkedLines(log, links, names, numbering, language),
      });
      return { pdf, pages, fileName: `${label(language, 'fileNames.note')}-${base}-${note.detail.visitDate}.pdf` };
    };
  }
  return store.readAudited(actor, { action: 'chairside.print', entity: 'patient', entityId: patient.id, details }, async () => {
    const { pdf, pages, fileName } = await render();
    return { fileName, pdfBase64: pdf.toString('base64'), pages };
  });
}

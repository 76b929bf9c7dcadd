import { type ChartAction, applyChartAction } from '../../shared/chart/actions';
import { type ChartEvent, type ChartState, absentTeeth, chartTeeth, currentChart } from '../../shared/chart/events';
import type { Surface } from '../../shared/chart/surfaces';
import { type ToothId, MIXED_DENTITION, PRIMARY_DENTITION, formatTooth, isAnterior, isPrimary, isThirdMolar, toothType } from '../../shared/chart/teeth';
import { ageOn } from '../../shared/patients/age';
import { localToUtcMs, utcToLocal } from '../../shared/schedule/time';
import type { FurcationGrade, Mobility, PerioExam, PerioTooth, SiteReading } from '../../shared/perio/exam';
import { type Site, SITES, furcationEntrances, mgjApplies, siteSide } from '../../shared/perio/sites';
import { STARTER_CATALOG, procedureLookup } from '../../shared/procedures/catalog';
import { type Stage, confirmStaging, suggestStaging } from '../../shared/staging/staging';
import { toEventRow } from '../chairside/chart/chart-repository';
import { defaultTemplateId, defaultTemplateRows } from '../chairside/notes/default-templates';
import { encodeReadings } from '../chairside/perio/perio-codec';
import { starterRows } from '../chairside/procedures/catalog-service';
import type {
  ChartEventsTable,
  ClinicalNoteAddendaTable,
  ClinicalNotesTable,
  ClinicalNoteVersionsTable,
  PatientsTable,
  PerioExamsTable,
  StagingConfirmationsTable,
} from '../db/schema';
import type { DemoContext, DemoStep } from './generate-demo';
import { type Random, seededUuidV7 } from './random';

/*
 * The demo's chairside records: for about one patient in five, their chart
 * from their first visit to the demo's "today" (up to ten years): the
 * restorations, crowns, root canals and missing teeth they came with, then
 * visit after visit the caries found and planned, treatments completed,
 * extractions, implants, plans dropped, and the odd correction (a void with
 * its reason) or undo. Every chart event is made by the shared model
 * (applyChartAction with the starter catalog), exactly as the app makes them.
 * Most visits have a signed SOAP progress note linked to the work done and its
 * teeth, some edited once before signing and some with an addendum. About 8 %
 * of all patients have periodontal exams (a signed series of one to four, the
 * last now and then still a draft), and those with periodontitis a staging
 * confirmation per series. Its own random stream, so the other steps' data
 * does not change with it; rows go through the write path in chunks.
 */

/** Bump when what this step generates changes. */
export const CHAIRSIDE_DEMO_VERSION = 1;
export const CHAIRSIDE_SHARE = 0.2;
/** Of the patients with a chart: 0.4 × 20 % ≈ 8 % of all patients have perio exams. */
const PERIO_SHARE_OF_CHARTED = 0.4;
const PATIENTS_PER_CHUNK = 150;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export type ChairsideDemoContext = Pick<DemoContext, 'store' | 'actor' | 'seed' | 'anchorMs' | 'patients' | 'staff' | 'userIds' | 'counts' | 'random' | 'progress'>;

interface Rows {
  events: ChartEventsTable[];
  exams: PerioExamsTable[];
  staging: StagingConfirmationsTable[];
  notes: ClinicalNotesTable[];
  versions: ClinicalNoteVersionsTable[];
  signs: { id: string; fields: Partial<ClinicalNotesTable> }[];
  addenda: ClinicalNoteAddendaTable[];
}

const emptyRows = (): Rows => ({ events: [], exams: [], staging: [], notes: [], versions: [], signs: [], addenda: [] });

const NAMES = new Map(STARTER_CATALOG.map((p) => [p.code, p.name.es]));
const lookup = procedureLookup(STARTER_CATALOG);

/* ---------------------------------------------------------------- words of the notes (the practice writes in Spanish) */

const SUBJECTIVE = [
  'Control periódico. Sin molestias.',
  'Refiere sensibilidad al frío en {tooth}.',
  'Consulta por dolor al masticar en {tooth}.',
  'Acude a continuar tratamiento.',
  'Refiere sangrado de encías al cepillado.',
  'Sin dolor desde la última sesión.',
  'Consulta por fractura de restauración en {tooth}.',
];
const ASSESSMENT_CARIES = ['Caries dentinaria en {tooth}.', 'Lesión de caries activa en {tooth}.', 'Caries secundaria bajo restauración en {tooth}.'];
const ASSESSMENT_OTHER = ['Paciente sano, sin lesiones activas.', 'Gingivitis asociada a placa.', 'Periodontitis en control.', 'Tratamiento en curso según plan.'];
const PLAN = [
  'Control en 6 meses.',
  'Continuar tratamiento en la próxima sesión.',
  'Refuerzo de técnica de cepillado y uso de seda dental.',
  'Control en 3 meses para mantención periodontal.',
  'Se entregan indicaciones postoperatorias por escrito.',
];
const ADDENDA = [
  'Paciente llama por teléfono: sin dolor postoperatorio.',
  'Se agrega: paciente informa alergia a la penicilina, registrada en antecedentes.',
  'Radiografía de control revisada: sin hallazgos.',
  'Paciente reagenda la próxima sesión por viaje.',
];
const VOID_REASONS = ['Registrado en el diente equivocado', 'Superficie equivocada', 'Código equivocado'];

/* ---------------------------------------------------------------- the chart of one patient */

class ChartSim {
  log: ChartEvent[] = [];
  private cached: { state: ChartState; present: ToothId[] } | null = null;
  constructor(private readonly random: Random) {}

  /** Applies one action at an instant by a user; the events' ids sort in the order they were made. */
  apply(action: ChartAction, atMs: number, by: string): ChartEvent[] {
    let tick = 0;
    const result = applyChartAction(this.log, action, {
      at: new Date(atMs).toISOString(),
      by,
      newId: () => seededUuidV7(this.random, atMs + tick++),
      procedure: lookup,
    });
    if (!result.ok) return [];
    this.log.push(...result.events);
    this.cached = null;
    return result.events;
  }

  /** The chart now, replayed once per change (the generator asks often). */
  private view(): { state: ChartState; present: ToothId[] } {
    if (!this.cached) {
      const state = currentChart(this.log);
      const absent = new Set(absentTeeth(state));
      this.cached = { state, present: chartTeeth(state).filter((t) => !absent.has(t)) };
    }
    return this.cached;
  }

  get state(): ChartState {
    return this.view().state;
  }

  present(): ToothId[] {
    return this.view().present;
  }
}

function surfacesFor(random: Random, tooth: ToothId): string {
  return isAnterior(tooth) ? random.pick(['M', 'D', 'MI', 'DI', 'V5', 'MD']) : random.pick(['O', 'O', 'MO', 'DO', 'MOD', 'OV', 'OL']);
}

function restorationCode(random: Random, tooth: ToothId, surfaces: string, old: boolean): string {
  const n = surfaces.replace('5', '').length;
  if (old && !isAnterior(tooth) && random.chance(0.6)) return `RES-A${Math.min(n, 3)}`;
  if (isPrimary(tooth) && random.chance(0.5)) return 'RES-VI';
  return `RES-C${Math.min(n, 4)}`;
}

function endoCode(tooth: ToothId): string {
  const type = toothType(tooth);
  return type === 'molar' ? 'END-MO' : type === 'premolar' ? 'END-PM' : 'END-AN';
}

const label = (t: ToothId) => formatTooth(t, 'fdi');

/** A random element, or undefined from an empty list (a mouth can run out of teeth). */
function any<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length ? random.pick(items) : undefined;
}

/* ---------------------------------------------------------------- perio */

function perioReadings(random: Random, teeth: readonly ToothId[], level: number, improvement: number): Record<ToothId, PerioTooth> {
  const readings: Record<ToothId, PerioTooth> = {};
  const bleedChance = [0.05, 0.3, 0.35, 0.55][level]!;
  const plaqueChance = [0.15, 0.45, 0.4, 0.55][level]!;
  for (const tooth of teeth) {
    if (isPrimary(tooth)) continue;
    const sites = {} as Record<Site, SiteReading>;
    const molar = toothType(tooth) === 'molar';
    for (const site of SITES) {
      const interproximal = site !== 'B' && site !== 'L';
      let pd = random.int(1, 3);
      if (level >= 2 && interproximal) pd += random.int(0, level === 3 ? 4 : 2) + (molar ? 1 : 0);
      if (level === 1 && random.chance(0.2)) pd += 1;
      pd = Math.max(1, Math.min(12, pd - improvement));
      const recession = level >= 2 && random.chance(0.35) ? random.int(1, level) : level === 0 && random.chance(0.05) ? 1 : 0;
      const gm = level === 1 && random.chance(0.1) ? -1 : recession;
      sites[site] = {
        pd,
        gm: gm === 0 ? null : gm,
        mgj: siteSide(site) === 'facial' && site === 'B' && mgjApplies(tooth, 'facial') && random.chance(0.3) ? random.int(1, 5) : null,
        bleeding: random.chance(bleedChance + (pd >= 5 ? 0.3 : 0) - improvement * 0.1),
        suppuration: level === 3 && pd >= 6 && random.chance(0.15),
        plaque: random.chance(plaqueChance),
        calculus: random.chance(level >= 2 ? 0.25 : 0.08),
      };
    }
    const mobility: Mobility | null = level === 3 && random.chance(0.25) ? (random.int(1, 2) as Mobility) : level >= 2 && random.chance(0.08) ? 1 : null;
    const furcation: Partial<Record<string, FurcationGrade>> = {};
    if (level >= 2 && molar) for (const entrance of furcationEntrances(tooth)) if (random.chance(level === 3 ? 0.35 : 0.15)) furcation[entrance] = random.int(1, level === 3 ? 3 : 2) as FurcationGrade;
    readings[tooth] = { sites, mobility, furcation };
  }
  return readings;
}

/* ---------------------------------------------------------------- one patient */

interface Clinicians {
  dentists: string[];
  hygienists: string[];
}

/** One visit: its start, and the appointment it was (when the schedule step made the patient's appointments). */
interface Visit {
  startMs: number;
  appointmentId: string | null;
  /** The user of the appointment's provider, when the provider has an account. */
  providerUser: string | null;
}

/** A completed appointment of a patient, as the schedule step stored it. */
export interface DemoAppointment {
  id: string;
  startMs: number;
  providerUser: string | null;
}

/**
 * The patient's visits: their completed appointments when the demo has a schedule (the last sixteen), so
 * that notes, charts and the day sheets tell one story; otherwise a visit every five to fourteen months
 * from registration to the demo's "today".
 */
function visitsOf(random: Random, patient: PatientsTable, anchorMs: number, appointments: readonly DemoAppointment[] | undefined): Visit[] {
  if (appointments && appointments.length >= 2) {
    return appointments.slice(-16).map((a) => ({ startMs: a.startMs, appointmentId: a.id, providerUser: a.providerUser }));
  }
  const visits: Visit[] = [];
  let day = Date.parse(patient.created_at) + random.int(0, 20) * DAY_MS;
  while (day < anchorMs - DAY_MS && visits.length < 16) {
    const date = new Date(day);
    // Between 09:00 and 18:00 in Santiago (UTC−3/−4).
    visits.push({ startMs: Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), random.int(12, 21), random.pick([0, 15, 30, 45])), appointmentId: null, providerUser: null });
    day += random.int(150, 430) * DAY_MS;
  }
  return visits;
}

function generatePatient(
  random: Random,
  patient: PatientsTable,
  anchorMs: number,
  staff: Clinicians,
  rows: Rows,
  perio: boolean,
  appointments: readonly DemoAppointment[] | undefined,
): void {
  const visits = visitsOf(random, patient, anchorMs, appointments);
  const days = visits.map((v) => v.startMs);
  if (days.length === 0) return;
  const sim = new ChartSim(random);
  const dentist = random.pick(staff.dentists);
  const hygienist = staff.hygienists.length ? random.pick(staff.hygienists) : dentist;
  const birth = patient.birth_date ?? '1980-01-01';
  const perioLevel = perio ? random.pick([0, 0, 1, 1, 2, 2, 3]) : -1;
  const perioVisits = new Set<number>();
  if (perio) {
    const adultVisits = days.map((d, i) => [d, i] as const).filter(([d]) => ageOn(birth, new Date(d).toISOString().slice(0, 10)) >= 18);
    const n = Math.min(adultVisits.length, random.int(1, 4));
    for (const [, i] of adultVisits.slice(-n)) perioVisits.add(i);
  }
  const planned: string[] = [];
  let previousStage: Stage | null = null;
  let examNo = 0;
  const smoker = random.chance(0.18) ? random.int(3, 20) : 0;

  days.forEach((dayMs, visit) => {
    const date = visits[visit]!.appointmentId ? utcToLocal(dayMs, ZONE).slice(0, 10) : new Date(dayMs).toISOString().slice(0, 10);
    const age = ageOn(birth, date);
    let at = dayMs;
    const visitStart = at;
    const { appointmentId, providerUser } = visits[visit]!;
    const next = () => (at += random.int(2, 6) * MINUTE_MS);
    const done: ChartEvent[] = [];
    const teethTouched = new Set<ToothId>();
    const found: ToothId[] = [];
    const act = (action: ChartAction, by = providerUser ?? dentist) => sim.apply(action, next(), by);

    if (visit === 0) {
      // What the patient came with.
      if (age < 6) act({ type: 'setDentition', teeth: PRIMARY_DENTITION });
      else if (age < 12) act({ type: 'setDentition', teeth: MIXED_DENTITION });
      const present = sim.present();
      if (age >= 18) for (const t of present.filter(isThirdMolar)) if (random.chance(0.45)) act({ type: 'setToothState', tooth: t, state: 'missing' });
      const missing = age < 25 ? random.int(0, 1) : age < 45 ? random.int(0, 3) : age < 65 ? random.int(1, 6) : random.int(2, 9);
      for (let i = 0; i < missing; i++) {
        const t = any(random, sim.present().filter((x) => !isAnterior(x) || age > 60));
        if (t) act({ type: 'setToothState', tooth: t, state: 'missing' });
      }
      const restorations = age < 12 ? random.int(0, 2) : age < 25 ? random.int(0, 3) : age < 45 ? random.int(1, 6) : random.int(2, 8);
      for (let i = 0; i < restorations; i++) {
        const t = any(random, sim.present());
        if (!t) break;
        const surfaces = surfacesFor(random, t);
        act({ type: 'recordFinding', area: { kind: 'surface', tooth: t, surfaces }, code: restorationCode(random, t, surfaces, true), status: random.chance(0.3) ? 'existing_other' : 'existing' });
      }
      if (age >= 35) {
        for (let i = random.int(0, 2); i > 0; i--) {
          const t = any(random, sim.present().filter((x) => !isPrimary(x)));
          if (!t) break;
          if (random.chance(0.6)) act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code: endoCode(t), status: 'existing' });
          act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code: 'COR-PFM', status: 'existing' });
        }
      }
      if (age >= 6 && age < 16) {
        for (const t of sim.present().filter((x) => !isPrimary(x) && toothType(x) === 'molar')) {
          if (random.chance(0.5)) planned.push(...act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code: 'SEL-01', status: 'planned' }).slice(0, 1).map((e) => e.id));
        }
      }
      const remnant = age >= 40 && random.chance(0.06) ? any(random, sim.present().filter((x) => !isAnterior(x))) : undefined;
      if (remnant) {
        act({ type: 'setToothState', tooth: remnant, state: 'root_remnant' });
        act({ type: 'setToothState', tooth: remnant, state: 'extraction_planned' });
      }
    }

    // Caries found at this visit: the diagnosis and the restoration planned for it.
    const caries = visit === 0 ? random.int(0, 3) : random.chance(0.3) ? random.int(1, 2) : 0;
    for (let i = 0; i < caries; i++) {
      const present = sim.present();
      if (!present.length) break;
      const t = random.pick(present);
      const surfaces = surfacesFor(random, t);
      act({ type: 'recordFinding', area: { kind: 'surface', tooth: t, surfaces }, code: 'DX-CAR', status: 'condition' });
      const plan = act({ type: 'recordFinding', area: { kind: 'surface', tooth: t, surfaces }, code: restorationCode(random, t, surfaces, false), status: 'planned' });
      if (plan[0]) planned.push(plan[0].id);
      found.push(t);
      teethTouched.add(t);
    }
    if (visit > 0 && random.chance(0.06)) {
      const candidates = sim.present().filter((x) => !isPrimary(x) && !isThirdMolar(x));
      if (candidates.length) {
        const t = random.pick(candidates);
        for (const code of [endoCode(t), 'PYM-01', 'COR-CER']) {
          const plan = act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code, status: 'planned' });
          if (plan[0]) planned.push(plan[0].id);
        }
        teethTouched.add(t);
      }
    }
    const toExtract = visit > 0 && random.chance(0.05) ? any(random, sim.present().filter((x) => !isAnterior(x))) : undefined;
    if (toExtract) {
      act({ type: 'setToothState', tooth: toExtract, state: 'extraction_planned' });
      teethTouched.add(toExtract);
    }
    if (visit > 0 && random.chance(0.03)) {
      // An implant where a tooth is gone.
      const gone = sim.state.entries.flatMap((e) => (e.item.type === 'tooth_state' && (e.item.state === 'extracted' || e.item.state === 'missing') && !isThirdMolar(e.item.tooth) ? [e.item.tooth] : []));
      if (gone.length) {
        const t = random.pick(gone);
        for (const code of ['IMP-01', 'IMP-CO']) {
          const plan = act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code, status: 'planned' });
          if (plan[0]) planned.push(plan[0].id);
        }
      }
    }

    // Work done today: planned treatments completed, in the order planned, and planned extractions.
    if (visit > 0 || random.chance(0.4)) {
      const budget = random.int(1, 3);
      for (let i = 0; i < budget && planned.length; i++) {
        const id = planned.shift()!;
        const entry = sim.state.entries.find((e) => e.id === id);
        if (!entry || entry.item.type !== 'finding') continue;
        if (random.chance(0.04)) {
          act({ type: 'removeFinding', findingId: id });
          continue;
        }
        const events = act({ type: 'completeFinding', findingId: id });
        if (events[0]) {
          done.push(events[0]);
          const area = entry.item.area;
          if (area.kind === 'surface' || area.kind === 'tooth') teethTouched.add(area.tooth);
        }
      }
      for (const e of sim.state.entries) {
        if (e.item.type === 'tooth_state' && e.item.state === 'extraction_planned' && random.chance(0.7)) {
          const t = e.item.tooth;
          const events = act({ type: 'recordFinding', area: { kind: 'tooth', tooth: t }, code: random.chance(0.8) ? 'EXT-S' : 'EXT-Q', status: 'completed' });
          if (events[0]) done.push(events[0]);
          teethTouched.add(t);
          break;
        }
      }
    }

    // Now and then an error is corrected (a void with its reason) or an edit undone.
    if (random.chance(0.04)) {
      const mine = sim.log.filter((e) => Date.parse(e.at) >= visitStart && e.kind === 'add' && e.item.type === 'finding');
      if (mine.length) {
        const wrong = random.pick(mine);
        act({ type: 'voidEvent', eventId: wrong.id, reason: random.pick(VOID_REASONS) });
        const item = wrong.kind === 'add' && wrong.item.type === 'finding' ? wrong.item : null;
        const t = any(random, sim.present());
        if (item && item.area.kind === 'surface' && t) {
          act({ type: 'recordFinding', area: { kind: 'surface', tooth: t, surfaces: surfacesFor(random, t) }, code: item.code, status: item.status });
        }
      }
    } else if (random.chance(0.02)) {
      act({ type: 'undo' });
    }

    // The hygienist's cleaning.
    let hygieneOnly = false;
    if (random.chance(0.5)) {
      const events = act({ type: 'recordFinding', area: { kind: 'mouth' }, code: random.chance(0.8) ? 'PRO-01' : 'PRO-02', status: 'completed' }, hygienist);
      if (events[0]) done.push(events[0]);
      hygieneOnly = done.length === 1 && found.length === 0;
    }

    // The perio exam of this visit, if any.
    if (perioVisits.has(visit)) {
      const state = sim.state;
      const teeth = chartTeeth(state).filter((t) => !isPrimary(t));
      const missing = absentTeeth(state).filter((t) => teeth.includes(t));
      const present = teeth.filter((t) => !missing.includes(t));
      const improvement = examNo > 0 && perioLevel >= 2 ? 1 : 0;
      const readings = perioReadings(random, present, perioLevel, improvement);
      const examAt = next();
      const id = seededUuidV7(random, examAt);
      const last = visit === days.length - 1;
      const draft = last && random.chance(0.08);
      const signedAt = new Date(examAt + 40 * MINUTE_MS).toISOString();
      rows.exams.push({
        id,
        patient_id: patient.id,
        exam_date: date,
        status: draft ? 'draft' : 'signed',
        examiner_id: hygienist,
        teeth: JSON.stringify(teeth),
        missing: JSON.stringify(missing),
        readings: encodeReadings(readings),
        revision: draft ? 3 : 4,
        created_at: new Date(examAt).toISOString(),
        created_by: hygienist,
        updated_at: draft ? new Date(examAt + 30 * MINUTE_MS).toISOString() : signedAt,
        updated_by: hygienist,
        signed_at: draft ? null : signedAt,
        signed_by: draft ? null : hygienist,
        deleted_at: null,
      });
      examNo++;
      if (!draft && perioLevel >= 2 && (examNo === 1 || last)) {
        const exam: PerioExam = { id, date, status: 'signed', examiner: hygienist, teeth, missing, readings, signedBy: hygienist, signedAt };
        const suggestion = suggestStaging({ exam, age, cigarettesPerDay: smoker, previousStage });
        const confirmedAt = new Date(examAt + 55 * MINUTE_MS).toISOString();
        const result = confirmStaging(suggestion, { by: dentist, at: confirmedAt, previousStage });
        if (result.ok) {
          previousStage = result.staging.stage;
          rows.staging.push({
            id: seededUuidV7(random, Date.parse(confirmedAt)),
            patient_id: patient.id,
            exam_id: id,
            stage: result.staging.stage,
            grade: result.staging.grade,
            extent: result.staging.extent,
            overridden: 0,
            suggestion: JSON.stringify({
              stage: suggestion.stage,
              grade: suggestion.grade,
              extent: suggestion.extent,
              rules: suggestion.rules.map((r) => ({ rule: r.rule, applied: r.applied })),
              rulesDetail: suggestion.rules,
            }),
            inputs: JSON.stringify({ cigarettesPerDay: smoker, age }),
            note: '',
            confirmed_by: dentist,
            confirmed_at: confirmedAt,
          });
        }
      }
    }

    // The progress note of the visit.
    if (done.length > 0 || found.length > 0 || random.chance(0.5)) {
      // The provider seen that day writes the note, when they have an account.
      const author = providerUser ?? (hygieneOnly ? hygienist : dentist);
      const firstTooth = [...teethTouched][0];
      const fill = (text: string) => text.replace('{tooth}', firstTooth ? label(firstTooth) : 'la pieza tratada');
      const workDone = done
        .map((e) => {
          const item = e.kind === 'supersede' || e.kind === 'add' ? e.item : null;
          if (!item || item.type !== 'finding') return '';
          const where = item.area.kind === 'surface' ? ` en ${label(item.area.tooth)} (${(item.area.surfaces as Surface[]).join('')})` : item.area.kind === 'tooth' ? ` en ${label(item.area.tooth)}` : '';
          return `Se realiza ${(NAMES.get(item.code) ?? item.code).toLowerCase()}${where}.`;
        })
        .filter(Boolean);
      const objective = [
        ...found.map((t) => `Caries en ${label(t)}.`),
        ...workDone,
        random.pick(['Higiene oral regular.', 'Higiene oral buena.', 'Placa bacteriana en sector posterior.', 'Tejidos blandos sin alteraciones.']),
      ].join(' ');
      const content = {
        sections: [
          { key: 'subjective', heading: 'Subjetivo', text: fill(random.pick(SUBJECTIVE)) },
          { key: 'objective', heading: 'Objetivo', text: objective },
          { key: 'assessment', heading: 'Análisis', text: fill(found.length ? random.pick(ASSESSMENT_CARIES) : random.pick(ASSESSMENT_OTHER)) },
          { key: 'plan', heading: 'Plan', text: random.pick(PLAN) },
        ],
      };
      const links = { teeth: [...teethTouched], findingIds: [], chartEventIds: done.map((e) => e.id) };
      const noteAt = next();
      const noteId = seededUuidV7(random, noteAt);
      const draftNote = visit === days.length - 1 && random.chance(0.05);
      rows.notes.push({
        id: noteId,
        patient_id: patient.id,
        appointment_id: appointmentId,
        visit_date: date,
        template_id: defaultTemplateId('soap', 'es'),
        title: 'Evolución SOAP',
        status: 'draft',
        created_at: new Date(noteAt).toISOString(),
        created_by: author,
        updated_at: new Date(noteAt).toISOString(),
        signed_at: null,
        signed_by: null,
        signed_version_id: null,
        deleted_at: null,
      });
      let versionId = seededUuidV7(random, noteAt + 1);
      const edited = random.chance(0.2);
      if (edited) {
        const firstDraft = { sections: content.sections.map((s) => (s.key === 'plan' ? { ...s, text: '' } : s)) };
        rows.versions.push({ id: versionId, note_id: noteId, patient_id: patient.id, parent_ids: '[]', content: JSON.stringify(firstDraft), links: JSON.stringify(links), author_id: author, saved_at: new Date(noteAt).toISOString() });
        const second = seededUuidV7(random, noteAt + 5 * MINUTE_MS);
        rows.versions.push({ id: second, note_id: noteId, patient_id: patient.id, parent_ids: JSON.stringify([versionId]), content: JSON.stringify(content), links: JSON.stringify(links), author_id: author, saved_at: new Date(noteAt + 5 * MINUTE_MS).toISOString() });
        versionId = second;
      } else {
        rows.versions.push({ id: versionId, note_id: noteId, patient_id: patient.id, parent_ids: '[]', content: JSON.stringify(content), links: JSON.stringify(links), author_id: author, saved_at: new Date(noteAt).toISOString() });
      }
      if (!draftNote) {
        const signedAt = new Date(noteAt + (edited ? 8 : 3) * MINUTE_MS).toISOString();
        rows.signs.push({ id: noteId, fields: { patient_id: patient.id, status: 'signed', signed_at: signedAt, signed_by: author, signed_version_id: versionId, updated_at: signedAt } });
        if (random.chance(0.08)) {
          const addendumMs = Math.min(anchorMs - MINUTE_MS, noteAt + random.int(1, 5) * DAY_MS);
          rows.addenda.push({ id: seededUuidV7(random, addendumMs), note_id: noteId, patient_id: patient.id, text: random.pick(ADDENDA), signed_by: author, signed_at: new Date(addendumMs).toISOString() });
        }
      }
    }
  });
  for (const event of sim.log) rows.events.push(toEventRow(event, patient.id));
}

/* ---------------------------------------------------------------- the step */

const ZONE = 'America/Santiago';

/** The chosen patients' completed appointments before the anchor, oldest first (none when the demo has no schedule). */
async function completedAppointments(ctx: ChairsideDemoContext, patients: ReadonlySet<string>): Promise<Map<string, DemoAppointment[]>> {
  const rows = await ctx.store.db
    .selectFrom('appointments')
    .leftJoin('providers', 'providers.id', 'appointments.provider_id')
    .select(['appointments.id', 'appointments.patient_id', 'appointments.start_local', 'providers.user_id'])
    .where('appointments.status', '=', 'completed')
    .where('appointments.deleted_at', 'is', null)
    .orderBy('appointments.start_local')
    .orderBy('appointments.id')
    .execute();
  const out = new Map<string, DemoAppointment[]>();
  for (const row of rows) {
    if (!patients.has(row.patient_id)) continue;
    const startMs = localToUtcMs(row.start_local, ZONE);
    if (startMs >= ctx.anchorMs) continue;
    const list = out.get(row.patient_id) ?? [];
    list.push({ id: row.id, startMs, providerUser: row.user_id ?? null });
    out.set(row.patient_id, list);
  }
  return out;
}

export async function generateChairsideDemo(ctx: ChairsideDemoContext): Promise<void> {
  const random = ctx.random('chairside');
  const clinicians = (role: string) => ctx.staff.filter((m) => m.role === role).map((m) => ctx.userIds.get(m.username)).filter((id): id is string => !!id);
  const staff: Clinicians = { dentists: clinicians('dentist'), hygienists: clinicians('hygienist') };
  if (staff.dentists.length === 0) staff.dentists.push(ctx.actor.userId ?? 'demo');

  // The practice's catalog and templates, as main seeds them, stamped with the practice's opening.
  const opened = new Date(ctx.anchorMs - 10 * 365 * DAY_MS).toISOString();
  await ctx.store.write(ctx.actor, async (tx) => {
    if (!(await tx.db.selectFrom('procedures').select('id').limit(1).executeTakeFirst())) for (const row of starterRows(opened)) await tx.insert('procedures', row);
    if (!(await tx.db.selectFrom('note_templates').select('id').limit(1).executeTakeFirst())) for (const row of defaultTemplateRows(opened)) await tx.insert('note_templates', row);
    await tx.audit({ action: 'demo.seed', entity: 'chairside', details: { catalog: true } });
  });

  const chosen = ctx.patients.filter((p) => random.chance(CHAIRSIDE_SHARE) && p.deleted_at === null && Date.parse(p.created_at) < ctx.anchorMs - 30 * DAY_MS);
  const appointments = await completedAppointments(ctx, new Set(chosen.map((p) => p.id)));
  const totals = { chart_events: 0, perio_exams: 0, staging_confirmations: 0, clinical_notes: 0, clinical_note_versions: 0, clinical_note_addenda: 0, chairside_patients: chosen.length };
  for (let start = 0; start < chosen.length; start += PATIENTS_PER_CHUNK) {
    const rows = emptyRows();
    for (const patient of chosen.slice(start, start + PATIENTS_PER_CHUNK)) {
      generatePatient(random, patient, ctx.anchorMs, staff, rows, random.chance(PERIO_SHARE_OF_CHARTED), appointments.get(patient.id));
    }
    const signs = new Map(rows.signs.map((s) => [s.id, s.fields]));
    await ctx.store.write(ctx.actor, async (tx) => {
      for (const row of rows.events) await tx.insert('chart_events', row);
      for (const row of rows.exams) await tx.insert('perio_exams', row);
      for (const row of rows.staging) await tx.insert('staging_confirmations', row);
      // In the order the chair writes them: the note as a draft, its versions, then the signature. (Versions
      // first and the note already signed would save a write, but leave a log that every joining workstation
      // must hold back and reorder: a signed note takes no more versions.)
      for (const row of rows.notes) await tx.insert('clinical_notes', row);
      for (const row of rows.versions) await tx.insert('clinical_note_versions', row);
      for (const [id, fields] of signs) await tx.update('clinical_notes', id, fields);
      for (const row of rows.addenda) await tx.insert('clinical_note_addenda', row);
      await tx.audit({
        action: 'demo.seed',
        entity: 'chairside',
        details: { patients: Math.min(PATIENTS_PER_CHUNK, chosen.length - start), events: rows.events.length, exams: rows.exams.length, notes: rows.notes.length },
      });
    });
    totals.chart_events += rows.events.length;
    totals.perio_exams += rows.exams.length;
    totals.staging_confirmations += rows.staging.length;
    totals.clinical_notes += rows.notes.length;
    totals.clinical_note_versions += rows.versions.length;
    totals.clinical_note_addenda += rows.addenda.length;
    ctx.progress(Math.min(start + PATIENTS_PER_CHUNK, chosen.length), chosen.length);
  }
  Object.assign(ctx.counts, totals);
}

export const chairsideStep: DemoStep = {
  name: 'chairside',
  run: (ctx) => generateChairsideDemo(ctx),
};

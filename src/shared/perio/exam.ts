/**
 * A periodontal exam: a snapshot, a draft while it is entered, then signed
 * and immutable.
 *
 * Gingival margin (GM) sign convention — one convention, used everywhere:
 *   GM is the position of the gingival margin relative to the CEJ, in mm,
 *   with RECESSION POSITIVE (the margin apical to the CEJ; entered as plain
 *   digits) and a margin CORONAL to the CEJ NEGATIVE (entered as "+n", or
 *   Ctrl+digit on the GM row). Then
 *       CAL = PD + GM
 *   PD 4 with 2 mm of recession: GM = 2, CAL = 6.
 *   PD 5 with the margin 2 mm coronal: GM = -2, CAL = 3.
 * CAL is computed here and never stored. A blank GM is read as 0 (margin at
 * the CEJ), because charts leave the GM row empty where there is neither
 * recession nor overgrowth; pass { blankGm: 'unknown' } to calOf to refuse
 * that assumption.
 *
 * Ranges: PD 0..19 mm (null = not measured, Open Dental's -1), GM -19..19,
 * MGJ (keratinised width, margin to MGJ) 0..19, mobility Miller 0..3 (I–III),
 * furcation 0..3 per entrance. Out-of-range values throw: the keyboard model
 * cannot produce them, so one would be a bug.
 *
 * Every function returns a new exam and leaves its argument alone, so an
 * exam can be kept in UI state and its history undone by keeping old values.
 * A signed exam is deep-frozen, and every editing function throws
 * SignedExamError on it.
 */

import { type FurcationEntrance, type Side, type Site, SITES, furcationEntrances, mgjApplies, siteSide } from './sites';
import { type ToothId, PERMANENT_DENTITION, buildDentition, isToothId } from '../chart/teeth';

export interface SiteReading {
  pd: number | null;
  gm: number | null;
  /** Keratinised width (margin to mucogingival junction), only where mgjApplies. */
  mgj: number | null;
  bleeding: boolean;
  suppuration: boolean;
  plaque: boolean;
  calculus: boolean;
}
export type SiteFlag = 'bleeding' | 'suppuration' | 'plaque' | 'calculus';
export const SITE_FLAGS: readonly SiteFlag[] = ['bleeding', 'suppuration', 'plaque', 'calculus'];

/** Miller 0, I, II, III stored as 0..3. */
export type Mobility = 0 | 1 | 2 | 3;
/** Hamp 0..3 (degree of horizontal furcation involvement). */
export type FurcationGrade = 0 | 1 | 2 | 3;

export interface PerioTooth {
  sites: Readonly<Record<Site, SiteReading>>;
  mobility: Mobility | null;
  furcation: Readonly<Partial<Record<FurcationEntrance, FurcationGrade>>>;
}

export interface PerioExam {
  id: string;
  /** The clinical date, YYYY-MM-DD. */
  date: string;
  status: 'draft' | 'signed';
  examiner: string | null;
  /** The teeth charted (permanent by default). */
  teeth: readonly ToothId[];
  /** Teeth skipped: missing, or not probed. */
  missing: readonly ToothId[];
  /** Only teeth with something recorded have an entry. */
  readings: Readonly<Record<ToothId, PerioTooth>>;
  signedBy: string | null;
  signedAt: string | null;
}

export class SignedExamError extends Error {
  constructor(readonly examId: string) {
    super(`Perio exam ${examId} is signed and cannot be changed`);
    this.name = 'SignedExamError';
  }
}

export class PerioValueError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'PerioValueError';
  }
}

export const EMPTY_SITE: SiteReading = Object.freeze({ pd: null, gm: null, mgj: null, bleeding: false, suppuration: false, plaque: false, calculus: false });
const EMPTY_SITES = Object.freeze(Object.fromEntries(SITES.map((s) => [s, EMPTY_SITE]))) as Readonly<Record<Site, SiteReading>>;
export const EMPTY_TOOTH: PerioTooth = Object.freeze({ sites: EMPTY_SITES, mobility: null, furcation: Object.freeze({}) });

export function createExam(input: { id: string; date: string; teeth?: readonly ToothId[]; missing?: readonly ToothId[]; examiner?: string | null }): PerioExam {
  const teeth = buildDentition(input.teeth ?? PERMANENT_DENTITION);
  const missing = buildDentition((input.missing ?? []).filter((t) => teeth.includes(t)));
  return { id: input.id, date: input.date, status: 'draft', examiner: input.examiner ?? null, teeth, missing, readings: {}, signedBy: null, signedAt: null };
}

export function assertDraft(exam: PerioExam): void {
  if (exam.status !== 'draft') throw new SignedExamError(exam.id);
}

export function presentTeeth(exam: PerioExam): ToothId[] {
  const missing = new Set(exam.missing);
  return exam.teeth.filter((t) => !missing.has(t));
}

export const isMissing = (exam: PerioExam, tooth: ToothId): boolean => exam.missing.includes(tooth);

export function toothReading(exam: PerioExam, tooth: ToothId): PerioTooth {
  return exam.readings[tooth] ?? EMPTY_TOOTH;
}

export function siteReading(exam: PerioExam, tooth: ToothId, site: Site): SiteReading {
  return toothReading(exam, tooth).sites[site];
}

function checkInt(name: string, value: number | null, min: number, max: number): void {
  if (value === null) return;
  if (!Number.isInteger(value) || value < min || value > max) throw new PerioValueError(`${name} must be a whole number from ${min} to ${max}, not ${value}`);
}

function checkTooth(exam: PerioExam, tooth: ToothId): void {
  if (!isToothId(tooth) || !exam.teeth.includes(tooth)) throw new PerioValueError(`Tooth ${tooth} is not on this exam`);
}

function withTooth(exam: PerioExam, tooth: ToothId, change: (t: PerioTooth) => PerioTooth): PerioExam {
  assertDraft(exam);
  checkTooth(exam, tooth);
  return { ...exam, readings: { ...exam.readings, [tooth]: change(toothReading(exam, tooth)) } };
}

export function setSite(exam: PerioExam, tooth: ToothId, site: Site, patch: Partial<SiteReading>): PerioExam {
  if (!SITES.includes(site)) throw new PerioValueError(`Unknown site ${site}`);
  if (patch.pd !== undefined) checkInt('PD', patch.pd, 0, 19);
  if (patch.gm !== undefined) checkInt('GM', patch.gm, -19, 19);
  if (patch.mgj !== undefined) {
    checkInt('MGJ', patch.mgj, 0, 19);
    if (patch.mgj !== null && !mgjApplies(tooth, siteSide(site))) throw new PerioValueError(`No MGJ is charted on the palate (tooth ${tooth}, ${site})`);
  }
  return withTooth(exam, tooth, (t) => ({ ...t, sites: { ...t.sites, [site]: { ...t.sites[site], ...patch } } }));
}

export function toggleFlag(exam: PerioExam, tooth: ToothId, site: Site, flag: SiteFlag): PerioExam {
  return setSite(exam, tooth, site, { [flag]: !siteReading(exam, tooth, site)[flag] });
}

export function setMobility(exam: PerioExam, tooth: ToothId, mobility: Mobility | null): PerioExam {
  checkInt('Mobility', mobility, 0, 3);
  return withTooth(exam, tooth, (t) => ({ ...t, mobility }));
}

export function setFurcation(exam: PerioExam, tooth: ToothId, entrance: FurcationEntrance, grade: FurcationGrade | null): PerioExam {
  if (!furcationEntrances(tooth).includes(entrance)) throw new PerioValueError(`Tooth ${tooth} has no ${entrance} furcation entrance`);
  checkInt('Furcation', grade, 0, 3);
  return withTooth(exam, tooth, (t) => {
    const furcation = { ...t.furcation };
    if (grade === null) delete furcation[entrance];
    else furcation[entrance] = grade;
    return { ...t, furcation };
  });
}

/** Marks a tooth missing (skipped by entry and indices) or present again; its readings are kept. */
export function setMissing(exam: PerioExam, tooth: ToothId, missing: boolean): PerioExam {
  assertDraft(exam);
  checkTooth(exam, tooth);
  const set = new Set(exam.missing);
  if (missing) set.add(tooth);
  else set.delete(tooth);
  return { ...exam, missing: buildDentition(set) };
}

/** CAL = PD + GM (see the sign convention above); null when PD was not measured. */
export function calOf(reading: SiteReading, options: { blankGm?: 'zero' | 'unknown' } = {}): number | null {
  if (reading.pd === null) return null;
  if (reading.gm === null) return options.blankGm === 'unknown' ? null : reading.pd;
  return reading.pd + reading.gm;
}

export function calAt(exam: PerioExam, tooth: ToothId, site: Site): number | null {
  return calOf(siteReading(exam, tooth, site));
}

/** The worst furcation grade on a tooth (0 when none recorded). */
export function worstFurcation(exam: PerioExam, tooth: ToothId): number {
  return Math.max(0, ...Object.values(toothReading(exam, tooth).furcation));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Closes the exam: returns a deep-frozen signed copy. Signing twice throws. */
export function signExam(exam: PerioExam, signature: { by: string; at: string }): PerioExam {
  assertDraft(exam);
  if (!signature.by) throw new PerioValueError('A signature needs a signer');
  if (Number.isNaN(Date.parse(signature.at))) throw new PerioValueError(`Not an ISO instant: ${signature.at}`);
  return deepFreeze(structuredClone({ ...exam, status: 'signed' as const, signedBy: signature.by, signedAt: signature.at }));
}

/** Every site of every present tooth, in the exam's tooth order (for indices, staging, reports). */
export function* presentSites(exam: PerioExam): Generator<{ tooth: ToothId; site: Site; side: Side; reading: SiteReading }> {
  for (const tooth of presentTeeth(exam)) {
    const t = toothReading(exam, tooth);
    for (const site of SITES) yield { tooth, site, side: siteSide(site), reading: t.sites[site] };
  }
}

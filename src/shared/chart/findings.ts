/**
 * What the odontogram records: findings and procedures with a status on a
 * treatment area, whole-tooth states, and which teeth the chart shows.
 *
 * These are the "items" of the chart. They never change in place: events
 * (events.ts) add a version, supersede it with a new one, end it, or void an
 * event recorded in error, and the chart at any instant is rebuilt from them.
 */

import { type Surface, normalizeSurfaces, surfacesFitTooth, sortSurfaces } from './surfaces';
import {
  type Arch,
  type Quadrant,
  type Sextant,
  type ToothId,
  QUADRANTS,
  SEXTANTS,
  arch as archOf,
  displaySequence,
  isContiguousRange,
  isToothId,
  quadrant as quadrantOf,
  sextant as sextantOf,
} from './teeth';

/** existing = before us; existing_other = done by another provider; condition = a diagnosis with no procedure. */
export const FINDING_STATUSES = ['existing', 'existing_other', 'planned', 'completed', 'referred', 'condition'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Statuses that mean the work is in the mouth now, so its resulting tooth state applies. */
export const IN_MOUTH_STATUSES: ReadonlySet<FindingStatus> = new Set(['existing', 'existing_other', 'completed']);

export const TOOTH_STATES = [
  'missing',
  'extracted',
  'extraction_planned',
  'implant',
  'crown',
  'root_canal',
  'post_core',
  'bridge_abutment',
  'pontic',
  'veneer',
  'sealant',
  'fracture',
  'root_remnant',
  'unerupted',
  'supernumerary',
] as const;
export type ToothState = (typeof TOOTH_STATES)[number];

/** States that mean there is no natural crown to draw (the odontogram hides surfaces). */
export const ABSENT_STATES: ReadonlySet<ToothState> = new Set(['missing', 'extracted', 'unerupted']);

/**
 * Setting a state ends these, because they can no longer be true: once a
 * tooth is extracted the planned extraction is done, and so on.
 */
export const STATE_ENDS: Readonly<Partial<Record<ToothState, readonly ToothState[]>>> = {
  extracted: ['extraction_planned', 'unerupted', 'root_remnant'],
  missing: ['extraction_planned', 'unerupted'],
  implant: ['missing', 'extracted'],
};

export const AREA_KINDS = ['surface', 'tooth', 'range', 'quadrant', 'sextant', 'arch', 'mouth'] as const;
export type AreaKind = (typeof AREA_KINDS)[number];

export type TreatmentArea =
  | { kind: 'surface'; tooth: ToothId; surfaces: readonly Surface[] }
  | { kind: 'tooth'; tooth: ToothId }
  /** A bridge or splint: contiguous teeth in one arch, in display order. */
  | { kind: 'range'; teeth: readonly ToothId[] }
  | { kind: 'quadrant'; quadrant: Quadrant }
  | { kind: 'sextant'; sextant: Sextant }
  | { kind: 'arch'; arch: Arch }
  | { kind: 'mouth' };

/** As typed: surfaces may be letters ('MOD', 'V'), normalized by normalizeArea. */
export type TreatmentAreaInput = Exclude<TreatmentArea, { kind: 'surface' }> | { kind: 'surface'; tooth: ToothId; surfaces: string | readonly string[] };

export type AreaError = 'unknown_tooth' | 'unknown_surface' | 'no_surfaces' | 'range_not_contiguous' | 'unknown_quadrant' | 'unknown_sextant' | 'unknown_arch';

export function normalizeArea(input: TreatmentAreaInput): { ok: true; area: TreatmentArea } | { ok: false; error: AreaError } {
  switch (input.kind) {
    case 'surface': {
      if (!isToothId(input.tooth)) return { ok: false, error: 'unknown_tooth' };
      const parsed = normalizeSurfaces(input.surfaces, input.tooth);
      if (!parsed.ok) return { ok: false, error: 'unknown_surface' };
      if (parsed.surfaces.length === 0) return { ok: false, error: 'no_surfaces' };
      return { ok: true, area: { kind: 'surface', tooth: input.tooth, surfaces: parsed.surfaces } };
    }
    case 'tooth':
      return isToothId(input.tooth) ? { ok: true, area: { kind: 'tooth', tooth: input.tooth } } : { ok: false, error: 'unknown_tooth' };
    case 'range': {
      if (!input.teeth.every(isToothId)) return { ok: false, error: 'unknown_tooth' };
      if (!isContiguousRange(input.teeth)) return { ok: false, error: 'range_not_contiguous' };
      return { ok: true, area: { kind: 'range', teeth: displaySequence(input.teeth) } };
    }
    case 'quadrant':
      return QUADRANTS.includes(input.quadrant) ? { ok: true, area: { kind: 'quadrant', quadrant: input.quadrant } } : { ok: false, error: 'unknown_quadrant' };
    case 'sextant':
      return SEXTANTS.includes(input.sextant) ? { ok: true, area: { kind: 'sextant', sextant: input.sextant } } : { ok: false, error: 'unknown_sextant' };
    case 'arch':
      return input.arch === 'upper' || input.arch === 'lower' ? { ok: true, area: { kind: 'arch', arch: input.arch } } : { ok: false, error: 'unknown_arch' };
    case 'mouth':
      return { ok: true, area: { kind: 'mouth' } };
  }
}

/** Whether a stored area is well formed (stored data is checked, not trusted). */
export function isValidArea(area: TreatmentArea): boolean {
  if (area.kind === 'surface') return isToothId(area.tooth) && area.surfaces.length > 0 && surfacesFitTooth(area.surfaces, area.tooth) && sortSurfaces(area.surfaces).length === area.surfaces.length;
  const normalized = normalizeArea(area);
  return normalized.ok;
}

/** The teeth an area names explicitly (surface, tooth, range); areas wider than a range name none. */
export function areaTeeth(area: TreatmentArea): readonly ToothId[] {
  return area.kind === 'surface' || area.kind === 'tooth' ? [area.tooth] : area.kind === 'range' ? area.teeth : [];
}

/** Whether an area covers a tooth (a quadrant covers each of its teeth, the mouth covers all). */
export function areaCovers(area: TreatmentArea, tooth: ToothId): boolean {
  switch (area.kind) {
    case 'surface':
    case 'tooth':
      return area.tooth === tooth;
    case 'range':
      return area.teeth.includes(tooth);
    case 'quadrant':
      return quadrantOf(tooth) === area.quadrant;
    case 'sextant':
      return sextantOf(tooth) === area.sextant;
    case 'arch':
      return archOf(tooth) === area.arch;
    case 'mouth':
      return true;
  }
}

export interface Finding {
  type: 'finding';
  area: TreatmentArea;
  /** A procedure or condition code from the practice's catalog. */
  code: string;
  status: FindingStatus;
  /** Free text the clinician typed (data, not UI text). */
  note?: string;
}

export interface ToothStateItem {
  type: 'tooth_state';
  tooth: ToothId;
  state: ToothState;
  note?: string;
}

/** Which teeth the chart shows (permanent, primary, a mixture, supernumerary teeth added). */
export interface DentitionItem {
  type: 'dentition';
  teeth: readonly ToothId[];
}

export type ChartItem = Finding | ToothStateItem | DentitionItem;

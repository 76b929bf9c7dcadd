/**
 * Probing sites, furcation entrances and where the mucogingival junction is
 * charted.
 *
 * Six sites per tooth, stored with Open Dental's names: MB, B, DB on the
 * facial side and ML, L, DL on the lingual side (on an upper tooth the
 * lingual side is the palate; it is still stored as L). Spanish charts (SEPA)
 * show MV, V, DV, and MP, P, DP on the palate; that is display only.
 */

import { type Language } from '../i18n/languages';
import { type ToothId, displayColumn, isPrimary, isSupernumerary, isUpper, toothInfo, toothType } from '../chart/teeth';

export type Site = 'MB' | 'B' | 'DB' | 'ML' | 'L' | 'DL';
export const SITES: readonly Site[] = ['MB', 'B', 'DB', 'ML', 'L', 'DL'];
export type Side = 'facial' | 'lingual';
export const FACIAL_SITES: readonly Site[] = ['MB', 'B', 'DB'];
export const LINGUAL_SITES: readonly Site[] = ['ML', 'L', 'DL'];
/** The interdental (interproximal) sites, the ones staging and the CDC/AAP definitions read. */
export const INTERPROXIMAL_SITES: readonly Site[] = ['MB', 'DB', 'ML', 'DL'];

export const siteSide = (site: Site): Side => (FACIAL_SITES.includes(site) ? 'facial' : 'lingual');
export const isInterproximal = (site: Site): boolean => INTERPROXIMAL_SITES.includes(site);

/** A side's three sites as drawn on screen, left to right (the dentist faces the patient). */
export function sitesLeftToRight(tooth: ToothId, side: Side): Site[] {
  const [m, mid, d] = side === 'facial' ? (['MB', 'B', 'DB'] as const) : (['ML', 'L', 'DL'] as const);
  // On the viewer's left half (the patient's right) the distal side of a tooth is on the left.
  return displayColumn(tooth) <= 7 ? [d, mid, m] : [m, mid, d];
}

/**
 * Display names: SEPA's MV/V/DV in Spanish, Open Dental's letters in English.
 * The lingual side of an upper tooth shows as palatal (MP/P/DP) in Spanish
 * by default; `palatal` overrides that either way.
 */
export function siteLabel(site: Site, tooth: ToothId, language: Language, options: { palatal?: boolean } = {}): string {
  const palatal = options.palatal ?? language === 'es';
  if (siteSide(site) === 'facial') return language === 'es' ? site.replace('B', 'V') : site;
  return palatal && isUpper(tooth) ? site.replace('L', 'P') : site;
}

/**
 * Furcation entrances: upper molars have a buccal, a mesiopalatal and a
 * distopalatal one; upper first premolars (two roots) a mesial and a distal
 * one; lower molars a buccal and a lingual one. Other teeth have none here
 * (primary and supernumerary teeth are not graded).
 */
export type FurcationEntrance = 'B' | 'L' | 'MP' | 'DP' | 'M' | 'D';

export function furcationEntrances(tooth: ToothId): FurcationEntrance[] {
  if (isPrimary(tooth) || isSupernumerary(tooth)) return [];
  const type = toothType(tooth);
  if (isUpper(tooth)) {
    if (type === 'molar') return ['B', 'MP', 'DP'];
    if (type === 'premolar' && toothInfo(tooth).position === 4) return ['M', 'D'];
    return [];
  }
  return type === 'molar' ? ['B', 'L'] : [];
}

/** Keratinised gingiva / MGJ is charted on the facial side, and lingually only in the mandible: the palate has none. */
export function mgjApplies(tooth: ToothId, side: Side): boolean {
  return side === 'facial' || !isUpper(tooth);
}

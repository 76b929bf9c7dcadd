/**
 * Tooth surfaces.
 *
 * Canonical codes (what is stored), following Open Dental's letters:
 *   M mesial, D distal, L lingual (palatal on upper teeth: still stored as L),
 *   B buccal on posterior teeth / F facial on anterior ones,
 *   O occlusal on posterior teeth / I incisal on anterior ones,
 *   B5 / F5 the cervical (Class V) variant of the facial surface.
 * A tooth therefore has exactly five surfaces plus the cervical variant, and
 * which letter names the facial and the biting surface depends only on
 * whether the tooth is anterior.
 *
 * Input is forgiving, because gloved hands type what they were taught:
 *   - V (vestibular, Spanish charts) is an alias of B/F, P (palatal) of L;
 *   - B and F are the same surface, so either is read as the tooth's own letter;
 *   - O on an anterior tooth is read as I, and I on a posterior tooth as O
 *     (there is only one biting surface), reported as a correction so the UI
 *     can show what it understood;
 *   - P on a lower tooth is read as L, also reported as a correction;
 *   - '5' marks the cervical variant: 'B5', 'V5', 'F5' or a lone '5'.
 * Spaces, commas, slashes and repeated letters are ignored; any other letter
 * is an error.
 *
 * Billing counts Class V as its facial surface: 'B5' bills as B and does not
 * add a surface.
 */

import { type Language } from '../i18n/languages';
import { type ToothId, isAnterior, isUpper } from './teeth';

export type Surface = 'M' | 'O' | 'I' | 'D' | 'B' | 'F' | 'L' | 'B5' | 'F5';
/** Canonical order: M O I D B F L, then the cervical variant. */
export const SURFACE_ORDER: readonly Surface[] = ['M', 'O', 'I', 'D', 'B', 'F', 'L', 'B5', 'F5'];

export type SurfaceCorrectionReason = 'occlusal_on_anterior' | 'incisal_on_posterior' | 'palatal_on_lower';
export interface SurfaceCorrection {
  typed: string;
  readAs: Surface;
  reason: SurfaceCorrectionReason;
}

export type SurfaceParse =
  | { ok: true; surfaces: Surface[]; corrections: SurfaceCorrection[] }
  | { ok: false; error: 'unknown_letter'; letter: string };

/** The five surfaces of a tooth, in canonical order (without the cervical variant). */
export function toothSurfaces(tooth: ToothId): Surface[] {
  return isAnterior(tooth) ? ['M', 'I', 'D', 'F', 'L'] : ['M', 'O', 'D', 'B', 'L'];
}

export const facialOf = (tooth: ToothId): 'B' | 'F' => (isAnterior(tooth) ? 'F' : 'B');
export const bitingOf = (tooth: ToothId): 'O' | 'I' => (isAnterior(tooth) ? 'I' : 'O');
export const cervicalOf = (tooth: ToothId): 'B5' | 'F5' => (isAnterior(tooth) ? 'F5' : 'B5');

export function sortSurfaces(surfaces: Iterable<Surface>): Surface[] {
  return [...new Set(surfaces)].sort((a, b) => SURFACE_ORDER.indexOf(a) - SURFACE_ORDER.indexOf(b));
}

/** Reads typed letters ('MOD', 'm,o,d', 'V5', ['M', 'I']) as the canonical surfaces of one tooth. */
export function normalizeSurfaces(input: string | readonly string[], tooth: ToothId): SurfaceParse {
  const text = (typeof input === 'string' ? input : input.join('')).toUpperCase().replace(/[\s,;/+\-.]+/g, '');
  const out: Surface[] = [];
  const corrections: SurfaceCorrection[] = [];
  const anterior = isAnterior(tooth);
  for (let i = 0; i < text.length; i++) {
    const letter = text[i]!;
    const cervical = text[i + 1] === '5' && 'BFV'.includes(letter);
    if (cervical) i++;
    switch (letter) {
      case 'M':
      case 'D':
        out.push(letter);
        break;
      case 'L':
        out.push('L');
        break;
      case 'P':
        if (!isUpper(tooth)) corrections.push({ typed: 'P', readAs: 'L', reason: 'palatal_on_lower' });
        out.push('L');
        break;
      case 'O':
      case 'I': {
        const surface = bitingOf(tooth);
        if (letter !== surface) corrections.push({ typed: letter, readAs: surface, reason: anterior ? 'occlusal_on_anterior' : 'incisal_on_posterior' });
        out.push(surface);
        break;
      }
      case 'B':
      case 'F':
      case 'V':
        out.push(cervical ? cervicalOf(tooth) : facialOf(tooth));
        break;
      case '5':
        out.push(cervicalOf(tooth));
        break;
      default:
        return { ok: false, error: 'unknown_letter', letter };
    }
  }
  return { ok: true, surfaces: sortSurfaces(out), corrections };
}

/** Canonical storage form: 'MOD', 'DL', 'B5'. */
export function surfacesText(surfaces: readonly Surface[]): string {
  return sortSurfaces(surfaces).join('');
}

/** Keyboard toggle on a selected tooth: a surface letter adds the surface, or removes it if present. */
export function toggleSurface(current: readonly Surface[], letter: string, tooth: ToothId): Surface[] {
  const parsed = normalizeSurfaces(letter, tooth);
  if (!parsed.ok || parsed.surfaces.length !== 1) return sortSurfaces(current);
  const surface = parsed.surfaces[0]!;
  return current.includes(surface) ? sortSurfaces(current.filter((s) => s !== surface)) : sortSurfaces([...current, surface]);
}

export interface SurfaceDisplayOptions {
  /** Show the facial surface as V (vestibular). Default: true for 'es'. */
  vestibular?: boolean;
  /** Show the lingual surface of an upper tooth as P (palatal). Default: true for 'es'. */
  palatal?: boolean;
}

/** The letters a chart in that language shows for one surface of one tooth. */
export function surfaceLabel(surface: Surface, tooth: ToothId, language: Language, options: SurfaceDisplayOptions = {}): string {
  const vestibular = options.vestibular ?? language === 'es';
  const palatal = options.palatal ?? language === 'es';
  switch (surface) {
    case 'B':
    case 'F':
      return vestibular ? 'V' : surface;
    case 'B5':
    case 'F5':
      return vestibular ? 'V5' : surface;
    case 'L':
      return palatal && isUpper(tooth) ? 'P' : 'L';
    default:
      return surface;
  }
}

export function formatSurfaces(surfaces: readonly Surface[], tooth: ToothId, language: Language, options: SurfaceDisplayOptions = {}): string {
  return sortSurfaces(surfaces)
    .map((s) => surfaceLabel(s, tooth, language, options))
    .join('');
}

/** The surfaces as billed: the cervical variant becomes its facial surface, counted once. */
export function billingSurfaces(surfaces: readonly Surface[]): Surface[] {
  return sortSurfaces(surfaces.map((s) => (s === 'B5' ? 'B' : s === 'F5' ? 'F' : s)));
}

export function billingSurfaceCount(surfaces: readonly Surface[]): number {
  return billingSurfaces(surfaces).length;
}

/** Whether every code is a surface this tooth has (used to validate stored data). */
export function surfacesFitTooth(surfaces: readonly Surface[], tooth: ToothId): boolean {
  const allowed = new Set<Surface>([...toothSurfaces(tooth), cervicalOf(tooth)]);
  return surfaces.every((s) => allowed.has(s));
}

/**
 * What staging reads off an exam: interdental CAL, probing depths, teeth
 * present, mobility and furcations. Only present teeth count.
 */

import { type PerioExam, calOf, presentTeeth, toothReading } from '../perio/exam';
import { type Site, INTERPROXIMAL_SITES, SITES } from '../perio/sites';
import { type ToothId, displayOrder, isPrimary, isSupernumerary, isUpper, toothInfo } from '../chart/teeth';

export interface SiteValue {
  tooth: ToothId;
  site: Site;
  value: number;
}

/** The site with the highest value (first in tooth order on a tie), or null when none was measured. */
function worst(values: Iterable<SiteValue>): SiteValue | null {
  let best: SiteValue | null = null;
  for (const v of values) if (!best || v.value > best.value) best = v;
  return best;
}

export function* interdentalCals(exam: PerioExam): Generator<SiteValue> {
  for (const tooth of presentTeeth(exam)) {
    const t = toothReading(exam, tooth);
    for (const site of INTERPROXIMAL_SITES) {
      const cal = calOf(t.sites[site]);
      if (cal !== null) yield { tooth, site, value: cal };
    }
  }
}

export function* probingDepths(exam: PerioExam): Generator<SiteValue> {
  for (const tooth of presentTeeth(exam)) {
    const t = toothReading(exam, tooth);
    for (const site of SITES) {
      const pd = t.sites[site].pd;
      if (pd !== null) yield { tooth, site, value: pd };
    }
  }
}

export const worstInterdentalCal = (exam: PerioExam): SiteValue | null => worst(interdentalCals(exam));
export const deepestPocket = (exam: PerioExam): SiteValue | null => worst(probingDepths(exam));

/** The worst interdental CAL per present tooth (teeth with none measured are left out). */
export function worstCalPerTooth(exam: PerioExam): Map<ToothId, number> {
  const out = new Map<ToothId, number>();
  for (const v of interdentalCals(exam)) out.set(v.tooth, Math.max(out.get(v.tooth) ?? -Infinity, v.value));
  return out;
}

/** Present natural permanent teeth (what "remaining teeth" means for staging). */
export function remainingTeeth(exam: PerioExam): ToothId[] {
  return presentTeeth(exam).filter((t) => !isPrimary(t) && !isSupernumerary(t));
}

/**
 * Opposing pairs: positions where the upper and the lower tooth on the same
 * side are both present (same FDI position; an approximation of occluding
 * units good enough to count them).
 */
export function opposingPairs(exam: PerioExam): number {
  const present = new Set(remainingTeeth(exam).map((t) => {
    const { quadrant, position } = toothInfo(t);
    return `${quadrant}-${position}`;
  }));
  let pairs = 0;
  for (let position = 1; position <= 8; position++) {
    if (present.has(`1-${position}`) && present.has(`4-${position}`)) pairs++;
    if (present.has(`2-${position}`) && present.has(`3-${position}`)) pairs++;
  }
  return pairs;
}

export function mobileTeeth(exam: PerioExam, atLeast: number): ToothId[] {
  return presentTeeth(exam).filter((t) => (toothReading(exam, t).mobility ?? 0) >= atLeast);
}

export function furcationTeeth(exam: PerioExam, atLeast: number): ToothId[] {
  return presentTeeth(exam).filter((t) => Object.values(toothReading(exam, t).furcation).some((g) => g >= atLeast));
}

/** Whether two teeth are neighbours in an arch among the present teeth (a gap left by a missing tooth does not separate them). */
export function areNeighbours(exam: PerioExam, a: ToothId, b: ToothId): boolean {
  if (isUpper(a) !== isUpper(b)) return false;
  const rows = displayOrder(presentTeeth(exam));
  const row = isUpper(a) ? rows.upper : rows.lower;
  return Math.abs(row.indexOf(a) - row.indexOf(b)) === 1;
}

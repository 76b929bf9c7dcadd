/**
 * Site indices: BOP % and plaque % (and the same for suppuration and calculus).
 *
 *   percent = marked sites / examined sites
 *
 * Examined sites are the sites with a PD entered on present teeth; missing
 * (skipped) teeth count for nothing. A mark on a site without a PD is not
 * counted, so the percentage never passes 100.
 *
 * Rounding: to a whole percent, half up, in exact integer arithmetic (no
 * floating-point surprises at .5). 19/192 = 9.9 % shows as 10 %, as in
 * Open Dental's manual; 1/8 = 12.5 % shows as 13 %. With nothing examined the
 * percentage is null (shown as a dash), not 0.
 */

import { type PerioExam, type SiteFlag, calOf, presentSites } from './exam';

export interface SiteIndex {
  marked: number;
  examined: number;
  /** Whole percent, rounded half up; null when nothing was examined. */
  percent: number | null;
}

/** round(100 · marked / examined), half up, exactly. */
export function percentHalfUp(marked: number, examined: number): number | null {
  if (!Number.isInteger(marked) || !Number.isInteger(examined) || marked < 0 || examined < 0 || marked > examined) {
    throw new RangeError(`Not a site count: ${marked}/${examined}`);
  }
  if (examined === 0) return null;
  return Math.floor((200 * marked + examined) / (2 * examined));
}

export function siteIndex(exam: PerioExam, flag: SiteFlag): SiteIndex {
  let marked = 0;
  let examined = 0;
  for (const { reading } of presentSites(exam)) {
    if (reading.pd === null) continue;
    examined++;
    if (reading[flag]) marked++;
  }
  return { marked, examined, percent: percentHalfUp(marked, examined) };
}

export const bleedingIndex = (exam: PerioExam): SiteIndex => siteIndex(exam, 'bleeding');
export const plaqueIndex = (exam: PerioExam): SiteIndex => siteIndex(exam, 'plaque');

/** Whether an index passes the practice's threshold (shown red); a missing value never does. */
export function exceedsThreshold(index: SiteIndex, thresholdPercent: number): boolean {
  return index.percent !== null && index.percent > thresholdPercent;
}

export interface PerioSummary {
  examinedSites: number;
  bleeding: SiteIndex;
  plaque: SiteIndex;
  suppuration: SiteIndex;
  calculus: SiteIndex;
  /** Sites by probing depth: ≤3, 4–5, ≥6 mm. */
  pdUpTo3: number;
  pd4to5: number;
  pd6plus: number;
  /** Means to one decimal, null with nothing examined. */
  meanPd: number | null;
  meanCal: number | null;
}

export function perioSummary(exam: PerioExam): PerioSummary {
  let n = 0;
  let pdSum = 0;
  let calSum = 0;
  let pdUpTo3 = 0;
  let pd4to5 = 0;
  let pd6plus = 0;
  for (const { reading } of presentSites(exam)) {
    if (reading.pd === null) continue;
    n++;
    pdSum += reading.pd;
    calSum += calOf(reading)!;
    if (reading.pd <= 3) pdUpTo3++;
    else if (reading.pd <= 5) pd4to5++;
    else pd6plus++;
  }
  const mean = (sum: number) => (n === 0 ? null : Math.round((sum / n) * 10) / 10);
  return {
    examinedSites: n,
    bleeding: siteIndex(exam, 'bleeding'),
    plaque: siteIndex(exam, 'plaque'),
    suppuration: siteIndex(exam, 'suppuration'),
    calculus: siteIndex(exam, 'calculus'),
    pdUpTo3,
    pd4to5,
    pd6plus,
    meanPd: mean(pdSum),
    meanCal: mean(calSum),
  };
}

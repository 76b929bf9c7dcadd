/**
 * CDC/AAP surveillance case definitions (Eke, Page, Wei, Thornton-Evans &
 * Genco 2012), for population reports. Only interproximal sites count
 * (MB, DB, ML, DL), CAL = PD + GM as everywhere (perio/exam.ts), and third
 * molars are left out, as in the NHANES protocol the definitions were made
 * for (includeThirdMolars: true counts them).
 *
 *   severe    ≥2 interproximal sites with CAL ≥6 mm, not on the same tooth,
 *             AND ≥1 interproximal site with PD ≥5 mm;
 *   moderate  ≥2 interproximal sites with CAL ≥4 mm, not on the same tooth,
 *             OR ≥2 interproximal sites with PD ≥5 mm, not on the same tooth;
 *   mild      ≥2 interproximal sites with CAL ≥3 mm AND (≥2 interproximal
 *             sites with PD ≥4 mm, not on the same tooth, OR one site with
 *             PD ≥5 mm).
 * "Not on the same tooth" means the sites lie on at least two different
 * teeth. The mild rule is read as Eke's and the CDC's code group it: the
 * attachment-loss condition always holds, and the pocket condition is either
 * of the two (a single 5 mm pocket without attachment loss is not a case).
 */

import { type PerioExam, calOf, presentTeeth, toothReading } from '../perio/exam';
import { INTERPROXIMAL_SITES } from '../perio/sites';
import { type ToothId, isThirdMolar } from '../chart/teeth';

export type CdcAapCase = 'severe' | 'moderate' | 'mild' | 'none';

export interface CdcAapCounts {
  case: CdcAapCase;
  /** Interproximal sites and the distinct teeth they lie on, per threshold. */
  cal3: { sites: number; teeth: number };
  cal4: { sites: number; teeth: number };
  cal6: { sites: number; teeth: number };
  pd4: { sites: number; teeth: number };
  pd5: { sites: number; teeth: number };
}

export function cdcAapDetails(exam: PerioExam, options: { includeThirdMolars?: boolean } = {}): CdcAapCounts {
  const counters = { cal3: [3, 'cal'], cal4: [4, 'cal'], cal6: [6, 'cal'], pd4: [4, 'pd'], pd5: [5, 'pd'] } as const;
  const sites: Record<keyof typeof counters, number> = { cal3: 0, cal4: 0, cal6: 0, pd4: 0, pd5: 0 };
  const teeth: Record<keyof typeof counters, Set<ToothId>> = { cal3: new Set(), cal4: new Set(), cal6: new Set(), pd4: new Set(), pd5: new Set() };
  for (const tooth of presentTeeth(exam)) {
    if (!options.includeThirdMolars && isThirdMolar(tooth)) continue;
    const t = toothReading(exam, tooth);
    for (const site of INTERPROXIMAL_SITES) {
      const reading = t.sites[site];
      const values = { pd: reading.pd, cal: calOf(reading) };
      for (const [name, [threshold, measure]] of Object.entries(counters) as Array<[keyof typeof counters, readonly [number, 'cal' | 'pd']]>) {
        const v = values[measure];
        if (v !== null && v >= threshold) {
          sites[name]++;
          teeth[name].add(tooth);
        }
      }
    }
  }
  const count = (name: keyof typeof counters) => ({ sites: sites[name], teeth: teeth[name].size });
  const c = { cal3: count('cal3'), cal4: count('cal4'), cal6: count('cal6'), pd4: count('pd4'), pd5: count('pd5') };
  let result: CdcAapCase = 'none';
  if (c.cal6.teeth >= 2 && c.pd5.sites >= 1) result = 'severe';
  else if (c.cal4.teeth >= 2 || c.pd5.teeth >= 2) result = 'moderate';
  else if (c.cal3.sites >= 2 && (c.pd4.teeth >= 2 || c.pd5.sites >= 1)) result = 'mild';
  return { case: result, ...c };
}

export function cdcAapCaseDefinition(exam: PerioExam, options: { includeThirdMolars?: boolean } = {}): CdcAapCase {
  return cdcAapDetails(exam, options).case;
}

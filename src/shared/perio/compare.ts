/**
 * Two exams side by side: per-site PD and CAL changes and bleeding changes,
 * with a highlight where a change reaches the practice's threshold (2 mm by
 * default, the usual cut-off for a change beyond probing error).
 *
 * Deltas are after − before: positive means deeper pockets or more
 * attachment lost (worse). A site is compared only where both exams measured
 * it; teeth missing in either exam are reported apart.
 */

import { type PerioExam, calOf, isMissing, siteReading } from './exam';
import { type Site, SITES } from './sites';
import { type ToothId, buildDentition } from '../chart/teeth';

export interface CompareThresholds {
  /** A PD change of at least this many mm is highlighted. */
  pdMm: number;
  /** A CAL change of at least this many mm is highlighted. */
  calMm: number;
}

export const DEFAULT_COMPARE_THRESHOLDS: CompareThresholds = { pdMm: 2, calMm: 2 };

export interface Delta {
  before: number | null;
  after: number | null;
  /** after − before, null unless both were measured. */
  delta: number | null;
}

export interface SiteChange {
  tooth: ToothId;
  site: Site;
  pd: Delta;
  cal: Delta;
  bleeding: 'new' | 'resolved' | 'still' | 'none';
  /** 'worse' when PD or CAL grew by the threshold, 'better' when they shrank by it (worse wins). */
  highlight: 'worse' | 'better' | null;
}

export interface ExamComparison {
  before: string;
  after: string;
  /** Every site of every tooth present in both exams, in tooth order. */
  sites: SiteChange[];
  /** Teeth present in the earlier exam and missing in the later one (lost or not probed). */
  lostTeeth: ToothId[];
  /** Teeth missing earlier and present later (erupted, or probed this time). */
  newTeeth: ToothId[];
  worse: number;
  better: number;
}

function delta(before: number | null, after: number | null): Delta {
  return { before, after, delta: before === null || after === null ? null : after - before };
}

function bleedingChange(before: boolean, after: boolean): SiteChange['bleeding'] {
  return before ? (after ? 'still' : 'resolved') : after ? 'new' : 'none';
}

/** Compares an earlier exam (a) with a later one (b). */
export function compareExams(a: PerioExam, b: PerioExam, thresholds: CompareThresholds = DEFAULT_COMPARE_THRESHOLDS): ExamComparison {
  const inA = new Set(a.teeth.filter((t) => !isMissing(a, t)));
  const inB = new Set(b.teeth.filter((t) => !isMissing(b, t)));
  const both = buildDentition([...inA].filter((t) => inB.has(t)));
  const sites: SiteChange[] = [];
  let worse = 0;
  let better = 0;
  for (const tooth of both) {
    for (const site of SITES) {
      const ra = siteReading(a, tooth, site);
      const rb = siteReading(b, tooth, site);
      const pd = delta(ra.pd, rb.pd);
      const cal = delta(calOf(ra), calOf(rb));
      const grew = (pd.delta ?? 0) >= thresholds.pdMm || (cal.delta ?? 0) >= thresholds.calMm;
      const shrank = (pd.delta ?? 0) <= -thresholds.pdMm || (cal.delta ?? 0) <= -thresholds.calMm;
      const highlight = grew ? 'worse' : shrank ? 'better' : null;
      if (highlight === 'worse') worse++;
      if (highlight === 'better') better++;
      sites.push({ tooth, site, pd, cal, bleeding: bleedingChange(ra.bleeding, rb.bleeding), highlight });
    }
  }
  return {
    before: a.id,
    after: b.id,
    sites,
    lostTeeth: buildDentition([...inA].filter((t) => !inB.has(t))),
    newTeeth: buildDentition([...inB].filter((t) => !inA.has(t))),
    worse,
    better,
  };
}

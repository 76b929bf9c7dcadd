import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERMANENT_TEETH } from '../../src/shared/chart/teeth';
import { compareExams } from '../../src/shared/perio/compare';
import { type PerioExam, createExam, setMissing, setSite } from '../../src/shared/perio/exam';
import { bleedingIndex, exceedsThreshold, percentHalfUp, perioSummary, plaqueIndex } from '../../src/shared/perio/indices';
import { SITES } from '../../src/shared/perio/sites';

/** A full mouth probed at 3 mm, with the first `bleeding` sites (in tooth order) bleeding. */
function fullMouth(bleeding: number, plaque = 0): PerioExam {
  let exam = createExam({ id: 'f', date: '2025-03-04' });
  let i = 0;
  for (const tooth of PERMANENT_TEETH) {
    for (const site of SITES) {
      exam = setSite(exam, tooth, site, { pd: 3, bleeding: i < bleeding, plaque: i < plaque });
      i++;
    }
  }
  return exam;
}

describe('index rounding: whole percent, half up', () => {
  it('shows 19/192 as 10 %, as in Open Dental\'s manual', () => {
    expect(percentHalfUp(19, 192)).toBe(10);
  });

  it('rounds halves up and everything else to the nearest', () => {
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5
    expect(percentHalfUp(3, 8)).toBe(38); // 37.5
    expect(percentHalfUp(1, 200)).toBe(1); // 0.5
    expect(percentHalfUp(1, 3)).toBe(33);
    expect(percentHalfUp(2, 3)).toBe(67);
    expect(percentHalfUp(0, 5)).toBe(0);
    expect(percentHalfUp(5, 5)).toBe(100);
    expect(percentHalfUp(0, 0)).toBeNull();
    expect(() => percentHalfUp(3, 2)).toThrow(RangeError);
  });

  it('is the nearest whole percent, halves up, exactly (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), ([m, n]) => {
        const r = percentHalfUp(m, n)!;
        // (r − ½)·n ≤ 100·m < (r + ½)·n, in integers
        expect((2 * r - 1) * n <= 200 * m && 200 * m < (2 * r + 1) * n).toBe(true);
      }),
    );
  });
});

describe('BOP % and plaque %', () => {
  it('counts marked sites over sites with a PD on present teeth', () => {
    const exam = fullMouth(19, 48);
    expect(bleedingIndex(exam)).toEqual({ marked: 19, examined: 192, percent: 10 });
    expect(plaqueIndex(exam)).toEqual({ marked: 48, examined: 192, percent: 25 });
  });

  it('leaves missing teeth and unprobed sites out of both counts', () => {
    let exam = fullMouth(6); // tooth 1 bleeds at all six sites
    exam = setMissing(exam, '1', true);
    expect(bleedingIndex(exam)).toEqual({ marked: 0, examined: 186, percent: 0 });
    exam = setSite(exam, '2', 'MB', { pd: null, bleeding: true });
    expect(bleedingIndex(exam)).toEqual({ marked: 0, examined: 185, percent: 0 });
    expect(bleedingIndex(createExam({ id: 'e', date: '2025-03-04' })).percent).toBeNull();
  });

  it('flags an index past the practice threshold', () => {
    expect(exceedsThreshold(bleedingIndex(fullMouth(19)), 10)).toBe(false);
    expect(exceedsThreshold(bleedingIndex(fullMouth(21)), 10)).toBe(true); // 10.9 → 11
    expect(exceedsThreshold({ marked: 0, examined: 0, percent: null }, 0)).toBe(false);
  });

  it('summarises depths', () => {
    let exam = fullMouth(0);
    exam = setSite(exam, '3', 'MB', { pd: 5, gm: 1 });
    exam = setSite(exam, '3', 'DB', { pd: 7 });
    const summary = perioSummary(exam);
    expect(summary).toMatchObject({ examinedSites: 192, pdUpTo3: 190, pd4to5: 1, pd6plus: 1 });
    expect(summary.meanPd).toBe(3);
    expect(summary.meanCal).toBe(Math.round(((190 * 3 + 6 + 7) / 192) * 10) / 10);
  });
});

describe('comparing two exams', () => {
  it('gives per-site PD and CAL changes and highlights changes of 2 mm or more', () => {
    const before = setSite(setSite(fullMouth(1), '3', 'MB', { pd: 3 }), '14', 'DL', { pd: 6, bleeding: true });
    let after = fullMouth(0);
    after = setSite(after, '3', 'MB', { pd: 5 }); // +2: worse
    after = setSite(after, '3', 'B', { pd: 4 }); // +1: not highlighted
    after = setSite(after, '3', 'DB', { pd: 3, gm: 2 }); // CAL +2 from recession: worse
    after = setSite(after, '14', 'DL', { pd: 4 }); // −2: better, bleeding resolved
    after = setSite(after, '30', 'L', { bleeding: true });
    after = setMissing(after, '32', true);
    const c = compareExams(before, after);
    const site = (tooth: string, s: string) => c.sites.find((x) => x.tooth === tooth && x.site === s)!;
    expect(site('3', 'MB')).toMatchObject({ pd: { before: 3, after: 5, delta: 2 }, highlight: 'worse' });
    expect(site('3', 'B')).toMatchObject({ pd: { delta: 1 }, highlight: null });
    expect(site('3', 'DB')).toMatchObject({ pd: { delta: 0 }, cal: { before: 3, after: 5, delta: 2 }, highlight: 'worse' });
    expect(site('14', 'DL')).toMatchObject({ pd: { delta: -2 }, highlight: 'better', bleeding: 'resolved' });
    expect(site('30', 'L').bleeding).toBe('new');
    expect(site('1', 'MB').bleeding).toBe('resolved');
    expect(c).toMatchObject({ worse: 2, better: 1, lostTeeth: ['32'], newTeeth: [] });
    expect(c.sites).toHaveLength(31 * 6);
    expect(compareExams(before, after, { pdMm: 1, calMm: 1 }).worse).toBe(3);
  });
});

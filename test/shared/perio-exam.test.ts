import { describe, expect, it } from 'vitest';
import { parseTooth } from '../../src/shared/chart/teeth';
import { applyKeys, startEntry, INTERLEAVED_PASSES } from '../../src/shared/perio/entry';
import {
  PerioValueError,
  SignedExamError,
  calAt,
  calOf,
  createExam,
  presentTeeth,
  setFurcation,
  setMissing,
  setMobility,
  setSite,
  signExam,
  siteReading,
  worstFurcation,
} from '../../src/shared/perio/exam';
import { furcationEntrances, mgjApplies, siteLabel, sitesLeftToRight } from '../../src/shared/perio/sites';

const fdi = (code: string) => parseTooth(code, 'fdi')!;
const draft = () => createExam({ id: 'x1', date: '2025-03-04' });

describe('the CAL sign convention: CAL = PD + GM, recession positive', () => {
  it('PD 4 with 2 mm of recession gives CAL 6', () => {
    const exam = setSite(draft(), '3', 'MB', { pd: 4, gm: 2 });
    expect(calAt(exam, '3', 'MB')).toBe(6);
  });

  it('PD 5 with the margin 2 mm coronal to the CEJ gives CAL 3', () => {
    const exam = setSite(draft(), '3', 'MB', { pd: 5, gm: -2 });
    expect(calAt(exam, '3', 'MB')).toBe(3);
  });

  it('the keyboard enters recession as plain digits and a coronal margin as Ctrl+digit or "+n"', () => {
    // Interleaved: PD then GM at each site. Tooth 1 facial starts DB, B, MB.
    let s = startEntry(draft(), { order: 'open_dental', passes: INTERLEAVED_PASSES });
    s = applyKeys(s, ['4', '2', '5', { key: '2', ctrl: true }, '5', '+', '2']);
    expect(calAt(s.exam, '1', 'DB')).toBe(6);
    expect(siteReading(s.exam, '1', 'B').gm).toBe(-2);
    expect(calAt(s.exam, '1', 'B')).toBe(3);
    expect(calAt(s.exam, '1', 'MB')).toBe(3);
  });

  it('reads a blank GM as the margin at the CEJ, unless asked not to', () => {
    const reading = siteReading(setSite(draft(), '3', 'B', { pd: 3 }), '3', 'B');
    expect(calOf(reading)).toBe(3);
    expect(calOf(reading, { blankGm: 'unknown' })).toBeNull();
    expect(calAt(draft(), '3', 'B')).toBeNull();
  });
});

describe('what an exam records', () => {
  it('keeps values in range', () => {
    const exam = draft();
    expect(() => setSite(exam, '3', 'MB', { pd: 20 })).toThrow(PerioValueError);
    expect(() => setSite(exam, '3', 'MB', { pd: -1 })).toThrow(PerioValueError);
    expect(() => setSite(exam, '3', 'MB', { pd: 2.5 })).toThrow(PerioValueError);
    expect(() => setSite(exam, '3', 'MB', { gm: 20 })).toThrow(PerioValueError);
    expect(() => setMobility(exam, '3', 4 as 3)).toThrow(PerioValueError);
    expect(() => setSite(exam, 'A', 'MB', { pd: 3 })).toThrow(PerioValueError); // not on a permanent exam
    expect(setSite(exam, '3', 'MB', { pd: 19, gm: -19 }).readings['3']!.sites.MB).toMatchObject({ pd: 19, gm: -19 });
  });

  it('charts furcations on the right entrances: upper molars B, MP, DP; upper first premolars M, D; lower molars B, L', () => {
    expect(furcationEntrances(fdi('16'))).toEqual(['B', 'MP', 'DP']);
    expect(furcationEntrances(fdi('28'))).toEqual(['B', 'MP', 'DP']);
    expect(furcationEntrances(fdi('14'))).toEqual(['M', 'D']);
    expect(furcationEntrances(fdi('24'))).toEqual(['M', 'D']);
    expect(furcationEntrances(fdi('15'))).toEqual([]);
    expect(furcationEntrances(fdi('36'))).toEqual(['B', 'L']);
    expect(furcationEntrances(fdi('44'))).toEqual([]);
    expect(furcationEntrances(fdi('11'))).toEqual([]);
    const exam = setFurcation(draft(), fdi('16'), 'MP', 2);
    expect(worstFurcation(exam, fdi('16'))).toBe(2);
    expect(() => setFurcation(exam, fdi('36'), 'MP', 1)).toThrow(PerioValueError);
    expect(setFurcation(exam, fdi('16'), 'MP', null).readings[fdi('16')]!.furcation).toEqual({});
  });

  it('charts the MGJ facially and on the lower lingual, never on the palate', () => {
    expect(mgjApplies(fdi('16'), 'facial')).toBe(true);
    expect(mgjApplies(fdi('16'), 'lingual')).toBe(false);
    expect(mgjApplies(fdi('36'), 'lingual')).toBe(true);
    expect(() => setSite(draft(), fdi('16'), 'L', { mgj: 3 })).toThrow(PerioValueError);
    expect(setSite(draft(), fdi('36'), 'L', { mgj: 3 }).readings[fdi('36')]!.sites.L.mgj).toBe(3);
  });

  it('names sites as SEPA does in Spanish, palatal on upper teeth', () => {
    expect(['MB', 'B', 'DB', 'ML', 'L', 'DL'].map((s) => siteLabel(s as 'MB', fdi('16'), 'es'))).toEqual(['MV', 'V', 'DV', 'MP', 'P', 'DP']);
    expect(['MB', 'B', 'DB', 'ML', 'L', 'DL'].map((s) => siteLabel(s as 'MB', fdi('46'), 'es'))).toEqual(['MV', 'V', 'DV', 'ML', 'L', 'DL']);
    expect(siteLabel('DB', fdi('46'), 'en')).toBe('DB');
    expect(siteLabel('ML', fdi('16'), 'en')).toBe('ML');
    expect(siteLabel('ML', fdi('16'), 'en', { palatal: true })).toBe('MP');
    expect(siteLabel('ML', fdi('16'), 'es', { palatal: false })).toBe('ML');
    expect(sitesLeftToRight(fdi('16'), 'facial')).toEqual(['DB', 'B', 'MB']);
    expect(sitesLeftToRight(fdi('26'), 'facial')).toEqual(['MB', 'B', 'DB']);
  });

  it('never changes the exam it is given', () => {
    const exam = draft();
    const next = setMissing(setSite(exam, '3', 'MB', { pd: 4 }), '1', true);
    expect(exam.readings).toEqual({});
    expect(exam.missing).toEqual([]);
    expect(presentTeeth(next)).toHaveLength(31);
  });
});

describe('signing', () => {
  it('returns a frozen exam that nothing can change', () => {
    const exam = setSite(draft(), '3', 'MB', { pd: 4 });
    const signed = signExam(exam, { by: 'hyg-b', at: '2025-03-04T15:00:00Z' });
    expect(signed).toMatchObject({ status: 'signed', signedBy: 'hyg-b', signedAt: '2025-03-04T15:00:00Z' });
    expect(Object.isFrozen(signed)).toBe(true);
    expect(Object.isFrozen(signed.readings['3']!.sites.MB)).toBe(true);
    expect(() => setSite(signed, '3', 'MB', { pd: 5 })).toThrow(SignedExamError);
    expect(() => setMobility(signed, '3', 1)).toThrow(SignedExamError);
    expect(() => setMissing(signed, '3', true)).toThrow(SignedExamError);
    expect(() => signExam(signed, { by: 'x', at: '2025-03-04T15:00:00Z' })).toThrow(SignedExamError);
    expect(() => applyKeys(startEntry(signed), ['3'])).toThrow(SignedExamError);
    expect(() => {
      (signed.readings['3']!.sites.MB as { pd: number }).pd = 9;
    }).toThrow(TypeError);
    // The draft it came from is still a draft.
    expect(exam.status).toBe('draft');
    expect(() => signExam(exam, { by: '', at: '2025-03-04T15:00:00Z' })).toThrow(PerioValueError);
  });
});

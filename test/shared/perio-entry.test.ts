import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIXED_DENTITION, PERMANENT_TEETH } from '../../src/shared/chart/teeth';
import {
  type EntryState,
  type PerioKey,
  INTERLEAVED_PASSES,
  applyKey,
  applyKeys,
  buildStops,
  currentStop,
  goTo,
  isEntryDone,
  lastStop,
  setEntryMissing,
  startEntry,
} from '../../src/shared/perio/entry';
import { createExam, siteReading } from '../../src/shared/perio/exam';
import { type Site } from '../../src/shared/perio/sites';

/**
 * The documented order, written independently of the implementation: Open
 * Dental's four runs in Universal numbers, and within a tooth the sites in
 * the direction of travel — distal first while travelling toward the
 * midline, mesial first while travelling away from it.
 */
function expectedOrder(missing: ReadonlySet<string> = new Set()): string[] {
  const range = (a: number, b: number) => (a <= b ? Array.from({ length: b - a + 1 }, (_, i) => a + i) : Array.from({ length: a - b + 1 }, (_, i) => a - i));
  const runs: Array<[number[], 'B' | 'L', (n: number) => boolean]> = [
    [range(1, 16), 'B', (n) => n <= 8],
    [range(16, 1), 'L', (n) => n >= 9],
    [range(32, 17), 'B', (n) => n >= 25],
    [range(17, 32), 'L', (n) => n <= 24],
  ];
  const out: string[] = [];
  for (const [teeth, side, towardMidline] of runs) {
    for (const n of teeth) {
      if (missing.has(String(n))) continue;
      const [m, mid, d] = side === 'B' ? ['MB', 'B', 'DB'] : ['ML', 'L', 'DL'];
      for (const site of towardMidline(n) ? [d, mid, m] : [m, mid, d]) out.push(`${n} ${site}`);
    }
  }
  return out;
}

const label = (s: { tooth: string; site: string }) => `${s.tooth} ${s.site}`;
const start = (missing: string[] = []) => startEntry(createExam({ id: 'e', date: '2025-03-04', missing }));
const pd = (s: EntryState, where: string) => {
  const [tooth, site] = where.split(' ') as [string, Site];
  return siteReading(s.exam, tooth, site).pd;
};

describe("Open Dental's auto-advance order", () => {
  it('runs 1→16 facial, 16→1 lingual, 32→17 facial, 17→32 lingual, sites in the direction of travel', () => {
    const stops = start().stops;
    expect(stops).toHaveLength(192 * 2); // a PD pass, then a GM pass
    const pdPass = stops.slice(0, 192).map(label);
    expect(pdPass).toEqual(expectedOrder());
    expect(pdPass.slice(0, 6)).toEqual(['1 DB', '1 B', '1 MB', '2 DB', '2 B', '2 MB']);
    expect(pdPass.slice(21, 27)).toEqual(['8 DB', '8 B', '8 MB', '9 MB', '9 B', '9 DB']);
    expect(pdPass.slice(48, 51)).toEqual(['16 DL', '16 L', '16 ML']);
    expect(pdPass.slice(96, 99)).toEqual(['32 DB', '32 B', '32 MB']);
    expect(pdPass.slice(144, 147)).toEqual(['17 DL', '17 L', '17 ML']);
    expect(pdPass.slice(-3)).toEqual(['32 ML', '32 L', '32 DL']);
    expect(new Set(pdPass).size).toBe(192);
    expect(stops.slice(0, 192).every((s) => s.row === 'pd')).toBe(true);
    expect(stops.slice(192).map(label)).toEqual(expectedOrder());
    expect(stops.slice(192).every((s) => s.row === 'gm')).toBe(true);
  });

  it('visits each present tooth\'s sites exactly once, in order, and never a missing tooth (property)', () => {
    fc.assert(
      fc.property(
        fc.subarray([...PERMANENT_TEETH]),
        fc.array(fc.record({ digit: fc.integer({ min: 0, max: 9 }), ctrl: fc.boolean() }), { maxLength: 200 }),
        (missing, typed) => {
          const order = expectedOrder(new Set(missing));
          const keys = typed.slice(0, order.length);
          const s = applyKeys(start(missing), keys.map(({ digit, ctrl }): PerioKey => ({ key: String(digit), ctrl })));
          expect(s.stops.slice(0, order.length).map(label)).toEqual(order);
          expect(s.cursor).toBe(keys.length);
          order.forEach((where, i) => expect(pd(s, where)).toBe(i < keys.length ? keys[i]!.digit + (keys[i]!.ctrl ? 10 : 0) : null));
          for (const tooth of missing) expect(s.exam.readings[tooth]).toBeUndefined();
          expect(s.stops.some((stop) => missing.includes(stop.tooth))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fills a full mouth with exactly 192 values, then moves to the GM row', () => {
    const s = applyKeys(start(), Array.from({ length: 192 }, (_, i) => String(i % 10)));
    for (const where of expectedOrder()) expect(pd(s, where)).not.toBeNull();
    expect(s.cursor).toBe(192);
    expect(currentStop(s)).toEqual({ tooth: '1', site: 'DB', row: 'gm' });
    expect(Object.values(s.exam.readings).flatMap((t) => Object.values(t.sites)).filter((r) => r.gm !== null)).toEqual([]);
  });

  it('skips missing teeth in the GM pass too, and ends after the last stop', () => {
    const s = applyKeys(start(['1', '16', '17', '32']), Array.from({ length: 2 * 168 + 5 }, () => '1'));
    expect(isEntryDone(s)).toBe(true);
    expect(s.cursor).toBe(2 * 168);
    expect(siteReading(s.exam, '2', 'DB')).toMatchObject({ pd: 1, gm: 1 });
  });

  it('runs over a mixed dentition by screen position', () => {
    const stops = startEntry(createExam({ id: 'm', date: '2025-03-04', teeth: MIXED_DENTITION })).stops.slice(0, 12 * 3);
    expect([...new Set(stops.map((s) => s.tooth))]).toEqual(['3', 'A', 'B', 'C', '7', '8', '9', '10', 'H', 'I', 'J', '14']);
    expect(stops.slice(0, 6).map(label)).toEqual(['3 DB', '3 B', '3 MB', 'A DB', 'A B', 'A MB']);
  });

  it('takes a custom order', () => {
    const exam = createExam({ id: 'c', date: '2025-03-04' });
    const stops = buildStops(exam, {
      order: [
        { teeth: ['8', '7'], side: 'facial' },
        { teeth: ['9'], side: 'lingual', direction: 'rtl' },
      ],
      passes: [['pd']],
    });
    expect(stops.map(label)).toEqual(['8 MB', '8 B', '8 DB', '7 MB', '7 B', '7 DB', '9 DL', '9 L', '9 ML']);
  });

  it('interleaves PD and GM when configured, and stops for the MGJ only off the palate', () => {
    const interleaved = buildStops(createExam({ id: 'i', date: '2025-03-04' }), { order: 'open_dental', passes: INTERLEAVED_PASSES });
    expect(interleaved.slice(0, 4).map((s) => `${label(s)} ${s.row}`)).toEqual(['1 DB pd', '1 DB gm', '1 B pd', '1 B gm']);
    const mgj = buildStops(createExam({ id: 'g', date: '2025-03-04' }), { order: 'open_dental', passes: [['mgj']] });
    expect(mgj).toHaveLength(16 * 3 + 16 * 6);
    expect(mgj.some((s) => Number(s.tooth) <= 16 && s.site.endsWith('L'))).toBe(false);
  });
});

describe('keys', () => {
  it('B, S, P and C mark the site just entered, and toggle', () => {
    let s = applyKeys(start(), ['5', 'b', '3', 'S', 'p']);
    expect(siteReading(s.exam, '1', 'DB')).toMatchObject({ pd: 5, bleeding: true, suppuration: false });
    expect(siteReading(s.exam, '1', 'B')).toMatchObject({ pd: 3, bleeding: false, suppuration: true, plaque: true });
    s = applyKeys(s, ['C', 'P']);
    expect(siteReading(s.exam, '1', 'B')).toMatchObject({ calculus: true, plaque: false });
    expect(siteReading(s.exam, '1', 'MB').bleeding).toBe(false);
    expect(lastStop(s)).toEqual({ tooth: '1', site: 'B', row: 'pd' });
    // Before anything is entered there is no site to mark.
    const fresh = start();
    expect(applyKey(fresh, 'B')).toBe(fresh);
  });

  it('Backspace steps back and clears, and keeps the marks', () => {
    let s = applyKeys(start(), ['4', '5', 'B']);
    s = applyKey(s, 'Backspace');
    expect(s.cursor).toBe(1);
    expect(siteReading(s.exam, '1', 'B')).toMatchObject({ pd: null, bleeding: true });
    s = applyKeys(s, ['Backspace', 'Backspace']);
    expect(s.cursor).toBe(0);
    expect(pd(s, '1 DB')).toBeNull();
    s = applyKeys(s, ['6', '2']);
    expect([pd(s, '1 DB'), pd(s, '1 B')]).toEqual([6, 2]);
  });

  it('Ctrl+digit enters 10 to 19 on the PD row', () => {
    const s = applyKeys(start(), [{ key: '0', ctrl: true }, { key: '9', ctrl: true }, '9']);
    expect([pd(s, '1 DB'), pd(s, '1 B'), pd(s, '1 MB')]).toEqual([10, 19, 9]);
  });

  it('on the GM row, Ctrl+digit and "+" then a digit are a coronal margin; Backspace cancels a "+"', () => {
    let s = applyKeys(start(), Array.from({ length: 192 }, () => '3'));
    s = applyKeys(s, ['2', { key: '1', ctrl: true }, '+', 'Backspace', '4', '+', '3']);
    expect(siteReading(s.exam, '1', 'DB').gm).toBe(2);
    expect(siteReading(s.exam, '1', 'B').gm).toBe(-1);
    expect(siteReading(s.exam, '1', 'MB').gm).toBe(4);
    expect(siteReading(s.exam, '2', 'DB').gm).toBe(-3);
    // '+' means nothing on the PD row.
    const fresh = start();
    expect(applyKey(fresh, '+')).toBe(fresh);
  });

  it('arrows skip and step back without clearing; other keys change nothing', () => {
    let s = applyKeys(start(), ['4', 'ArrowRight', '5']);
    expect([pd(s, '1 DB'), pd(s, '1 B'), pd(s, '1 MB')]).toEqual([4, null, 5]);
    s = applyKeys(s, ['ArrowLeft', 'ArrowLeft']);
    expect(currentStop(s)).toEqual({ tooth: '1', site: 'B', row: 'pd' });
    expect(pd(s, '1 MB')).toBe(5);
    for (const key of ['x', 'Enter', 'Shift', 'F5', 'Tab']) expect(applyKey(s, key)).toBe(s);
    expect(applyKey(s, { key: 'b', ctrl: true })).toBe(s);
  });

  it('jumps to a clicked cell', () => {
    const s = goTo(start(), { tooth: '30', site: 'L', row: 'gm' });
    expect(currentStop(s)).toEqual({ tooth: '30', site: 'L', row: 'gm' });
    expect(applyKey(s, '2').exam.readings['30']!.sites.L.gm).toBe(2);
    const unchanged = start(['30']);
    expect(goTo(unchanged, { tooth: '30', site: 'L', row: 'pd' })).toBe(unchanged);
  });

  it('marks a tooth missing mid-entry and keeps going from the same place', () => {
    let s = applyKeys(start(), ['3', '3', '3']); // tooth 1 done, cursor on 2 DB
    s = setEntryMissing(s, '2', true);
    expect(currentStop(s)).toEqual({ tooth: '3', site: 'DB', row: 'pd' });
    s = applyKey(s, '7');
    expect(pd(s, '3 DB')).toBe(7);
    expect(s.stops).toHaveLength(31 * 6 * 2);
    s = setEntryMissing(s, '2', false);
    expect(currentStop(s)).toEqual({ tooth: '3', site: 'B', row: 'pd' });
  });

  // How fast is for `npm run bench`; here only that no key is lost and each lands on its site.
  it('takes a full mouth of PD and GM in one burst, every value on its site', () => {
    const keys = Array.from({ length: 384 }, (_, i) => String((i * 7) % 10));
    const s = applyKeys(start(), keys);
    expect(isEntryDone(s)).toBe(true);
    expect(pd(s, '32 DL')).toBe((191 * 7) % 10);
  });
});

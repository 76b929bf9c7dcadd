import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Surface,
  billingSurfaceCount,
  billingSurfaces,
  formatSurfaces,
  normalizeSurfaces,
  surfaceLabel,
  surfacesFitTooth,
  surfacesText,
  toggleSurface,
  toothSurfaces,
} from '../../src/shared/chart/surfaces';
import { PERMANENT_TEETH, PRIMARY_TEETH, parseTooth } from '../../src/shared/chart/teeth';

const fdi = (code: string) => parseTooth(code, 'fdi')!;
const ok = (input: string | readonly string[], tooth: string) => {
  const r = normalizeSurfaces(input, tooth);
  if (!r.ok) throw new Error(`${input} on ${tooth}: ${r.error} ${r.letter}`);
  return r;
};

describe('surface rules: anterior against posterior', () => {
  it('reads MOD on a lower first molar (36) and MID on an upper central incisor (11)', () => {
    expect(ok('MOD', fdi('36')).surfaces).toEqual(['M', 'O', 'D']);
    expect(ok('MID', fdi('11')).surfaces).toEqual(['M', 'I', 'D']);
    expect(ok('MOD', fdi('36')).corrections).toEqual([]);
  });

  it('reads O on an anterior tooth as I, and I on a posterior tooth as O, and says so', () => {
    const anterior = ok('MOD', fdi('11'));
    expect(anterior.surfaces).toEqual(['M', 'I', 'D']);
    expect(anterior.corrections).toEqual([{ typed: 'O', readAs: 'I', reason: 'occlusal_on_anterior' }]);
    const posterior = ok('I', fdi('46'));
    expect(posterior.surfaces).toEqual(['O']);
    expect(posterior.corrections).toEqual([{ typed: 'I', readAs: 'O', reason: 'incisal_on_posterior' }]);
  });

  it('stores the facial surface as B on posterior teeth and F on anterior ones, whatever was typed (V, B or F)', () => {
    for (const typed of ['B', 'F', 'V', 'v']) {
      expect(ok(typed, fdi('36')).surfaces).toEqual(['B']);
      expect(ok(typed, fdi('13')).surfaces).toEqual(['F']);
      expect(ok(typed, fdi('36')).corrections).toEqual([]);
    }
  });

  it('takes P as palatal (L) on upper teeth, and corrects P to L on lower teeth', () => {
    expect(ok('P', fdi('16'))).toEqual({ ok: true, surfaces: ['L'], corrections: [] });
    expect(ok('MP', fdi('21')).surfaces).toEqual(['M', 'L']);
    expect(ok('P', fdi('46'))).toEqual({ ok: true, surfaces: ['L'], corrections: [{ typed: 'P', readAs: 'L', reason: 'palatal_on_lower' }] });
    expect(ok('L', fdi('46')).surfaces).toEqual(['L']);
  });

  it('treats Class V as the cervical variant of the facial surface', () => {
    expect(ok('B5', fdi('36')).surfaces).toEqual(['B5']);
    expect(ok('V5', fdi('11')).surfaces).toEqual(['F5']);
    expect(ok('5', fdi('11')).surfaces).toEqual(['F5']);
    expect(ok('MB5', fdi('36')).surfaces).toEqual(['M', 'B5']);
    expect(ok('BB5', fdi('36')).surfaces).toEqual(['B', 'B5']);
  });

  it('sorts into canonical order and ignores repeats, case and separators', () => {
    expect(ok('DOM', fdi('36')).surfaces).toEqual(['M', 'O', 'D']);
    expect(ok('lbdom', fdi('36')).surfaces).toEqual(['M', 'O', 'D', 'B', 'L']);
    expect(ok('m, o / d', fdi('36')).surfaces).toEqual(['M', 'O', 'D']);
    expect(ok('MMO', fdi('36')).surfaces).toEqual(['M', 'O']);
    expect(ok(['D', 'M'], fdi('11')).surfaces).toEqual(['M', 'D']);
    expect(ok('', fdi('11')).surfaces).toEqual([]);
    expect(surfacesText(['D', 'O', 'M'])).toBe('MOD');
  });

  it('refuses letters that are no surface', () => {
    expect(normalizeSurfaces('MXD', fdi('36'))).toEqual({ ok: false, error: 'unknown_letter', letter: 'X' });
    expect(normalizeSurfaces('Q', fdi('11'))).toEqual({ ok: false, error: 'unknown_letter', letter: 'Q' });
  });

  it('gives each tooth five surfaces', () => {
    expect(toothSurfaces(fdi('36'))).toEqual(['M', 'O', 'D', 'B', 'L']);
    expect(toothSurfaces(fdi('13'))).toEqual(['M', 'I', 'D', 'F', 'L']);
    expect(toothSurfaces('C')).toEqual(['M', 'I', 'D', 'F', 'L']);
    expect(toothSurfaces('A')).toEqual(['M', 'O', 'D', 'B', 'L']);
  });

  it('normalizing is idempotent and always fits the tooth', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PERMANENT_TEETH, ...PRIMARY_TEETH), fc.array(fc.constantFrom(...'MODIBFVLP5'), { maxLength: 8 }), (tooth, letters) => {
        const first = ok(letters.join(''), tooth);
        expect(surfacesFitTooth(first.surfaces, tooth)).toBe(true);
        const again = ok(surfacesText(first.surfaces), tooth);
        expect(again.surfaces).toEqual(first.surfaces);
        expect(again.corrections).toEqual([]);
      }),
    );
  });
});

describe('surfaces on screen and on the bill', () => {
  it('shows V and P in Spanish, B/F and L in English', () => {
    const all: Surface[] = ['M', 'O', 'D', 'B', 'L'];
    expect(formatSurfaces(all, fdi('16'), 'es')).toBe('MODVP');
    expect(formatSurfaces(all, fdi('46'), 'es')).toBe('MODVL');
    expect(formatSurfaces(all, fdi('16'), 'en')).toBe('MODBL');
    expect(formatSurfaces(['M', 'I', 'D', 'F', 'L'], fdi('11'), 'en')).toBe('MIDFL');
    expect(formatSurfaces(['M', 'I', 'D', 'F', 'L'], fdi('11'), 'es')).toBe('MIDVP');
    expect(surfaceLabel('F5', fdi('11'), 'es')).toBe('V5');
    expect(surfaceLabel('B5', fdi('36'), 'en')).toBe('B5');
    expect(surfaceLabel('L', fdi('16'), 'en', { palatal: true })).toBe('P');
  });

  it('bills Class V as its facial surface and never as an extra one', () => {
    expect(billingSurfaces(['M', 'O', 'D', 'B5'])).toEqual(['M', 'O', 'D', 'B']);
    expect(billingSurfaceCount(['M', 'O', 'D', 'B5'])).toBe(4);
    expect(billingSurfaceCount(['B', 'B5'])).toBe(1);
    expect(billingSurfaceCount(['F5'])).toBe(1);
    expect(billingSurfaceCount(['M', 'O', 'D'])).toBe(3);
  });

  it('toggles surfaces from the keyboard', () => {
    const tooth = fdi('36');
    let s: Surface[] = [];
    for (const key of ['M', 'O', 'D']) s = toggleSurface(s, key, tooth);
    expect(s).toEqual(['M', 'O', 'D']);
    s = toggleSurface(s, 'O', tooth);
    expect(s).toEqual(['M', 'D']);
    s = toggleSurface(s, 'V', tooth);
    expect(s).toEqual(['M', 'D', 'B']);
    expect(toggleSurface(s, 'X', tooth)).toEqual(s);
  });
});

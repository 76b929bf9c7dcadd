import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_TEETH,
  MIXED_DENTITION,
  PERMANENT_TEETH,
  PRIMARY_TEETH,
  SUPERNUMERARY_TEETH,
  type Notation,
  arch,
  buildDentition,
  dentition,
  dentitionKind,
  displayOrder,
  formatTooth,
  fromFdi,
  fromPalmer,
  isAnterior,
  isContiguousRange,
  isPrimary,
  isSupernumerary,
  isToothId,
  moveOnOdontogram,
  neighbours,
  palmerText,
  parentTooth,
  parseTooth,
  predecessorOf,
  quadrant,
  replaceWithSuccessor,
  sextant,
  successorOf,
  toFdi,
  toPalmer,
  toothType,
} from '../../src/shared/chart/teeth';

/**
 * CLINICAL.md's numbering table, transcribed row by row:
 * | Universal | FDI | Palmer |
 */
type Row = { universal: string; fdi: number; palmer: string };
function tableRow(universal: string[], fdiFrom: number, fdiStep: 1 | -1, palmerQuadrant: string, palmerLabels: string[]): Row[] {
  return universal.map((u, i) => ({ universal: u, fdi: fdiFrom + i * fdiStep, palmer: `${palmerQuadrant}${palmerLabels[i]}` }));
}
const n = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const letters = (from: string, to: string) => Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i));
const TABLE: Row[] = [
  ...tableRow(n(1, 8), 18, -1, 'UR', ['8', '7', '6', '5', '4', '3', '2', '1']), // 1 to 8 | 18 down to 11 | UR8 down to UR1
  ...tableRow(n(9, 16), 21, 1, 'UL', ['1', '2', '3', '4', '5', '6', '7', '8']), // 9 to 16 | 21 up to 28 | UL1 up to UL8
  ...tableRow(n(17, 24), 38, -1, 'LL', ['8', '7', '6', '5', '4', '3', '2', '1']), // 17 to 24 | 38 down to 31 | LL8 down to LL1
  ...tableRow(n(25, 32), 41, 1, 'LR', ['1', '2', '3', '4', '5', '6', '7', '8']), // 25 to 32 | 41 up to 48 | LR1 up to LR8
  ...tableRow(letters('A', 'E'), 55, -1, 'UR', ['E', 'D', 'C', 'B', 'A']), // A to E | 55 down to 51 | URE down to URA
  ...tableRow(letters('F', 'J'), 61, 1, 'UL', ['A', 'B', 'C', 'D', 'E']), // F to J | 61 up to 65 | ULA up to ULE
  ...tableRow(letters('K', 'O'), 75, -1, 'LL', ['E', 'D', 'C', 'B', 'A']), // K to O | 75 down to 71 | LLE down to LLA
  ...tableRow(letters('P', 'T'), 81, 1, 'LR', ['A', 'B', 'C', 'D', 'E']), // P to T | 81 up to 85 | LRA up to LRE
];

describe('tooth numbering: every tooth in CLINICAL.md', () => {
  it('covers 32 permanent and 20 primary teeth', () => {
    expect(TABLE).toHaveLength(52);
    expect(TABLE.map((r) => r.universal).sort()).toEqual([...PERMANENT_TEETH, ...PRIMARY_TEETH].sort());
  });

  it.each(TABLE)('Universal $universal ⇄ FDI $fdi ⇄ Palmer $palmer', ({ universal, fdi, palmer }) => {
    // Universal → FDI and Palmer
    expect(toFdi(universal)).toBe(fdi);
    expect(palmerText(toPalmer(universal))).toBe(palmer);
    // FDI → Universal and Palmer
    expect(fromFdi(fdi)).toBe(universal);
    expect(fromFdi(String(fdi))).toBe(universal);
    expect(palmerText(toPalmer(fromFdi(fdi)!))).toBe(palmer);
    // Palmer → Universal and FDI
    const p = toPalmer(universal);
    expect(fromPalmer(p)).toBe(universal);
    expect(toFdi(fromPalmer(p)!)).toBe(fdi);
    // Display and parsing in each notation
    expect(formatTooth(universal, 'universal')).toBe(universal);
    expect(formatTooth(universal, 'fdi')).toBe(String(fdi));
    expect(formatTooth(universal, 'palmer')).toBe(palmer);
    expect(parseTooth(universal, 'universal')).toBe(universal);
    expect(parseTooth(String(fdi), 'fdi')).toBe(universal);
    for (const notation of ['fdi', 'universal', 'palmer'] as Notation[]) {
      expect(parseTooth(palmer, notation)).toBe(universal);
      expect(parseTooth(palmer.toLowerCase(), notation)).toBe(universal);
      expect(parseTooth(`${palmer.slice(0, 2)} ${palmer.slice(2)}`, notation)).toBe(universal);
    }
  });

  it('reads Universal letters in any notation, because they cannot be confused', () => {
    for (const l of PRIMARY_TEETH) for (const notation of ['fdi', 'universal', 'palmer'] as Notation[]) expect(parseTooth(l.toLowerCase(), notation)).toBe(l);
  });

  it('reads bare numbers in the notation given (they are ambiguous)', () => {
    expect(parseTooth('11', 'fdi')).toBe('8');
    expect(parseTooth('11', 'universal')).toBe('11');
    expect(parseTooth('11', 'palmer')).toBeNull();
    expect(parseTooth('51', 'fdi')).toBe('E');
    expect(parseTooth('51', 'universal')).toBe('51');
  });

  it('refuses what is not a tooth', () => {
    for (const [text, notation] of [
      ['19', 'fdi'], ['10', 'fdi'], ['49', 'fdi'], ['56', 'fdi'], ['86', 'fdi'], ['91', 'fdi'], ['0', 'fdi'],
      ['0', 'universal'], ['33', 'universal'], ['50', 'universal'], ['83', 'universal'],
      ['U', 'universal'], ['UR9', 'palmer'], ['URF', 'palmer'], ['XY1', 'palmer'], ['', 'fdi'], ['19s', 'fdi'],
    ] as Array<[string, Notation]>) {
      expect(parseTooth(text, notation), `${text} in ${notation}`).toBeNull();
    }
    expect(fromFdi(19)).toBeNull();
    expect(fromFdi(56)).toBeNull();
    expect(fromFdi(99)).toBeNull();
    expect(isToothId('33')).toBe(false);
    expect(isToothId('U')).toBe(false);
  });

  it('round-trips every tooth, supernumerary included, through every notation', () => {
    expect(ALL_TEETH).toHaveLength(104);
    fc.assert(
      fc.property(fc.constantFrom(...ALL_TEETH), fc.constantFrom<Notation>('fdi', 'universal', 'palmer'), (id, notation) => {
        expect(parseTooth(formatTooth(id, notation), notation)).toBe(id);
      }),
    );
  });
});

describe('supernumerary teeth', () => {
  it('use the adjacent tooth + 50, and AS..TS for primary positions', () => {
    expect(SUPERNUMERARY_TEETH).toHaveLength(52);
    expect(parentTooth('51')).toBe('1');
    expect(parentTooth('82')).toBe('32');
    expect(parentTooth('AS')).toBe('A');
    expect(parentTooth('TS')).toBe('T');
    for (const id of SUPERNUMERARY_TEETH) expect(isSupernumerary(id)).toBe(true);
  });

  it('have no FDI code (ISO 3950 has none); our display convention is the neighbour with an s', () => {
    expect(toFdi('51')).toBeNull();
    expect(formatTooth('51', 'fdi')).toBe('18s');
    expect(formatTooth('59', 'fdi')).toBe('21s');
    expect(formatTooth('AS', 'fdi')).toBe('55s');
    expect(formatTooth('51', 'palmer')).toBe('UR8s');
    expect(formatTooth('TS', 'palmer')).toBe('LREs');
    expect(parseTooth('18s', 'fdi')).toBe('51');
    expect(parseTooth('18S', 'universal')).toBe('51');
    expect(parseTooth('55s', 'fdi')).toBe('AS');
    expect(parseTooth('UR8s', 'palmer')).toBe('51');
    expect(fromPalmer({ quadrant: 'LR', label: 'E', supernumerary: true })).toBe('TS');
  });

  it('inherit the position of their neighbour', () => {
    expect(isAnterior('58')).toBe(true); // next to 8
    expect(toothType('51')).toBe('molar');
    expect(isPrimary('AS')).toBe(true);
    expect(displayOrder(['1', '51', '2']).upper).toEqual(['1', '51', '2']);
  });
});

describe('classification', () => {
  it('anterior teeth are Universal 6–11, 22–27, C–H and M–R; the rest are posterior', () => {
    const anterior = [...PERMANENT_TEETH, ...PRIMARY_TEETH].filter(isAnterior);
    expect(anterior.sort()).toEqual([...n(6, 11), ...n(22, 27), ...letters('C', 'H'), ...letters('M', 'R')].sort());
  });

  it('names each type', () => {
    expect(['1', '2', '3'].map(toothType)).toEqual(['molar', 'molar', 'molar']);
    expect(['4', '5', '6', '7', '8'].map(toothType)).toEqual(['premolar', 'premolar', 'canine', 'incisor', 'incisor']);
    expect(['A', 'B', 'C', 'D', 'E'].map(toothType)).toEqual(['molar', 'molar', 'canine', 'incisor', 'incisor']);
    expect(['17', '22', '28', '30'].map(toothType)).toEqual(['molar', 'canine', 'premolar', 'molar']);
  });

  it('arch, quadrant and sextant', () => {
    expect(['1', '16', 'A', 'J'].map(arch)).toEqual(['upper', 'upper', 'upper', 'upper']);
    expect(['17', '32', 'K', 'T'].map(arch)).toEqual(['lower', 'lower', 'lower', 'lower']);
    expect(['1', '9', '17', '25', 'A', 'F', 'K', 'P'].map(quadrant)).toEqual(['UR', 'UL', 'LL', 'LR', 'UR', 'UL', 'LL', 'LR']);
    // S1 18–14, S2 13–23, S3 24–28, S4 38–34, S5 33–43, S6 44–48
    expect(n(1, 32).map(sextant)).toEqual([
      1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 6, 6, 6, 6, 6,
    ]);
    expect(['A', 'B', 'C', 'H', 'I', 'K', 'M', 'R', 'S'].map(sextant)).toEqual([1, 1, 2, 2, 3, 4, 5, 5, 6]);
  });
});

describe('odontogram layout', () => {
  it('draws the permanent upper row 1→16 and lower row 32→17, as the dentist faces the patient', () => {
    const rows = displayOrder(PERMANENT_TEETH);
    expect(rows.upper).toEqual(n(1, 16));
    expect(rows.lower).toEqual(n(17, 32).reverse());
    expect(rows.upper.map((t) => formatTooth(t, 'fdi'))).toEqual(['18', '17', '16', '15', '14', '13', '12', '11', '21', '22', '23', '24', '25', '26', '27', '28']);
  });

  it('lines primary teeth up under their successors in a mixed dentition', () => {
    const rows = displayOrder(MIXED_DENTITION);
    expect(rows.upper).toEqual(['3', 'A', 'B', 'C', '7', '8', '9', '10', 'H', 'I', 'J', '14']);
    expect(rows.lower).toEqual(['30', 'T', 'S', 'R', '26', '25', '24', '23', 'M', 'L', 'K', '19']);
    expect(displayOrder(PRIMARY_TEETH).upper).toEqual(letters('A', 'J'));
    expect(displayOrder(PRIMARY_TEETH).lower).toEqual(letters('K', 'T').reverse());
  });

  it('finds mesial and distal neighbours, across the midline and over gaps', () => {
    expect(neighbours('8', PERMANENT_TEETH)).toEqual({ mesial: '9', distal: '7' });
    expect(neighbours('9', PERMANENT_TEETH)).toEqual({ mesial: '8', distal: '10' });
    expect(neighbours('1', PERMANENT_TEETH)).toEqual({ mesial: '2', distal: null });
    expect(neighbours('25', PERMANENT_TEETH)).toEqual({ mesial: '24', distal: '26' });
    expect(neighbours('3', PERMANENT_TEETH.filter((t) => t !== '4'))).toEqual({ mesial: '5', distal: '2' });
  });

  it('moves with the arrow keys', () => {
    expect(moveOnOdontogram('1', PERMANENT_TEETH, 'right')).toBe('2');
    expect(moveOnOdontogram('1', PERMANENT_TEETH, 'left')).toBe('1');
    expect(moveOnOdontogram('1', PERMANENT_TEETH, 'down')).toBe('32');
    expect(moveOnOdontogram('16', PERMANENT_TEETH, 'down')).toBe('17');
    expect(moveOnOdontogram('24', PERMANENT_TEETH, 'up')).toBe('9');
    expect(moveOnOdontogram('8', PERMANENT_TEETH, 'up')).toBe('8');
  });

  it('recognises a contiguous range in one arch (a bridge)', () => {
    expect(isContiguousRange(['3', '4', '5'])).toBe(true);
    expect(isContiguousRange(['5', '3', '4'])).toBe(true);
    expect(isContiguousRange(['8', '9'])).toBe(true);
    expect(isContiguousRange(['30', '31', '32'])).toBe(true);
    expect(isContiguousRange(['3', '5'])).toBe(false);
    expect(isContiguousRange(['16', '17'])).toBe(false);
    expect(isContiguousRange(['3'])).toBe(false);
    expect(isContiguousRange(['3', '51'])).toBe(false);
  });
});

describe('dentitions', () => {
  it('permanent, primary and the typical mixed set', () => {
    expect(dentition('permanent')).toHaveLength(32);
    expect(dentition('primary')).toHaveLength(20);
    expect([...MIXED_DENTITION].sort()).toEqual(
      ['3', '14', '19', '30', '7', '8', '9', '10', '23', '24', '25', '26', 'C', 'H', 'M', 'R', 'A', 'B', 'I', 'J', 'K', 'L', 'S', 'T'].sort(),
    );
    expect(dentitionKind(MIXED_DENTITION)).toBe('mixed');
    expect(dentitionKind(PRIMARY_TEETH)).toBe('primary');
    expect(dentitionKind(PERMANENT_TEETH)).toBe('permanent');
  });

  it('builds any mixture and replaces a primary tooth by its successor', () => {
    expect(buildDentition(['C', '3', '3', '51'])).toEqual(['3', '51', 'C']);
    expect(() => buildDentition(['99'])).toThrow();
    expect(successorOf('A')).toBe('4');
    expect(successorOf('E')).toBe('8');
    expect(successorOf('K')).toBe('20');
    expect(successorOf('3')).toBeNull();
    expect(predecessorOf('4')).toBe('A');
    expect(predecessorOf('3')).toBeNull();
    const later = replaceWithSuccessor(MIXED_DENTITION, 'C');
    expect(later).toContain('6');
    expect(later).not.toContain('C');
    expect(later).toHaveLength(24);
  });
});

/**
 * Teeth: one canonical id per tooth, every other notation derived for display.
 *
 * The canonical id is the Universal (ADA) designation as a string, the form
 * Open Dental stores, so imports and exports need no conversion:
 *   - permanent teeth '1'..'32' (1 = upper right third molar, round the upper
 *     arch to 16, then 17 = lower left third molar round to 32);
 *   - primary teeth 'A'..'T' (A = upper right second molar ... T = lower
 *     right second molar);
 *   - supernumerary teeth: the adjacent tooth + 50 for permanent positions
 *     ('51'..'82'), and the adjacent letter + 'S' for primary positions
 *     ('AS'..'TS'), as CLINICAL.md prescribes.
 * Ids are upper case strings; parseTooth accepts any case and notation.
 *
 * Everything else (arch, quadrant, type, position on screen) follows from
 * three facts per tooth: the quadrant 1..4 (FDI order: UR, UL, LL, LR), the
 * position counted from the midline (1..8, or 1..5 for primary teeth), and
 * whether it is primary. A supernumerary tooth inherits them from the tooth it
 * sits next to.
 *
 * FDI (ISO 3950) has no code for a supernumerary tooth (Canada uses 99, which
 * loses the position), so toFdi returns null for one; for display we write the
 * adjacent tooth's FDI code with an 's' suffix ('18s'), and Palmer likewise
 * ('UR8s'). parseTooth reads those forms back.
 */

export type ToothId = string;
export type Notation = 'universal' | 'fdi' | 'palmer';
export const NOTATIONS: readonly Notation[] = ['fdi', 'universal', 'palmer'];

export type Arch = 'upper' | 'lower';
/** FDI quadrant order: 1 = upper right, 2 = upper left, 3 = lower left, 4 = lower right (the patient's sides). */
export type QuadrantNumber = 1 | 2 | 3 | 4;
export type Quadrant = 'UR' | 'UL' | 'LL' | 'LR';
export const QUADRANTS: readonly Quadrant[] = ['UR', 'UL', 'LL', 'LR'];
/** Sextants 1..6: upper right posterior, upper anterior, upper left posterior, lower left posterior, lower anterior, lower right posterior. */
export type Sextant = 1 | 2 | 3 | 4 | 5 | 6;
export const SEXTANTS: readonly Sextant[] = [1, 2, 3, 4, 5, 6];
export type ToothType = 'incisor' | 'canine' | 'premolar' | 'molar';

export interface ToothInfo {
  id: ToothId;
  quadrant: QuadrantNumber;
  /** Counted from the midline: 1 = central incisor ... 8 = third molar (5 = second primary molar). */
  position: number;
  primary: boolean;
  supernumerary: boolean;
  /** For a supernumerary tooth, the tooth it sits next to; otherwise the tooth itself. */
  parent: ToothId;
}

const PRIMARY_LETTERS = 'ABCDEFGHIJKLMNOPQRST';
const QUADRANT_NAMES: Record<QuadrantNumber, Quadrant> = { 1: 'UR', 2: 'UL', 3: 'LL', 4: 'LR' };

function universalOf(quadrant: QuadrantNumber, position: number, primary: boolean): ToothId {
  if (!primary) {
    const n = quadrant === 1 ? 9 - position : quadrant === 2 ? 8 + position : quadrant === 3 ? 25 - position : 24 + position;
    return String(n);
  }
  const index = quadrant === 1 ? 5 - position : quadrant === 2 ? 4 + position : quadrant === 3 ? 15 - position : 14 + position;
  return PRIMARY_LETTERS[index]!;
}

const INFO = new Map<ToothId, ToothInfo>();
for (const primary of [false, true]) {
  for (const quadrant of [1, 2, 3, 4] as const) {
    for (let position = 1; position <= (primary ? 5 : 8); position++) {
      const id = universalOf(quadrant, position, primary);
      INFO.set(id, { id, quadrant, position, primary, supernumerary: false, parent: id });
      const superId = primary ? `${id}S` : String(Number(id) + 50);
      INFO.set(superId, { id: superId, quadrant, position, primary, supernumerary: true, parent: id });
    }
  }
}

function sortByUniversal(ids: ToothId[]): ToothId[] {
  const key = (id: ToothId) => (/^\d/.test(id) ? Number(id) : 100 + id.charCodeAt(0) + (id.length > 1 ? 0.5 : 0));
  return ids.sort((a, b) => key(a) - key(b));
}

/** '1'..'32' in Universal order. */
export const PERMANENT_TEETH: readonly ToothId[] = Array.from({ length: 32 }, (_, i) => String(i + 1));
/** 'A'..'T'. */
export const PRIMARY_TEETH: readonly ToothId[] = [...PRIMARY_LETTERS];
/** '51'..'82' then 'AS'..'TS'. */
export const SUPERNUMERARY_TEETH: readonly ToothId[] = [
  ...Array.from({ length: 32 }, (_, i) => String(i + 51)),
  ...[...PRIMARY_LETTERS].map((l) => `${l}S`),
];
export const ALL_TEETH: readonly ToothId[] = [...PERMANENT_TEETH, ...PRIMARY_TEETH, ...SUPERNUMERARY_TEETH];

export function isToothId(value: unknown): value is ToothId {
  return typeof value === 'string' && INFO.has(value);
}

/** The facts about a tooth; throws on an unknown id (ids come from parseTooth or stored data, so a bad one is a bug). */
export function toothInfo(id: ToothId): ToothInfo {
  const info = INFO.get(id);
  if (!info) throw new Error(`Unknown tooth id: ${JSON.stringify(id)}`);
  return info;
}

export const arch = (id: ToothId): Arch => (toothInfo(id).quadrant <= 2 ? 'upper' : 'lower');
export const isUpper = (id: ToothId): boolean => arch(id) === 'upper';
export const quadrantNumber = (id: ToothId): QuadrantNumber => toothInfo(id).quadrant;
export const quadrant = (id: ToothId): Quadrant => QUADRANT_NAMES[toothInfo(id).quadrant];
export const isPrimary = (id: ToothId): boolean => toothInfo(id).primary;
export const isPermanent = (id: ToothId): boolean => !toothInfo(id).primary;
export const isSupernumerary = (id: ToothId): boolean => toothInfo(id).supernumerary;
/** The regular tooth a supernumerary one sits next to (the tooth itself otherwise). */
export const parentTooth = (id: ToothId): ToothId => toothInfo(id).parent;

export function toothType(id: ToothId): ToothType {
  const { position, primary } = toothInfo(id);
  if (position <= 2) return 'incisor';
  if (position === 3) return 'canine';
  if (primary) return 'molar';
  return position <= 5 ? 'premolar' : 'molar';
}

/** Canines count as anterior: Universal 6–11, 22–27, C–H, M–R. */
export const isAnterior = (id: ToothId): boolean => toothInfo(id).position <= 3;
export const isPosterior = (id: ToothId): boolean => !isAnterior(id);
export const isMolar = (id: ToothId): boolean => toothType(id) === 'molar';
export const isThirdMolar = (id: ToothId): boolean => !toothInfo(id).primary && toothInfo(id).position === 8;

export function sextant(id: ToothId): Sextant {
  const { quadrant: q, position } = toothInfo(id);
  if (position <= 3) return q <= 2 ? 2 : 5;
  return ({ 1: 1, 2: 3, 3: 4, 4: 6 } as const)[q];
}

export function quadrantFromNumber(n: QuadrantNumber): Quadrant {
  return QUADRANT_NAMES[n];
}

// ---------------------------------------------------------------------------
// Notations

/** FDI two-digit code (11..48, 51..85); null for a supernumerary tooth, which ISO 3950 cannot name. */
export function toFdi(id: ToothId): number | null {
  const { quadrant: q, position, primary, supernumerary } = toothInfo(id);
  if (supernumerary) return null;
  return (q + (primary ? 4 : 0)) * 10 + position;
}

export function fromFdi(code: number | string): ToothId | null {
  const n = typeof code === 'number' ? code : /^\d{2}$/.test(code.trim()) ? Number(code.trim()) : NaN;
  if (!Number.isInteger(n)) return null;
  const first = Math.floor(n / 10);
  const position = n % 10;
  if (first < 1 || first > 8 || position < 1) return null;
  const primary = first >= 5;
  if (position > (primary ? 5 : 8)) return null;
  return universalOf((primary ? first - 4 : first) as QuadrantNumber, position, primary);
}

export interface Palmer {
  quadrant: Quadrant;
  /** '1'..'8' for permanent teeth, 'A'..'E' for primary ones. */
  label: string;
  supernumerary: boolean;
}

export function toPalmer(id: ToothId): Palmer {
  const { quadrant: q, position, primary, supernumerary } = toothInfo(id);
  return { quadrant: QUADRANT_NAMES[q], label: primary ? 'ABCDE'[position - 1]! : String(position), supernumerary };
}

/** 'UR8', 'ULA', 'LR6s' (the 's' is our convention for a supernumerary tooth). */
export function palmerText(p: Palmer): string {
  return `${p.quadrant}${p.label}${p.supernumerary ? 's' : ''}`;
}

export function fromPalmer(p: Palmer): ToothId | null {
  const q = (QUADRANTS.indexOf(p.quadrant) + 1) as QuadrantNumber | 0;
  if (q === 0) return null;
  const label = p.label.toUpperCase();
  let id: ToothId;
  if (/^[1-8]$/.test(label)) id = universalOf(q, Number(label), false);
  else if (/^[A-E]$/.test(label)) id = universalOf(q, label.charCodeAt(0) - 64, true);
  else return null;
  return p.supernumerary ? supernumeraryOf(id) : id;
}

/** The supernumerary id at a regular tooth's position ('1' → '51', 'A' → 'AS'). */
export function supernumeraryOf(id: ToothId): ToothId {
  const info = toothInfo(id);
  if (info.supernumerary) return id;
  return info.primary ? `${id}S` : String(Number(id) + 50);
}

/** The tooth's label in a notation: '18', '8', 'UR8'; supernumerary '18s', '51', 'UR8s'. */
export function formatTooth(id: ToothId, notation: Notation): string {
  const info = toothInfo(id);
  switch (notation) {
    case 'universal':
      return id;
    case 'fdi':
      return info.supernumerary ? `${toFdi(info.parent)}s` : String(toFdi(id));
    case 'palmer':
      return palmerText(toPalmer(id));
  }
}

/**
 * Reads a tooth typed or stored in any notation. Forms that cannot be confused
 * are always accepted: Palmer text ('UR8', 'ul a', 'LR6s'), Universal letters
 * ('A', 'ts'), and FDI with our supernumerary suffix ('18s'). Bare numbers are
 * ambiguous ('11' is a Universal canine and an FDI central incisor), so they
 * are read in the notation given; under 'palmer' a bare number is null.
 */
export function parseTooth(input: string, notation: Notation): ToothId | null {
  const text = input.trim().toUpperCase().replace(/[\s-]+/g, '');
  let m = /^(UR|UL|LL|LR)([1-8A-E])(S?)$/.exec(text);
  if (m) return fromPalmer({ quadrant: m[1] as Quadrant, label: m[2]!, supernumerary: m[3] === 'S' });
  if (/^[A-T]S?$/.test(text)) return text;
  m = /^([1-8][1-8])S$/.exec(text);
  if (m) {
    const parent = fromFdi(m[1]!);
    return parent ? supernumeraryOf(parent) : null;
  }
  if (!/^\d{1,2}$/.test(text)) return null;
  if (notation === 'fdi') return fromFdi(text);
  if (notation === 'universal') {
    const n = Number(text);
    return (n >= 1 && n <= 32) || (n >= 51 && n <= 82) ? String(n) : null;
  }
  return null;
}

// ---------------------------------------------------------------------------
// Successors (mixed dentition)

/** The permanent tooth that replaces a primary one (A → 4, the upper right second premolar). */
export function successorOf(id: ToothId): ToothId | null {
  const info = toothInfo(id);
  if (!info.primary || info.supernumerary) return null;
  return universalOf(info.quadrant, info.position, false);
}

/** The primary tooth a permanent one replaces (null for molars, which have none). */
export function predecessorOf(id: ToothId): ToothId | null {
  const info = toothInfo(id);
  if (info.primary || info.supernumerary || info.position > 5) return null;
  return universalOf(info.quadrant, info.position, true);
}

// ---------------------------------------------------------------------------
// Layout: where a tooth is drawn on the odontogram

/**
 * The column on screen, 0..15, as the dentist faces the patient: the patient's
 * right is on the viewer's left. Upper row 1..16 (FDI 18..11, 21..28), lower
 * row 32..17 (FDI 48..41, 31..38). A primary tooth shares the column of its
 * successor, so mixed dentitions line up.
 */
export function displayColumn(id: ToothId): number {
  const { quadrant: q, position } = toothInfo(id);
  return q === 1 || q === 4 ? 8 - position : 7 + position;
}

/** A sort key within a row: by column, then permanent before primary, then the supernumerary tooth after its neighbour. */
function displayKey(id: ToothId): number {
  const info = toothInfo(id);
  return displayColumn(id) * 4 + (info.primary ? 1 : 0) + (info.supernumerary ? 2 : 0);
}

export interface DisplayRows {
  upper: ToothId[];
  lower: ToothId[];
}

/** Splits a set of teeth into the two rows of the odontogram, each left to right on screen. */
export function displayOrder(teeth: Iterable<ToothId>): DisplayRows {
  const unique = [...new Set(teeth)];
  for (const id of unique) toothInfo(id);
  const byKey = (a: ToothId, b: ToothId) => displayKey(a) - displayKey(b);
  return { upper: unique.filter(isUpper).sort(byKey), lower: unique.filter((t) => !isUpper(t)).sort(byKey) };
}

/** The teeth in reading order: upper row left to right, then lower row left to right. */
export function displaySequence(teeth: Iterable<ToothId>): ToothId[] {
  const rows = displayOrder(teeth);
  return [...rows.upper, ...rows.lower];
}

/**
 * The neighbours of a tooth among a set of teeth in the same arch: mesial
 * (toward the midline, or across it for a central incisor) and distal. Teeth
 * absent from the set are skipped, so pass the present teeth to get contacts,
 * or the full dentition to get positions.
 */
export function neighbours(id: ToothId, teeth: Iterable<ToothId>): { mesial: ToothId | null; distal: ToothId | null } {
  const all = [...new Set([...teeth, id])];
  const rows = displayOrder(all);
  const row = isUpper(id) ? rows.upper : rows.lower;
  const i = row.indexOf(id);
  const left = row[i - 1] ?? null;
  const right = row[i + 1] ?? null;
  // On the viewer's left half (patient's right), mesial is to the right on screen.
  const onLeftHalf = displayColumn(id) <= 7;
  return onLeftHalf ? { mesial: right, distal: left } : { mesial: left, distal: right };
}

/** Keyboard navigation on the odontogram: left/right along the row, up/down to the nearest column of the other row. */
export function moveOnOdontogram(id: ToothId, teeth: Iterable<ToothId>, direction: 'left' | 'right' | 'up' | 'down'): ToothId {
  const rows = displayOrder([...teeth, id]);
  const row = isUpper(id) ? rows.upper : rows.lower;
  const i = row.indexOf(id);
  if (direction === 'left') return row[i - 1] ?? id;
  if (direction === 'right') return row[i + 1] ?? id;
  const other = direction === 'up' ? rows.upper : rows.lower;
  if (other === row || other.length === 0) return id;
  const column = displayColumn(id);
  let best = other[0]!;
  for (const t of other) if (Math.abs(displayColumn(t) - column) < Math.abs(displayColumn(best) - column)) best = t;
  return best;
}

/**
 * Whether teeth form one run in one arch with no gap (a bridge's span). Columns
 * count, not presence: a pontic replaces a missing tooth and is part of the run.
 */
export function isContiguousRange(teeth: readonly ToothId[]): boolean {
  if (teeth.length < 2) return false;
  if (teeth.some((t) => !isToothId(t) || isSupernumerary(t))) return false;
  if (new Set(teeth.map(arch)).size !== 1) return false;
  const columns = teeth.map(displayColumn).sort((a, b) => a - b);
  return columns.every((c, i) => i === 0 || c === columns[i - 1]! + 1);
}

// ---------------------------------------------------------------------------
// Dentitions

export type DentitionKind = 'permanent' | 'primary' | 'mixed';

export const PERMANENT_DENTITION: readonly ToothId[] = PERMANENT_TEETH;
export const PRIMARY_DENTITION: readonly ToothId[] = PRIMARY_TEETH;
/**
 * A typical 6–12-year-old: permanent first molars and incisors, with primary
 * canines and molars still in place.
 */
export const MIXED_DENTITION: readonly ToothId[] = sortByUniversal([
  '3', '14', '19', '30',
  '7', '8', '9', '10', '23', '24', '25', '26',
  'C', 'H', 'M', 'R',
  'A', 'B', 'I', 'J', 'K', 'L', 'S', 'T',
]);

export function dentition(kind: DentitionKind): readonly ToothId[] {
  return kind === 'permanent' ? PERMANENT_DENTITION : kind === 'primary' ? PRIMARY_DENTITION : MIXED_DENTITION;
}

/**
 * Any mixture: validates the ids, drops duplicates and returns them in
 * Universal order. Throws on an unknown id.
 */
export function buildDentition(teeth: Iterable<ToothId>): ToothId[] {
  const unique = [...new Set(teeth)];
  for (const id of unique) toothInfo(id);
  return sortByUniversal(unique);
}

/** A primary tooth exfoliates and its successor erupts. */
export function replaceWithSuccessor(teeth: readonly ToothId[], primaryId: ToothId): ToothId[] {
  const successor = successorOf(primaryId);
  if (!successor) throw new Error(`${primaryId} is not a primary tooth`);
  return buildDentition([...teeth.filter((t) => t !== primaryId), successor]);
}

/** Classifies a set of teeth. */
export function dentitionKind(teeth: Iterable<ToothId>): DentitionKind {
  let primary = false;
  let permanent = false;
  for (const t of teeth) {
    if (isPrimary(t)) primary = true;
    else permanent = true;
  }
  return primary && permanent ? 'mixed' : primary ? 'primary' : 'permanent';
}

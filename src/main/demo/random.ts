/**
 * Seeded randomness for the demo practice. Everything the generator makes,
 * ids included, comes from here, so the same seed gives the same practice
 * byte for byte: tests can compare two runs, and benchmarks always measure
 * the same data.
 */

/** cyrb128: spreads a short seed string over 128 bits of generator state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export interface Weighted<T> {
  value: T;
  weight: number;
}

/**
 * sfc32 rather than mulberry32: with only 32 bits of state, every id's 74
 * "random" bits would be one of 2^32 sequences, and ids made in the same
 * millisecond could repeat. 128 bits of state makes that a non-issue.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    // The first outputs of sfc32 still echo the seed; discard them.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  /**
   * An independent stream for one part of the demo. Each step forks its own,
   * so adding a step (appointments, ledger, ...) never shifts what earlier
   * steps generate.
   */
  static forStep(seed: string, step: string): Random {
    return new Random(`${seed}/${step}`);
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal, by Box-Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/**
 * Draws from a frequency-weighted list in O(log n), so 60,000 patients
 * times several names each stays cheap.
 */
export class WeightedPicker<T> {
  private readonly values: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly Weighted<T>[]) {
    if (entries.length === 0) throw new Error('WeightedPicker needs at least one entry');
    this.values = entries.map((e) => e.value);
    let total = 0;
    this.cumulative = entries.map((e) => (total += e.weight));
  }

  pick(random: Random): T {
    const target = random.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/**
 * A UUIDv7 whose timestamp is the row's (synthetic) creation time and whose
 * random bits come from the seeded stream: valid v7 (version nibble 7,
 * variant 10), sorted by time like real ids, yet reproducible.
 */
export function seededUuidV7(random: Random, unixMs: number): string {
  const ms = Math.max(0, Math.floor(unixMs));
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');
  const timeHigh = Math.floor(ms / 0x10000); // top 32 of the 48 timestamp bits
  const timeLow = ms % 0x10000;
  const randA = random.uint32() & 0x0fff;
  const randB1 = (random.uint32() & 0x3fff) | 0x8000; // variant bits 10
  const randB2 = random.uint32();
  const randB3 = random.uint32() & 0xffff;
  return (
    `${hex(timeHigh, 8)}-${hex(timeLow, 4)}-${hex(0x7000 | randA, 4)}-` + `${hex(randB1, 4)}-${hex(randB2, 8)}${hex(randB3, 4)}`
  );
}

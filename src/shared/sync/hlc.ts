/**
 * Hybrid logical clock. Timestamps order changes from many workstations even
 * when their wall clocks disagree a little, and still read as times.
 *
 * Encoded as a fixed-width string so that plain string comparison is the
 * clock order: 15 digits of milliseconds, 6 base-36 digits of counter, node id.
 */
export interface HlcTimestamp {
  wallMs: number;
  counter: number;
  node: string;
}

/** Changes stamped further ahead than this are refused: the sender's clock is wrong. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
const COUNTER_MAX = 36 ** 6 - 1;

export function encodeHlc(t: HlcTimestamp): string {
  return `${t.wallMs.toString().padStart(15, '0')}-${t.counter.toString(36).padStart(6, '0')}-${t.node}`;
}

export function decodeHlc(s: string): HlcTimestamp {
  const match = /^(\d{15})-([0-9a-z]{6})-(.+)$/.exec(s);
  if (!match) throw new Error(`Not an HLC timestamp: ${s}`);
  return { wallMs: Number(match[1]), counter: parseInt(match[2]!, 36), node: match[3]! };
}

export class ClockSkewError extends Error {
  constructor(readonly aheadMs: number) {
    super(`Remote clock is ${Math.round(aheadMs / 1000)} s ahead`);
    this.name = 'ClockSkewError';
  }
}

export class HybridLogicalClock {
  private last: HlcTimestamp;

  constructor(
    readonly node: string,
    private readonly now: () => number = Date.now,
    last?: string | null,
  ) {
    this.last = last ? decodeHlc(last) : { wallMs: 0, counter: 0, node };
  }

  /** A timestamp for a local change, later than every one issued or seen before. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.wallMs) {
      this.last = { wallMs: wall, counter: 0, node: this.node };
    } else {
      this.last = { wallMs: this.last.wallMs, counter: this.bump(this.last.counter), node: this.node };
    }
    return encodeHlc(this.last);
  }

  /** Folds in a timestamp received from another workstation. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const wall = this.now();
    if (r.wallMs - wall > MAX_CLOCK_SKEW_MS) throw new ClockSkewError(r.wallMs - wall);
    const maxWall = Math.max(wall, this.last.wallMs, r.wallMs);
    let counter: number;
    if (maxWall === this.last.wallMs && maxWall === r.wallMs) counter = this.bump(Math.max(this.last.counter, r.counter));
    else if (maxWall === this.last.wallMs) counter = this.bump(this.last.counter);
    else if (maxWall === r.wallMs) counter = this.bump(r.counter);
    else counter = 0;
    this.last = { wallMs: maxWall, counter, node: this.node };
    return encodeHlc(this.last);
  }

  private bump(counter: number): number {
    if (counter >= COUNTER_MAX) throw new Error('HLC counter overflow');
    return counter + 1;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockSkewError, decodeHlc, encodeHlc, HybridLogicalClock, MAX_CLOCK_SKEW_MS } from '../../src/shared/sync/hlc';

describe('the hybrid logical clock', () => {
  it('orders as strings exactly as it orders as clocks', () => {
    fc.assert(
      fc.property(
        fc.record({ wallMs: fc.nat(2 ** 47), counter: fc.nat(36 ** 6 - 1), node: fc.constant('n') }),
        fc.record({ wallMs: fc.nat(2 ** 47), counter: fc.nat(36 ** 6 - 1), node: fc.constant('n') }),
        (a, b) => {
          const byClock = a.wallMs - b.wallMs || a.counter - b.counter;
          const byString = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
          expect(Math.sign(byClock)).toBe(byString);
          expect(decodeHlc(encodeHlc(a))).toEqual(a);
        },
      ),
    );
  });

  it('never goes backwards, whatever the wall clock and the remote stamps do', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ kind: fc.constant('tick' as const), wall: fc.integer({ min: 1_000, max: 2_000 }) }), fc.record({ kind: fc.constant('receive' as const), wall: fc.integer({ min: 1_000, max: 2_000 }), remote: fc.integer({ min: 1_000, max: 2_000 }) })), { maxLength: 200 }),
        (steps) => {
          let wall = 0;
          const clock = new HybridLogicalClock('a', () => wall);
          let previous = '';
          for (const step of steps) {
            wall = step.wall;
            const next = step.kind === 'tick' ? clock.tick() : clock.receive(encodeHlc({ wallMs: step.remote, counter: 3, node: 'b' }));
            expect(next > previous).toBe(true);
            previous = next;
          }
        },
      ),
    );
  });

  it('refuses a remote clock more than five minutes ahead', () => {
    const clock = new HybridLogicalClock('a', () => 10_000_000);
    expect(() => clock.receive(encodeHlc({ wallMs: 10_000_000 + MAX_CLOCK_SKEW_MS + 1, counter: 0, node: 'b' }))).toThrow(ClockSkewError);
    expect(() => clock.receive(encodeHlc({ wallMs: 10_000_000 + MAX_CLOCK_SKEW_MS, counter: 0, node: 'b' }))).not.toThrow();
  });
});

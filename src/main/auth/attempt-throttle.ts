import { type BucketStore, MemoryBuckets } from './attempt-buckets';

/**
 * Slows down guessing. Each failed attempt counts against two buckets: the
 * name tried (whether or not such a user exists, so an unknown name gets the
 * same answer as a wrong password) and this workstation as a whole (so trying
 * one password across many names is slowed too). A few failures are free;
 * then each one doubles the wait before the next try, up to a minute; then
 * the bucket is locked for a while, until the time passes or an admin lifts
 * it. While a bucket waits, attempts are refused before any password is
 * checked. A success clears the name's bucket.
 *
 * The counts outlive a restart (see attempt-buckets.ts): quitting the app
 * must not lift a lockout.
 */
export interface ThrottlePolicy {
  freeFailures: number;
  maxDelayMs: number;
  lockAfterFailures: number;
  lockoutMs: number;
  /** A quiet spell after which earlier failures no longer count. */
  forgetAfterMs: number;
}

export const SIGN_IN_POLICY: ThrottlePolicy = { freeFailures: 3, maxDelayMs: 60_000, lockAfterFailures: 10, lockoutMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/** The workstation's bucket: several people mistype on one front-desk PC in a day. */
export const WORKSTATION_POLICY: ThrottlePolicy = { freeFailures: 10, maxDelayMs: 60_000, lockAfterFailures: 30, lockoutMs: 15 * 60_000, forgetAfterMs: 15 * 60_000 };


export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; lockedOut: boolean };

/** What one failure did to a bucket: the wait it started, and whether it locked the bucket. */
export interface FailureOutcome {
  failures: number;
  waitMs: number;
  lockedOut: boolean;
}

export class AttemptThrottle {
  private readonly memory = new MemoryBuckets();

  constructor(
    private readonly policyOf: (key: string) => ThrottlePolicy,
    private readonly now: () => number = Date.now,
    /** Where a key's bucket is kept; null while its store is not open (then memory). */
    private readonly storeOf: (key: string) => BucketStore | null = () => null,
  ) {}

  private buckets(key: string): BucketStore {
    return this.storeOf(key) ?? this.memory;
  }

  check(keys: readonly string[]): ThrottleVerdict {
    const now = this.now();
    let worst: ThrottleVerdict = { allowed: true };
    for (const key of keys) {
      const bucket = this.buckets(key).get(key);
      if (!bucket || bucket.blockedUntil <= now) continue;
      const retryAfterMs = bucket.blockedUntil - now;
      if (worst.allowed || retryAfterMs > worst.retryAfterMs) worst = { allowed: false, retryAfterMs, lockedOut: bucket.lockedOut };
    }
    return worst;
  }

  /** Counts a failure against every key; returns what happened to each. */
  fail(keys: readonly string[]): Map<string, FailureOutcome> {
    const now = this.now();
    const outcomes = new Map<string, FailureOutcome>();
    for (const key of keys) {
      const policy = this.policyOf(key);
      const bucket = this.buckets(key).get(key) ?? { failures: 0, blockedUntil: 0, lockedOut: false, lastFailureAt: now };
      // A lockout that ran out, or a long quiet spell, starts the count again.
      const expired = bucket.lockedOut ? bucket.blockedUntil <= now : now - bucket.lastFailureAt > policy.forgetAfterMs;
      if (expired) Object.assign(bucket, { failures: 0, lockedOut: false });
      bucket.failures++;
      bucket.lastFailureAt = now;
      let waitMs = 0;
      if (bucket.failures >= policy.lockAfterFailures) {
        bucket.lockedOut = true;
        waitMs = policy.lockoutMs;
      } else if (bucket.failures >= policy.freeFailures) {
        waitMs = Math.min(1000 * 2 ** (bucket.failures - policy.freeFailures), policy.maxDelayMs);
      }
      bucket.blockedUntil = now + waitMs;
      this.buckets(key).put(key, bucket);
      outcomes.set(key, { failures: bucket.failures, waitMs, lockedOut: bucket.lockedOut });
    }
    return outcomes;
  }

  succeed(key: string): void {
    this.buckets(key).remove(key);
  }

  /** An admin's release of a locked-out name (and the workstation with it). */
  lift(keys: readonly string[]): boolean {
    let lifted = false;
    for (const key of keys) lifted = this.buckets(key).remove(key) || lifted;
    return lifted;
  }

  /** Names whose bucket is locked out now, for the admin's list. */
  lockedOut(prefix: string): { key: string; until: number }[] {
    const now = this.now();
    return [...this.buckets(prefix).entries()]
      .filter(([key, b]) => key.startsWith(prefix) && b.lockedOut && b.blockedUntil > now)
      .map(([key, b]) => ({ key: key.slice(prefix.length), until: b.blockedUntil }));
  }
}

import { AppError, type ErrorCode } from '../../shared/contract/errors';
import type { BucketStore } from './attempt-buckets';
import { AttemptThrottle, SIGN_IN_POLICY, type ThrottlePolicy, WORKSTATION_POLICY } from './attempt-throttle';

/** The bucket of everything tried on this workstation. */
export const WORKSTATION_KEY = 'workstation';
export const PASSPHRASE_KEY = 'passphrase';
export const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;

/** How a refused or failed attempt is told: the plain error, and its words when a wait or a lockout applies. */
export interface AttemptWords {
  code: ErrorCode;
  messageKey?: string;
  waitKey: string;
  lockedKey: string;
}

export const SIGN_IN_WORDS: AttemptWords = { code: 'WRONG_PASSWORD', waitKey: 'errors.WRONG_PASSWORD_WAIT', lockedKey: 'errors.LOCKED_OUT' };
export const UNLOCK_WORDS: AttemptWords = { ...SIGN_IN_WORDS, messageKey: 'errors.WRONG_UNLOCK_PASSWORD' };
export const PASSPHRASE_WORDS: AttemptWords = { code: 'WRONG_PASSPHRASE', waitKey: 'errors.WRONG_PASSPHRASE_WAIT', lockedKey: 'errors.PASSPHRASE_LOCKED_OUT' };

export type AttemptEvent =
  | { kind: 'refused'; retryAfterMs: number; lockedOut: boolean }
  | { kind: 'failed'; failures: number; waitMs: number }
  | { kind: 'lockedOut'; key: string; lockoutMs: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Runs a password or passphrase check under the throttle: refused at once
 * while a bucket waits, counted when it fails, cleared when it succeeds.
 * `record` hears each event, for the audit log.
 */
export class GuessingGuard {
  readonly throttle: AttemptThrottle;

  /**
   * `stores.passphrase` keeps the passphrase's count (before the database is open); `stores.signIn`
   * gives the open database's store for names and the workstation, or null while it is locked.
   */
  constructor(now: () => number = Date.now, stores: { passphrase?: BucketStore; signIn?: () => BucketStore | null } = {}) {
    this.throttle = new AttemptThrottle(
      (key): ThrottlePolicy => (key === WORKSTATION_KEY ? WORKSTATION_POLICY : SIGN_IN_POLICY),
      now,
      (key) => (key === PASSPHRASE_KEY ? (stores.passphrase ?? null) : (stores.signIn?.() ?? null)),
    );
  }

  async attempt<T>(
    keys: readonly string[],
    words: AttemptWords,
    record: (event: AttemptEvent) => Promise<void>,
    check: () => Promise<T | null>,
  ): Promise<T> {
    const verdict = this.throttle.check(keys);
    if (!verdict.allowed) {
      await record({ kind: 'refused', retryAfterMs: verdict.retryAfterMs, lockedOut: verdict.lockedOut });
      throw verdict.lockedOut
        ? new AppError('TOO_MANY_ATTEMPTS', words.lockedKey, { params: { minutes: minutes(verdict.retryAfterMs) } })
        : new AppError('TOO_MANY_ATTEMPTS', undefined, { params: { seconds: seconds(verdict.retryAfterMs) } });
    }
    const result = await check();
    if (result !== null) {
      this.throttle.succeed(keys[0]!);
      return result;
    }
    const outcomes = this.throttle.fail(keys);
    const own = outcomes.get(keys[0]!)!;
    const waitMs = Math.max(...[...outcomes.values()].map((o) => o.waitMs));
    await record({ kind: 'failed', failures: own.failures, waitMs });
    for (const [key, outcome] of outcomes) {
      if (outcome.lockedOut && outcome.waitMs > 0) await record({ kind: 'lockedOut', key, lockoutMs: outcome.waitMs });
    }
    const lockedOut = [...outcomes.values()].some((o) => o.lockedOut);
    if (lockedOut) throw new AppError(words.code, words.lockedKey, { params: { minutes: minutes(waitMs) } });
    if (waitMs > 0) throw new AppError(words.code, words.waitKey, { params: { seconds: seconds(waitMs) } });
    throw new AppError(words.code, words.messageKey);
  }
}

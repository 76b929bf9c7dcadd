import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { writeFileAtomic } from '../files/atomic-write';

/*
 * Where the throttle keeps its counts. In memory alone, quitting and starting
 * the app again would lift every wait and lockout, so an admin's lockout
 * would last only as long as the guesser's patience. The counts of names
 * tried live in the encrypted database (a name typed by mistake may be a
 * password); the passphrase's count, needed before the database is open, is
 * a file beside it that holds only numbers.
 */

export interface Bucket {
  failures: number;
  /** No attempt is taken before this time. */
  blockedUntil: number;
  lockedOut: boolean;
  lastFailureAt: number;
}

export interface BucketStore {
  get(key: string): Bucket | undefined;
  put(key: string, bucket: Bucket): void;
  remove(key: string): boolean;
  entries(): Iterable<[string, Bucket]>;
}

export class MemoryBuckets implements BucketStore {
  private readonly buckets = new Map<string, Bucket>();
  get = (key: string) => this.buckets.get(key);
  put = (key: string, bucket: Bucket) => void this.buckets.set(key, { ...bucket });
  remove = (key: string) => this.buckets.delete(key);
  entries = () => this.buckets.entries();
}

interface BucketRow {
  key: string;
  failures: number;
  blocked_until: number;
  locked_out: number;
  last_failure_at: number;
}

const toBucket = (row: BucketRow): Bucket => ({ failures: row.failures, blockedUntil: row.blocked_until, lockedOut: row.locked_out === 1, lastFailureAt: row.last_failure_at });

/** Names tried on this workstation, in its own database: local bookkeeping, never synced or audited as a change. */
export class DatabaseBuckets implements BucketStore {
  constructor(private readonly sqlite: Database.Database) {}

  get(key: string): Bucket | undefined {
    const row = this.sqlite.prepare('SELECT * FROM sign_in_attempts WHERE key = ?').get(key) as BucketRow | undefined;
    return row ? toBucket(row) : undefined;
  }

  put(key: string, b: Bucket): void {
    this.sqlite
      .prepare(
        `INSERT INTO sign_in_attempts (key, failures, blocked_until, locked_out, last_failure_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, blocked_until = excluded.blocked_until, locked_out = excluded.locked_out, last_failure_at = excluded.last_failure_at`,
      )
      .run(key, b.failures, b.blockedUntil, b.lockedOut ? 1 : 0, b.lastFailureAt);
  }

  remove(key: string): boolean {
    return this.sqlite.prepare('DELETE FROM sign_in_attempts WHERE key = ?').run(key).changes > 0;
  }

  entries(): Iterable<[string, Bucket]> {
    return (this.sqlite.prepare('SELECT * FROM sign_in_attempts').all() as BucketRow[]).map((row) => [row.key, toBucket(row)]);
  }
}

/**
 * One bucket in a small JSON file: the passphrase's, which must count before
 * the database can be opened. The file holds numbers only. A missing or
 * unreadable file counts as no failures, and a folder that does not exist yet
 * (no practice set up) keeps the count in memory.
 */
export class FileBucket implements BucketStore {
  private memory: Bucket | undefined;

  constructor(
    private readonly path: string,
    private readonly key: string,
  ) {}

  private read(): Bucket | undefined {
    if (!existsSync(this.path)) return this.memory;
    try {
      const b = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<Bucket> | null;
      if (b === null) return undefined;
      if ([b.failures, b.blockedUntil, b.lastFailureAt].every((n) => typeof n === 'number') && typeof b.lockedOut === 'boolean') return b as Bucket;
    } catch {
      // A damaged file must not lock anyone out, nor let the count restart unnoticed: the audit log has every failure.
    }
    return this.memory;
  }

  private write(bucket: Bucket | undefined): void {
    this.memory = bucket;
    if (!existsSync(dirname(this.path))) return;
    writeFileAtomic(this.path, JSON.stringify(bucket ?? null));
  }

  get(key: string): Bucket | undefined {
    return key === this.key ? this.read() : undefined;
  }

  put(key: string, bucket: Bucket): void {
    if (key === this.key) this.write({ ...bucket });
  }

  remove(key: string): boolean {
    if (key !== this.key || !this.read()) return false;
    this.write(undefined);
    return true;
  }

  entries(): Iterable<[string, Bucket]> {
    const bucket = this.read();
    return bucket ? [[this.key, bucket]] : [];
  }
}

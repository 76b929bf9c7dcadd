import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncStatus } from '../../shared/contract/sync';
import { encodeHlc } from '../../shared/sync/hlc';
import { type AuthorRole, type Envelope, type PullResponse, pullResponseSchema, pushResponseSchema, type RefusalReason } from '../../shared/sync/protocol';
import { reclaimFreePages } from '../db/free-pages';
import type { Store } from '../store/store';
import { applyRemoteBatch, foldAcknowledged, retryParked } from './apply-remote';
import { ChangeOpener, type OpenedChanges } from './change-opener';
import { HubConnection, HubRefusal, HubUnreachable } from './hub-connection';
import { hasPendingRedactions, redactQueued } from './redactions';
import { sealChange } from './sync-crypto';
import { type EnrollmentState, syncState } from './sync-state';

type Sqlite = Database.Database;

/**
 * The workstation's side of sync: drains the outbox to the hub and applies
 * the hub's log here, each in its own loop, so a slow upload never delays
 * what others did. With the hub away both loops back off and retry; writes
 * keep landing in the outbox meanwhile, and drain by themselves on reconnect.
 */
export interface SyncClientOptions {
  store: Store;
  enrollment: EnrollmentState;
  syncKey: Buffer;
  onStatus?: (status: SyncStatus) => void;
  /** Changes per push; the hub takes up to 1000. */
  pushBatch?: number;
  pullBatch?: number;
  /** How long a pull waits at the hub for something new. */
  waitMs?: number;
  /** Longest pause between retries while the hub is away. */
  maxBackoffMs?: number;
}

/** A backlog larger than this shows a progress bar. */
const PROGRESS_THRESHOLD = 500;
/** Plaintext field bytes one push carries at most (sealed, about 4/3 of it), far below the hub's 16 MB body limit. */
const PUSH_BYTES_BUDGET = 6 * 1024 * 1024;

interface OutboxRow {
  change_id: string;
  hlc: string;
  user_id: string | null;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string;
  seen_seq: number;
}

interface AuditRow {
  id: string;
  seq: number;
  at: string;
  user_id: string | null;
  [column: string]: unknown;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

function countOf(sqlite: Sqlite, sql: string, ...params: unknown[]): number {
  return (sqlite.prepare(sql).get(...params) as { n: number }).n;
}

/** Counts for the status indicator and the sync panel, read in one go. */
export function readSyncCounts(sqlite: Sqlite, deviceId: string) {
  const auditPushed = syncState.auditPushedSeq(sqlite);
  return {
    pending:
      countOf(sqlite, `SELECT count(*) AS n FROM sync_outbox WHERE refused IS NULL`) +
      countOf(sqlite, `SELECT count(*) AS n FROM audit_log WHERE device_id = ? AND seq > ?`, deviceId, auditPushed),
    refused: countOf(sqlite, `SELECT count(*) AS n FROM sync_outbox WHERE refused IS NOT NULL`),
    openConflicts: countOf(sqlite, `SELECT count(*) AS n FROM sync_conflicts WHERE resolved_at IS NULL`),
    parked: countOf(sqlite, `SELECT count(*) AS n FROM sync_parked`),
    lastSyncAt: syncState.lastSyncAt(sqlite),
  };
}

interface PulledPage {
  response: PullResponse;
  opened: Promise<OpenedChanges>;
}

export class SyncClient {
  readonly connection: HubConnection;
  private readonly store: Store;
  private readonly enrollment: EnrollmentState;
  private readonly syncKey: Buffer;
  private readonly pushBatch: number;
  private readonly pullBatch: number;
  private readonly waitMs: number;
  private readonly maxBackoffMs: number;
  private readonly stopping = new AbortController();
  private readonly roles = new Map<string, AuthorRole>();
  private wake: (() => void) | null = null;
  private kicked = false;
  private reachable: boolean | null = null;
  private revoked = false;
  private problem: SyncStatus['problem'] = null;
  private sendProgress: { done: number; total: number } | null = null;
  private receiveProgress: { done: number; total: number } | null = null;
  /** The hub's newest sequence number, as last heard. */
  head = 0;
  /** What applying the pulled changes has cost so far, apart from fetching them: for the bench and the logs' reader. */
  readonly received = { changes: 0, applyMs: 0 };
  private statusTimer: NodeJS.Timeout | null = null;
  private loops: Promise<void>[] = [];
  private lastStatus: SyncStatus | null = null;
  private readonly idleWaiters: (() => void)[] = [];
  private readonly opener: ChangeOpener;
  /** The page after the one being applied, asked for while catching up. */
  private prefetched: { after: number; page: Promise<PulledPage | null> } | null = null;

  constructor(private readonly options: SyncClientOptions) {
    this.store = options.store;
    this.enrollment = options.enrollment;
    this.syncKey = options.syncKey;
    this.pushBatch = options.pushBatch ?? 500;
    this.pullBatch = options.pullBatch ?? 1000;
    this.waitMs = options.waitMs ?? 25_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15_000;
    this.opener = new ChangeOpener(this.syncKey);
    this.connection = new HubConnection({ url: options.enrollment.hubUrl, fingerprint: options.enrollment.fingerprint, certPem: options.enrollment.certPem });
  }

  get token(): string {
    return this.enrollment.deviceToken;
  }

  get hub(): EnrollmentState {
    return this.enrollment;
  }

  async start(): Promise<void> {
    this.revoked = await this.store.exclusive((sqlite) => syncState.revoked(sqlite));
    if (this.revoked) return this.emitStatus();
    // Changes parked by an older version (or a clock far ahead) get another chance at each start.
    const retried = await this.store.exclusive((sqlite) => retryParked(this.applyContext(sqlite)));
    this.store.announce(retried.touched);
    this.loops = [this.pushLoop(), this.pullLoop()];
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    await Promise.all(this.loops);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    await this.prefetched?.page;
    this.prefetched = null;
    await this.opener.close();
    this.connection.close();
  }

  /** A local write committed: push it now rather than at the next timer. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Resolves once everything written here has reached the hub and the hub's log is applied (for tests, the CLI and benches). */
  async settled(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { pending } = await this.store.exclusive((sqlite) => readSyncCounts(sqlite, this.store.deviceId));
      if (pending === 0 && this.reachable && this.store.syncCursor >= this.head) return;
      if (Date.now() > deadline) throw new Error(`sync not settled: ${pending} pending, cursor ${this.store.syncCursor}/${this.head}`);
      this.kick();
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  private applyContext(sqlite: Sqlite) {
    return { sqlite, syncKey: this.syncKey, selfDeviceId: this.store.deviceId, clock: this.store.clock };
  }

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  private backoff(attempt: number): number {
    return Math.min(this.maxBackoffMs, 250 * 2 ** Math.min(attempt, 10));
  }

  private async pushLoop(): Promise<void> {
    let failures = 0;
    while (!this.signal.aborted && !this.revoked) {
      try {
        const sent = await this.pushOnce();
        failures = 0;
        if (sent > 0) continue;
        // The outbox is drained, so an erasure's anonymising changes are at the hub: reseal the older entries.
        if (await this.store.exclusive(hasPendingRedactions)) await this.redact();
        this.sendProgress = null;
        this.scheduleStatus();
      } catch (error) {
        if (this.signal.aborted) return;
        this.onFailure(error);
        await sleep(this.backoff(failures++), this.signal);
        continue;
      }
      await this.idle(5_000);
    }
  }

  private async redact(): Promise<void> {
    await redactQueued({
      connection: this.connection,
      token: this.token,
      syncKey: this.syncKey,
      cursor: this.store.syncCursor,
      signal: this.signal,
      exclusive: (work) => this.store.exclusive(work),
      roleOf: (sqlite, userId) => this.roleOf(sqlite, userId),
    });
  }

  private async pullLoop(): Promise<void> {
    let failures = 0;
    let catchingUp = true;
    while (!this.signal.aborted && !this.revoked) {
      try {
        const received = await this.pullOnce(catchingUp ? 0 : this.waitMs);
        failures = 0;
        catchingUp = received >= this.pullBatch;
        if (!catchingUp) this.receiveProgress = null;
      } catch (error) {
        if (this.signal.aborted) return;
        this.onFailure(error);
        catchingUp = true;
        await sleep(this.backoff(failures++), this.signal);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        this.kicked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private onSuccess(): void {
    const was = this.reachable;
    this.reachable = true;
    if (this.problem?.messageKey !== 'sync.errors.clockAhead') this.problem = null;
    if (was === false) this.kick();
    this.scheduleStatus();
  }

  private onFailure(error: unknown): void {
    if (error instanceof HubRefusal && error.code === 'REVOKED') {
      this.revoked = true;
      void this.store.exclusive((sqlite) => syncState.setRevoked(sqlite)).catch(() => {});
      this.problem = { messageKey: 'sync.errors.revoked' };
      this.wake?.();
    } else if (error instanceof HubRefusal) {
      this.reachable = true;
      this.problem = { messageKey: error.code === 'UNAUTHENTICATED' ? 'sync.errors.unauthenticated' : 'sync.errors.refused', params: { code: error.code } };
    } else if (error instanceof HubUnreachable || (error as Error)?.name === 'AbortError') {
      this.reachable = false;
      this.problem = { messageKey: 'sync.errors.unreachable' };
    } else {
      this.reachable = false;
      this.problem = { messageKey: 'sync.errors.unexpected' };
      console.error('sync: unexpected error', error);
    }
    this.scheduleStatus();
  }

  private roleOf(sqlite: Sqlite, userId: string | null): AuthorRole {
    if (userId === null) return 'system';
    let role = this.roles.get(userId);
    if (!role) {
      const row = sqlite.prepare(`SELECT role FROM users WHERE id = ?`).get(userId) as { role: AuthorRole } | undefined;
      role = row?.role ?? 'system';
      this.roles.set(userId, role);
    }
    return role;
  }

  /** The next batch to send, sealed: outbox changes first, then this device's audit entries. */
  private readBatch(sqlite: Sqlite): { envelopes: Envelope[]; audit: Map<string, number>; outbox: Map<string, OutboxRow>; total: number } {
    const deviceId = this.store.deviceId;
    // In clock order along the hlc index, skipping the few refused rows: the planner would otherwise pick the
    // refused index (kept for the status counts) and sort the whole outbox for each batch.
    const rows = sqlite
      .prepare(
        `SELECT change_id, hlc, user_id, table_name, row_id, op, fields, seen_seq FROM sync_outbox INDEXED BY sync_outbox_hlc WHERE refused IS NULL ORDER BY hlc LIMIT ?`,
      )
      .all(this.pushBatch) as OutboxRow[];
    // A batch also stops at a byte budget, well inside the hub's body limit (document chunks are ~0.7 MB each).
    let bytes = 0;
    let end = 0;
    while (end < rows.length && (end === 0 || bytes + rows[end]!.fields.length <= PUSH_BYTES_BUDGET)) bytes += rows[end++]!.fields.length;
    rows.length = end;
    const outbox = new Map(rows.map((r) => [r.change_id, r]));
    const envelopes = rows.map((r) =>
      sealChange(
        this.syncKey,
        { changeId: r.change_id, hlc: r.hlc, deviceId, userId: r.user_id, role: this.roleOf(sqlite, r.user_id), table: r.table_name, rowId: r.row_id, op: r.op, seenSeq: r.seen_seq },
        JSON.parse(r.fields) as Record<string, unknown>,
      ),
    );
    const audit = new Map<string, number>();
    if (envelopes.length < this.pushBatch) {
      const entries = sqlite
        .prepare(`SELECT * FROM audit_log WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?`)
        .all(deviceId, syncState.auditPushedSeq(sqlite), this.pushBatch - envelopes.length) as AuditRow[];
      for (const entry of entries) {
        const changeId = `audit-${entry.id}`.slice(0, 64);
        audit.set(changeId, entry.seq);
        const at = Date.parse(entry.at);
        envelopes.push(
          sealChange(
            this.syncKey,
            {
              changeId,
              // The entry's own time, so an old entry is never refused as ahead of the hub's clock.
              hlc: encodeHlc({ wallMs: Math.min(Number.isFinite(at) ? at : Date.now(), Date.now()), counter: 0, node: deviceId }),
              deviceId,
              userId: entry.user_id,
              role: this.roleOf(sqlite, entry.user_id),
              table: 'audit_log',
              rowId: entry.id,
              op: 'insert',
              seenSeq: 0,
            },
            entry,
          ),
        );
      }
    }
    // Counting the whole outbox costs a scan: once per drain, for the progress bar, not once per batch.
    const total = envelopes.length === 0 || this.sendProgress ? 0 : readSyncCounts(sqlite, deviceId).pending;
    return { envelopes, audit, outbox, total };
  }

  private async pushOnce(): Promise<number> {
    const batch = await this.store.exclusive((sqlite) => this.readBatch(sqlite));
    if (batch.envelopes.length === 0) return 0;
    if (!this.sendProgress && batch.total > PROGRESS_THRESHOLD) this.sendProgress = { done: 0, total: batch.total };
    const response = await this.connection.request('POST', '/v1/changes', {
      body: { changes: batch.envelopes },
      token: this.token,
      schema: pushResponseSchema,
      signal: this.signal,
    });
    let clockAhead: number | null = null;
    await this.store.exclusive((sqlite) => {
      sqlite.transaction(() => {
        let auditSeq = syncState.auditPushedSeq(sqlite);
        let lastHlc = '';
        const remove = sqlite.prepare(`DELETE FROM sync_outbox WHERE change_id = ?`);
        for (const { changeId, seq } of response.accepted) {
          const row = batch.outbox.get(changeId);
          if (row) {
            foldAcknowledged(sqlite, { table: row.table_name, rowId: row.row_id, op: row.op, hlc: row.hlc, fields: JSON.parse(row.fields) as Record<string, unknown>, seenSeq: row.seen_seq }, seq);
            if (row.hlc > lastHlc) lastHlc = row.hlc;
            remove.run(changeId);
          }
          const entrySeq = batch.audit.get(changeId);
          if (entrySeq !== undefined) auditSeq = Math.max(auditSeq, entrySeq);
        }
        // Only the newest clock is kept: once per batch, not once per change.
        if (lastHlc) syncState.setLastHlc(sqlite, lastHlc);
        syncState.setAuditPushedSeq(sqlite, auditSeq);
        for (const refusal of response.refused) {
          if (refusal.reason === 'CLOCK_SKEW') {
            // Not for good: the hub takes it once its clock catches up (or this one is corrected).
            clockAhead = Math.max(clockAhead ?? 0, refusal.aheadMs ?? 0);
            continue;
          }
          markRefused(sqlite, refusal.changeId, refusal.reason);
        }
        syncState.setLastSyncAt(sqlite, new Date().toISOString());
      })();
      // Once committed, the pruned outbox's pages go back to the disk as a drain goes, not all at once at its end.
      reclaimFreePages(sqlite);
    });
    if (this.sendProgress) this.sendProgress.done = Math.min(this.sendProgress.total, this.sendProgress.done + response.accepted.length);
    this.onSuccess();
    if (clockAhead !== null) {
      this.problem = { messageKey: 'sync.errors.clockAhead', params: { count: Math.ceil(clockAhead / 60_000) } };
      this.scheduleStatus();
      // Only skewed changes left: wait rather than spin on them.
      if (response.accepted.length === 0) return 0;
    }
    return response.accepted.length;
  }

  private async fetchPage(after: number, waitMs: number): Promise<PulledPage> {
    const response = await this.connection.request('GET', `/v1/changes?after=${after}&limit=${this.pullBatch}&waitMs=${waitMs}`, {
      token: this.token,
      schema: pullResponseSchema,
      signal: this.signal,
      timeoutMs: waitMs + 20_000,
    });
    return { response, opened: this.opener.open(response.changes) };
  }

  private async pullOnce(waitMs: number): Promise<number> {
    const after = this.store.syncCursor;
    const ahead = this.prefetched?.after === after ? await this.prefetched.page : null;
    this.prefetched = null;
    const { response, opened } = ahead ?? (await this.fetchPage(after, waitMs));
    this.head = response.head;
    if (response.changes.length >= this.pullBatch) {
      // Catching up: the next page is fetched and opened while this one is applied. A failure there is met
      // again, and reported, by the fetch that replaces it.
      const last = response.changes.reduce((max, change) => Math.max(max, change.seq), 0);
      this.prefetched = { after: last, page: this.fetchPage(last, 0).catch(() => null) };
    }
    if (response.changes.length > 0) {
      const openedChanges = await opened;
      const outcome = await this.store.exclusive((sqlite) => {
        const started = performance.now();
        const result = applyRemoteBatch({ ...this.applyContext(sqlite), opened: openedChanges }, response.changes);
        syncState.setLastSyncAt(sqlite, new Date().toISOString());
        this.received.applyMs += performance.now() - started;
        this.received.changes += response.changes.length;
        return result;
      });
      this.store.syncCursor = outcome.cursor;
      this.store.announce(outcome.touched);
      const behind = response.head - outcome.cursor;
      if (behind > PROGRESS_THRESHOLD && !this.receiveProgress) this.receiveProgress = { done: 0, total: behind + response.changes.length };
      if (this.receiveProgress) this.receiveProgress.done = Math.min(this.receiveProgress.total, this.receiveProgress.done + response.changes.length);
    }
    this.onSuccess();
    return response.changes.length;
  }

  private scheduleStatus(): void {
    if (this.statusTimer) return;
    // The counts behind a status read whole indexes; while a large backlog drains (a progress bar shows)
    // once a second is enough, and a status after every batch slowed the drain itself.
    const delay = this.sendProgress || this.receiveProgress ? 1000 : 150;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      void this.emitStatus();
    }, delay);
  }

  private async emitStatus(): Promise<void> {
    const status = await this.status().catch(() => null);
    if (!status) return;
    this.lastStatus = status;
    this.options.onStatus?.(status);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  async status(): Promise<SyncStatus> {
    const counts = await this.store.exclusive((sqlite) => readSyncCounts(sqlite, this.store.deviceId));
    const progress = this.sendProgress
      ? { ...this.sendProgress, direction: 'send' as const }
      : this.receiveProgress
        ? { ...this.receiveProgress, direction: 'receive' as const }
        : null;
    const state: SyncStatus['state'] = this.revoked
      ? 'revoked'
      : this.reachable === false
        ? 'offline'
        : this.reachable === null
          ? 'syncing'
          : counts.pending > 0 || progress
            ? 'syncing'
            : 'online';
    return {
      state,
      pending: counts.pending,
      lastSyncAt: counts.lastSyncAt,
      progress,
      problem: this.problem,
      openConflicts: counts.openConflicts,
      parked: counts.parked,
      refused: counts.refused,
      hub: { address: this.enrollment.hubUrl.replace(/^https:\/\//, ''), fingerprint: this.enrollment.fingerprint, servedHere: this.enrollment.servedHere },
      join: null,
    };
  }

  get cachedStatus(): SyncStatus | null {
    return this.lastStatus;
  }
}

/** The hub refused this change for good: it stays here, visible in the sync panel, and is no longer sent. */
function markRefused(sqlite: Sqlite, changeId: string, reason: RefusalReason): void {
  sqlite.prepare(`UPDATE sync_outbox SET refused = ? WHERE change_id = ?`).run(reason, changeId);
}

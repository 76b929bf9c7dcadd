import type { SqliteConnection } from './practice-database';

/** Below this many free pages (4 MiB at SQLite's default page size) the file is left as it is: new rows reuse them. */
const MIN_FREE_PAGES = 1024;
/** At most this many pages per call, so a workstation that just sent a large backlog never stalls its writes for long. */
const MAX_PAGES_PER_CALL = 8192;

/**
 * Gives free pages back to the disk, a bounded number at a time. A synced
 * outbox is pruned as the hub acknowledges it, and a large one (the large
 * demo's is most of its file) would otherwise leave the file at its largest
 * for good. Only databases made with incremental auto-vacuum can do this
 * piecewise; an older file keeps its size until a full VACUUM (a backup's copy
 * is compact either way).
 */
export function reclaimFreePages(sqlite: SqliteConnection): number {
  if (sqlite.inTransaction || sqlite.pragma('auto_vacuum', { simple: true }) !== 2) return 0;
  const free = sqlite.pragma('freelist_count', { simple: true }) as number;
  if (free < MIN_FREE_PAGES) return 0;
  const pages = Math.min(free, MAX_PAGES_PER_CALL);
  sqlite.pragma(`incremental_vacuum(${pages})`);
  return pages;
}

/**
 * The one place the hub locks its data folder, so two hubs never open one
 * store. `src/main/db/folder-lock.ts` (acquireFolderLock) is being written
 * alongside; once it lands, this function calls it and nothing else changes.
 * Until then the store is guarded only by SQLite's own file locking.
 */
export async function lockHubFolder(dir: string): Promise<() => void> {
  void dir;
  return () => {};
}

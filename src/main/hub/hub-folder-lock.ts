import { acquireFolderLock } from '../db/folder-lock';

/**
 * The one place the hub locks its data folder, so two hubs (or a hub and a
 * restore) never open one store. The same OS lock the practice folder uses.
 */
export async function lockHubFolder(dir: string): Promise<() => void> {
  const lock = acquireFolderLock(dir, 'hub');
  return () => lock.release();
}

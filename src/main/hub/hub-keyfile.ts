import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { newDatabaseKey, readKeyFile, unlockKey, wrapWithPassphrase, writeKeyFile } from '../db/keys';

export const HUB_KEY_FILE = 'hub.keys.json';

/**
 * The headless hub's store key: 32 random bytes kept only wrapped under the
 * admin's passphrase (scrypt + AES-GCM, as the practice's key file).
 * Made on first run; `created` says so, for the CLI to tell the admin.
 */
export async function openOrCreateHubKey(dir: string, passphrase: string): Promise<{ key: Buffer; created: boolean }> {
  const path = join(dir, HUB_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: await unlockKey(existing, passphrase, undefined), created: false };
  if (existsSync(join(dir, 'hub.db'))) throw new Error(`${path} is missing: the hub store cannot be opened without it`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = newDatabaseKey();
  const databaseId = `hub-${randomUUID()}`;
  writeKeyFile(path, { format: 1, databaseId, wrappers: [await wrapWithPassphrase(key, passphrase, databaseId)] });
  return { key, created: true };
}

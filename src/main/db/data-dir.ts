import { join } from 'node:path';

/**
 * One data folder holds one practice: its encrypted database, the wrapped key
 * beside it, and this workstation's identity. Nothing here is in clear except
 * the workstation id and name, which are not patient data.
 */
export function practicePaths(dataDir: string) {
  const database = join(dataDir, 'practice.db');
  return {
    dataDir,
    database,
    wal: `${database}-wal`,
    shm: `${database}-shm`,
    keys: join(dataDir, 'practice.keys.json'),
    workstation: join(dataDir, 'workstation.json'),
  };
}
export type PracticePaths = ReturnType<typeof practicePaths>;

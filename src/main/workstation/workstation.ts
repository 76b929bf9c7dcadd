import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';

/** This machine's identity, stamped on every change and audit entry it makes. */
export interface Workstation {
  id: string;
  name: string;
}

const workstationSchema = z.object({ id: z.string().min(1), name: z.string().min(1) });

/** The identity kept in the folder, or null if there is none yet (or it is unreadable). */
export function readWorkstation(path: string): Workstation | null {
  if (!existsSync(path)) return null;
  const parsed = workstationSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : null;
}

export function loadOrCreateWorkstation(path: string, preferredName?: string): Workstation {
  const existing = readWorkstation(path);
  if (existing) return existing;
  const workstation = { id: uuidv7(), name: preferredName ?? hostname() };
  writeFileAtomic(path, JSON.stringify(workstation, null, 2));
  return workstation;
}

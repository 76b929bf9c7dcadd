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

export function loadOrCreateWorkstation(path: string, preferredName?: string): Workstation {
  if (existsSync(path)) {
    const parsed = workstationSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  }
  const workstation = { id: uuidv7(), name: preferredName ?? hostname() };
  writeFileAtomic(path, JSON.stringify(workstation, null, 2));
  return workstation;
}

import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';

/**
 * This workstation's own sync settings, kept in `sync_state` inside the
 * encrypted database (never synced): how to reach the hub, the device token,
 * and the practice secret that seals every change. Nothing here is in clear on disk.
 */
type Sqlite = Database.Database;

export const enrollmentStateSchema = z.object({
  hubUrl: z.string(),
  fingerprint: z.string(),
  certPem: z.string(),
  deviceToken: z.string(),
  deviceId: z.string(),
  practiceId: z.string(),
  /** This PC runs the office hub (in-app); it starts with the app. */
  servedHere: z.boolean(),
  hubPort: z.number().int().nullable(),
});
export type EnrollmentState = z.infer<typeof enrollmentStateSchema>;

const KEYS = {
  enrollment: 'enrollment',
  practiceSecret: 'practice_secret',
  hubKey: 'hub_key',
  auditPushed: 'audit_pushed_seq',
  lastSyncAt: 'last_sync_at',
  lastHlc: 'last_hlc',
  revoked: 'revoked',
} as const;

export function readState(sqlite: Sqlite, key: string): string | null {
  const row = sqlite.prepare(`SELECT value FROM sync_state WHERE key = ?`).get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function writeState(sqlite: Sqlite, key: string, value: string): void {
  sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key, value);
}

export const syncState = {
  enrollment(sqlite: Sqlite): EnrollmentState | null {
    const raw = readState(sqlite, KEYS.enrollment);
    return raw ? enrollmentStateSchema.parse(JSON.parse(raw)) : null;
  },
  setEnrollment: (sqlite: Sqlite, value: EnrollmentState) => writeState(sqlite, KEYS.enrollment, JSON.stringify(value)),
  practiceSecret(sqlite: Sqlite): Buffer | null {
    const raw = readState(sqlite, KEYS.practiceSecret);
    return raw ? Buffer.from(raw, 'base64') : null;
  },
  setPracticeSecret: (sqlite: Sqlite, secret: Buffer) => writeState(sqlite, KEYS.practiceSecret, secret.toString('base64')),
  hubKey(sqlite: Sqlite): Buffer | null {
    const raw = readState(sqlite, KEYS.hubKey);
    return raw ? Buffer.from(raw, 'base64') : null;
  },
  setHubKey: (sqlite: Sqlite, key: Buffer) => writeState(sqlite, KEYS.hubKey, key.toString('base64')),
  auditPushedSeq: (sqlite: Sqlite) => Number(readState(sqlite, KEYS.auditPushed) ?? 0),
  setAuditPushedSeq: (sqlite: Sqlite, seq: number) => writeState(sqlite, KEYS.auditPushed, String(seq)),
  lastSyncAt: (sqlite: Sqlite) => readState(sqlite, KEYS.lastSyncAt),
  setLastSyncAt: (sqlite: Sqlite, at: string) => writeState(sqlite, KEYS.lastSyncAt, at),
  /** The newest clock this device stamped, kept once its outbox rows are gone. */
  lastHlc: (sqlite: Sqlite) => readState(sqlite, KEYS.lastHlc),
  setLastHlc(sqlite: Sqlite, hlc: string): void {
    const current = readState(sqlite, KEYS.lastHlc);
    if (!current || current < hlc) writeState(sqlite, KEYS.lastHlc, hlc);
  },
  revoked: (sqlite: Sqlite) => readState(sqlite, KEYS.revoked) === '1',
  setRevoked: (sqlite: Sqlite) => writeState(sqlite, KEYS.revoked, '1'),
};

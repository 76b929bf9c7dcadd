import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Enrollment, HubDevice } from '../../shared/sync/protocol';
import type { HubSchema } from './hub-store';

/** Tokens are kept only as their SHA-256: a stolen store yields no usable token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export type DeviceRow = HubSchema['hub_devices'];

/** The token names the device, and so its practice: nothing the device sends can name another. */
export async function findDeviceByToken(db: Kysely<HubSchema>, token: string): Promise<DeviceRow | undefined> {
  // Looked up by hash, so comparing is comparing hashes: no timing leak on the token itself.
  return db.selectFrom('hub_devices').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
}

/** Devices of one practice, or of the whole store when no practice is given (the embedded hub serves one). */
export async function countDevices(db: Kysely<HubSchema>, practiceId?: string): Promise<number> {
  let query = db.selectFrom('hub_devices').select((eb) => eb.fn.countAll<number>().as('n'));
  if (practiceId !== undefined) query = query.where('practice_id', '=', practiceId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Enrolls (or re-enrolls with a fresh token) a device of a practice; the token is returned once and never stored. */
export async function enrollDevice(db: Kysely<HubSchema>, deviceId: string, name: string, practiceId: string): Promise<Enrollment> {
  const deviceToken = newToken();
  const existing = await db.selectFrom('hub_devices').select('device_id').where('practice_id', '=', practiceId).where('device_id', '=', deviceId).executeTakeFirst();
  if (existing) {
    await db
      .updateTable('hub_devices')
      .set({ token_hash: hashToken(deviceToken), name, revoked_at: null })
      .where('practice_id', '=', practiceId)
      .where('device_id', '=', deviceId)
      .execute();
  } else {
    await db
      .insertInto('hub_devices')
      .values({
        device_id: deviceId,
        practice_id: practiceId,
        name,
        token_hash: hashToken(deviceToken),
        enrolled_at: new Date().toISOString(),
        last_seen_at: null,
        revoked_at: null,
        applied_seq: 0,
      })
      .execute();
  }
  return { deviceId, deviceToken, practiceId };
}

export async function listDevices(db: Kysely<HubSchema>, practiceId: string): Promise<HubDevice[]> {
  const rows = await db.selectFrom('hub_devices').selectAll().where('practice_id', '=', practiceId).orderBy('enrolled_at').execute();
  return rows.map((r) => ({
    deviceId: r.device_id,
    name: r.name,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    appliedSeq: Number(r.applied_seq),
  }));
}

export async function revokeDevice(db: Kysely<HubSchema>, practiceId: string, deviceId: string): Promise<boolean> {
  const result = await db
    .updateTable('hub_devices')
    .set({ revoked_at: new Date().toISOString() })
    .where('practice_id', '=', practiceId)
    .where('device_id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { approveRequestSchema, joinRequestSchema, pairingResultResponseSchema, pairingStateResponseSchema } from '../../shared/sync/protocol';
import { enrollDevice, hashToken, type DeviceRow } from './hub-devices';
import type { HubSchema } from './hub-store';

/**
 * The pairing relay. The hub only carries the messages between the two
 * screens: the code's secret never reaches it, so it cannot check the MACs
 * and cannot read the box; the workstations do both.
 */
type JoinBody = z.infer<typeof joinRequestSchema>;
type ApproveBody = z.infer<typeof approveRequestSchema>;
type PairingRow = HubSchema['hub_pairings'];

export class PairingError extends Error {
  constructor(readonly code: 'NOT_FOUND' | 'PAIRING_USED' | 'PAIRING_EXPIRED' | 'FORBIDDEN' | 'BAD_REQUEST', readonly status: number) {
    super(code);
  }
}

/**
 * How the approval (which carries the joiner's device token) is kept until
 * handed over: as is in the encrypted embedded store, sealed under the
 * store key on PostgreSQL, which is not encrypted at rest (nor its WAL and dumps).
 */
export interface SecretBox {
  seal(plain: string): string;
  unseal(sealed: string): string;
}
const inTheClear: SecretBox = { seal: (s) => s, unseal: (s) => s };

/** Only the device that made a pairing, in its own practice, may watch, approve or reject it. */
const madeBy = (row: PairingRow, creator: DeviceRow) => row.created_by === creator.device_id && row.practice_id === creator.practice_id;

async function load(db: Kysely<HubSchema>, pairingId: string, now: number): Promise<PairingRow> {
  const row = await db.selectFrom('hub_pairings').selectAll().where('pairing_id', '=', pairingId).executeTakeFirst();
  if (!row) throw new PairingError('NOT_FOUND', 404);
  // An unfinished pairing past its time is dead, whatever state it reached.
  if ((row.state === 'waiting' || row.state === 'claimed') && Date.parse(row.expires_at) <= now) {
    await db.updateTable('hub_pairings').set({ state: 'expired', join_body: null, claim_hash: null }).where('pairing_id', '=', pairingId).execute();
    return { ...row, state: 'expired', join_body: null };
  }
  return row;
}

/** Whose pairing this is, to tell that practice's hubs it moved. */
export async function pairingPractice(db: Kysely<HubSchema>, pairingId: string): Promise<string | null> {
  const row = await db.selectFrom('hub_pairings').select('practice_id').where('pairing_id', '=', pairingId).executeTakeFirst();
  return row?.practice_id ?? null;
}

export async function createPairing(db: Kysely<HubSchema>, creator: DeviceRow, pairingId: string, expiresInMs: number, now = Date.now()) {
  const expiresAt = new Date(now + expiresInMs).toISOString();
  const existing = await db.selectFrom('hub_pairings').select('pairing_id').where('pairing_id', '=', pairingId).executeTakeFirst();
  // A pairing id is good once: never reopen a used or expired one.
  if (existing) throw new PairingError('PAIRING_USED', 409);
  await db
    .insertInto('hub_pairings')
    .values({ pairing_id: pairingId, practice_id: creator.practice_id, created_by: creator.device_id, expires_at: expiresAt, state: 'waiting', join_body: null, claim_hash: null, approval_body: null })
    .execute();
  return { pairingId, expiresAt };
}

export async function joinPairing(db: Kysely<HubSchema>, pairingId: string, body: JoinBody, now = Date.now()): Promise<{ claim: string }> {
  return db.transaction().execute(async (tx) => {
    const row = await load(tx, pairingId, now);
    if (row.state === 'expired') throw new PairingError('PAIRING_EXPIRED', 410);
    if (row.state !== 'waiting') throw new PairingError('PAIRING_USED', 409);
    const claim = randomBytes(32).toString('base64url');
    await tx
      .updateTable('hub_pairings')
      .set({ state: 'claimed', join_body: JSON.stringify(body), claim_hash: hashToken(claim) })
      .where('pairing_id', '=', pairingId)
      .where('state', '=', 'waiting')
      .execute();
    return { claim };
  });
}

export async function pairingState(db: Kysely<HubSchema>, creator: DeviceRow, pairingId: string, now = Date.now()): Promise<z.infer<typeof pairingStateResponseSchema>> {
  const row = await load(db, pairingId, now);
  if (!madeBy(row, creator)) throw new PairingError('FORBIDDEN', 403);
  return row.state === 'claimed' && row.join_body ? { state: row.state, join: JSON.parse(row.join_body) as JoinBody } : { state: row.state };
}

export async function approvePairing(db: Kysely<HubSchema>, creator: DeviceRow, pairingId: string, body: ApproveBody, now = Date.now(), box = inTheClear): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const row = await load(tx, pairingId, now);
    if (!madeBy(row, creator)) throw new PairingError('FORBIDDEN', 403);
    if (row.state === 'expired') throw new PairingError('PAIRING_EXPIRED', 410);
    if (row.state !== 'claimed' || !row.join_body) throw new PairingError(row.state === 'waiting' ? 'BAD_REQUEST' : 'PAIRING_USED', 409);
    const join = JSON.parse(row.join_body) as JoinBody;
    const enrollment = await enrollDevice(tx, join.deviceId, join.deviceName, creator.practice_id);
    await tx
      .updateTable('hub_pairings')
      .set({ state: 'approved', approval_body: box.seal(JSON.stringify({ ...body, enrollment })) })
      .where('pairing_id', '=', pairingId)
      .execute();
  });
}

export async function rejectPairing(db: Kysely<HubSchema>, creator: DeviceRow, pairingId: string, now = Date.now()): Promise<void> {
  const row = await load(db, pairingId, now);
  if (!madeBy(row, creator)) throw new PairingError('FORBIDDEN', 403);
  if (row.state === 'expired') throw new PairingError('PAIRING_EXPIRED', 410);
  if (row.state === 'approved' || row.state === 'rejected') throw new PairingError('PAIRING_USED', 409);
  await db.updateTable('hub_pairings').set({ state: 'rejected', join_body: null }).where('pairing_id', '=', pairingId).execute();
}

/**
 * The joiner's view, keyed by its claim. The approval (with the device token)
 * is handed over once and then erased, so it does not linger in the store.
 */
export async function pairingResult(db: Kysely<HubSchema>, pairingId: string, claim: string, now = Date.now(), box = inTheClear): Promise<z.infer<typeof pairingResultResponseSchema>> {
  return db.transaction().execute(async (tx) => {
    const row = await load(tx, pairingId, now);
    if (row.state === 'expired') return { state: 'expired' as const };
    if (!row.claim_hash || row.claim_hash !== hashToken(claim)) throw new PairingError('FORBIDDEN', 403);
    if (row.state === 'claimed' || row.state === 'waiting') return { state: 'waiting' as const };
    if (row.state === 'rejected') return { state: 'rejected' as const };
    if (!row.approval_body) return { state: 'approved' as const };
    await tx.updateTable('hub_pairings').set({ approval_body: null }).where('pairing_id', '=', pairingId).execute();
    return { state: 'approved' as const, approval: JSON.parse(box.unseal(row.approval_body)) as z.infer<typeof pairingResultResponseSchema>['approval'] };
  });
}

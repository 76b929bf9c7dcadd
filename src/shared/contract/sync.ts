import { z } from 'zod';
import { deviceNameSchema } from '../sync/protocol';
import { passphraseSchema } from './app';
import { call } from './define';
import { idSchema, visibleLine } from './text';

/**
 * Sync as the renderer sees it: the status indicator, the sync panel, making
 * this PC the office hub, pairing a new workstation, and joining a practice.
 * The wire protocol with the hub itself is in src/shared/sync/protocol.ts.
 */

export const syncStateSchema = z.enum([
  /** Not connected to any hub: a single-computer practice. */
  'standalone',
  'online',
  'offline',
  /** Changes are flowing (a backlog is being sent or received). */
  'syncing',
  /** The hub refuses this device: an admin revoked it. */
  'revoked',
  /** Joining a practice: waiting for approval, then receiving it. */
  'joining',
]);
export type SyncState = z.infer<typeof syncStateSchema>;

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  /** Local changes the hub has not acknowledged yet. */
  pending: z.number().int().min(0),
  lastSyncAt: z.string().nullable(),
  /** Set while a large backlog moves: drives the progress bar. */
  progress: z.object({ done: z.number().int().min(0), total: z.number().int().min(0), direction: z.enum(['send', 'receive']) }).nullable(),
  /** Why the last attempt failed, as a message key (`sync.errors.*`), with its parameters. */
  problem: z.object({ messageKey: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).nullable(),
  openConflicts: z.number().int().min(0),
  parked: z.number().int().min(0),
  refused: z.number().int().min(0),
  hub: z.object({ address: z.string(), fingerprint: z.string(), servedHere: z.boolean() }).nullable(),
  /** A join in progress on a new computer. */
  join: z
    .object({ phase: z.enum(['contacting', 'waiting-approval', 'receiving', 'done', 'failed']), messageKey: z.string().nullable() })
    .nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncDeviceSchema = z.object({
  deviceId: z.string(),
  name: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** How far behind the hub's log the device was when last seen. */
  behind: z.number().int().min(0),
  thisDevice: z.boolean(),
});
export type SyncDevice = z.infer<typeof syncDeviceSchema>;

export const syncConflictSchema = z.object({
  id: z.string(),
  kind: z.enum(['field', 'overlap', 'refused']),
  table: z.string(),
  rowId: z.string(),
  field: z.string().nullable(),
  otherRowId: z.string().nullable(),
  /** What the record shows now, and the value that lost, both as display text. */
  currentValue: z.string().nullable(),
  lostValue: z.string().nullable(),
  lostDeviceName: z.string().nullable(),
  lostUserName: z.string().nullable(),
  /** The patient the record belongs to, for a link and a readable label. */
  patientId: z.string().nullable(),
  label: z.string(),
  /** An appointment's wall-clock start in the practice's zone (YYYY-MM-DDTHH:MM), for the screen to write the practice's way. */
  when: z.string().nullable(),
  detectedAt: z.string(),
  /** The value can be put back (a field conflict on a record the user may edit). */
  restorable: z.boolean(),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

const hubAddressSchema = visibleLine(z.string().trim().min(1, 'validation.required').max(200)).regex(/^(https:\/\/)?[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/, 'sync.validation.hubAddress');
const pairingCodeSchema = visibleLine(z.string().trim().max(40)).regex(/^[0-9A-Za-z -]{12,20}$/, 'sync.validation.pairingCode');

export const syncCalls = {
  'sync.status': call({ access: 'session', input: z.object({}), output: syncStatusSchema }),
  /** The same status before sign-in, for the join screen; carries no practice data. */
  'sync.joinStatus': call({ access: 'public', input: z.object({}), output: syncStatusSchema }),
  'sync.devices': call({ access: { permission: 'settings.manage' }, input: z.object({}), output: z.array(syncDeviceSchema) }),
  'sync.revokeDevice': call({
    access: { permission: 'settings.manage' },
    input: z.object({ deviceId: idSchema }),
    output: z.object({ revoked: z.literal(true) }),
  }),
  'sync.conflicts': call({
    access: { permission: 'patients.read' },
    input: z.object({ includeResolved: z.boolean().default(false) }),
    output: z.array(syncConflictSchema),
  }),
  /** `restore` puts the lost value back (a new edit that syncs); `keep` marks the conflict reviewed. */
  'sync.resolveConflict': call({
    access: { permission: 'patients.write' },
    input: z.object({ id: idSchema, action: z.enum(['keep', 'restore']) }),
    output: z.object({ resolved: z.literal(true) }),
  }),
  /** "This PC serves the office": starts the hub here and connects this workstation to it. */
  'sync.becomeHub': call({
    access: { permission: 'settings.manage' },
    input: z.object({ port: z.number().int().min(1024).max(65535).default(7443) }),
    output: z.object({ addresses: z.array(z.string()), fingerprint: z.string() }),
  }),
  /** Connects this practice to a headless hub (`npm run hub`) with the setup code it printed. */
  'sync.connectHub': call({
    access: { permission: 'settings.manage' },
    input: z.object({ address: hubAddressSchema, setupCode: pairingCodeSchema }),
    output: z.object({ fingerprint: z.string() }),
  }),
  /** A one-time code (10 minutes) for a new workstation; keep the panel open until it joins. */
  'sync.createPairing': call({
    access: { permission: 'users.manage' },
    input: z.object({}),
    output: z.object({ code: z.string(), expiresAt: z.string(), hubAddress: z.string(), fingerprint: z.string() }),
  }),
  /**
   * On a new computer (first screen): joins an existing practice through its hub. Returns once the
   * request is sent; `sync.joinStatus` and the `sync.status` event follow it until the practice is here.
   */
  'sync.join': call({
    access: 'public',
    input: z.object({
      address: hubAddressSchema,
      code: pairingCodeSchema,
      deviceName: deviceNameSchema,
      passphrase: passphraseSchema,
    }),
    output: z.object({ started: z.literal(true) }),
  }),
} as const;

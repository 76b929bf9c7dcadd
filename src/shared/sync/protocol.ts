import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { visibleLine } from '../contract/text';

/**
 * The wire protocol between workstations and the office hub (HTTP/1.1 + JSON over TLS).
 *
 * The hub orders, routes and authorizes changes but never reads them: each
 * change travels as an envelope whose routing metadata is in clear and whose
 * field values are sealed with the practice's sync key (see `sync-crypto.ts`),
 * which only enrolled workstations hold.
 *
 * Endpoints (all under `/v1`; `Authorization: Bearer <deviceToken>` unless marked public):
 * - `GET  /v1/hello` (public) → helloResponse: the hub's identity, to show before pairing.
 * - `POST /v1/bootstrap` (public, only while no device is enrolled) → enrollment.
 * - `POST /v1/changes` pushRequest → pushResponse. Idempotent by change id.
 * - `GET  /v1/changes?after=&limit=&waitMs=` → pullResponse. Long-polls up to `waitMs`
 *   when nothing is newer than `after`, so a change reaches the other windows at once.
 * - `GET  /v1/devices` → devicesResponse; `POST /v1/devices/:id/revoke` revokeRequest (an admin).
 * - Pairing (see `pairing.ts` for the cryptography):
 *   `POST /v1/pairings` createPairingRequest (admin) → createPairingResponse;
 *   `POST /v1/pairings/:id/join` (public) joinRequest → joinResponse;
 *   `GET  /v1/pairings/:id` (the creator) → pairingStateResponse (long-polls);
 *   `POST /v1/pairings/:id/approve` (the creator) approveRequest → {ok};
 *   `POST /v1/pairings/:id/reject` (the creator) → {ok};
 *   `GET  /v1/pairings/:id/result?claim=` (public, the joiner) → pairingResultResponse (long-polls).
 * - Redaction after an erasure (an author with `patients.dataRights`; see `redactions.ts`):
 *   `POST /v1/redactions/plan` redactionPlanRequest → redactionPlanResponse;
 *   `POST /v1/redactions` redactionRequest → {redacted}.
 * Errors answer with a status code and `hubError`.
 */
export const SYNC_PROTOCOL_VERSION = 1;

/** Longest wait a pull or pairing poll may ask for; below common proxy idle timeouts. */
export const MAX_WAIT_MS = 25_000;
export const MAX_PUSH_BATCH = 1000;
export const MAX_PULL_BATCH = 5000;
/** A pairing code is good for this long, and once. */
export const PAIRING_TTL_MS = 10 * 60_000;

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);
export const hlcSchema = z.string().max(120).regex(/^\d{15}-[0-9a-z]{6}-[A-Za-z0-9_.:-]{1,64}$/);
const base64 = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9+/]*={0,2}$/);
/** Table names are routing metadata: lower-case identifiers only. */
export const tableNameSchema = z.string().min(1).max(64).regex(/^[a-z][a-z0-9_]*$/);
export const authorRoleSchema = z.enum([...ROLES, 'system']);
export type AuthorRole = z.infer<typeof authorRoleSchema>;
export const changeOpSchema = z.enum(['insert', 'update', 'delete']);

/** One change as the hub sees it: metadata in clear, values sealed. */
export const envelopeSchema = z.object({
  changeId: id,
  hlc: hlcSchema,
  deviceId: id,
  userId: id.nullable(),
  role: authorRoleSchema,
  table: tableNameSchema,
  rowId: z.string().min(1).max(200),
  op: changeOpSchema,
  /** The last hub sequence number the author had applied when it made the change: what it had seen. */
  seenSeq: z.number().int().min(0),
  /** AES-256-GCM: 12-byte nonce, then ciphertext and 16-byte tag, base64. */
  sealed: base64(4_000_000),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const sequencedEnvelopeSchema = envelopeSchema.extend({ seq: z.number().int().min(1) });
export type SequencedEnvelope = z.infer<typeof sequencedEnvelopeSchema>;

export const pushRequestSchema = z.object({ changes: z.array(envelopeSchema).max(MAX_PUSH_BATCH) }).strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const refusalReasonSchema = z.enum(['CLOCK_SKEW', 'ROLE_FORBIDDEN', 'DEVICE_MISMATCH', 'UNKNOWN_TABLE', 'NOT_AUTHOR']);
export type RefusalReason = z.infer<typeof refusalReasonSchema>;

export const pushResponseSchema = z.object({
  /** Every change now in the hub's log, newly or from an earlier retry, with its sequence number. */
  accepted: z.array(z.object({ changeId: id, seq: z.number().int().min(1) })),
  refused: z.array(z.object({ changeId: id, reason: refusalReasonSchema, aheadMs: z.number().optional() })),
  hubTime: z.number(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.object({
  after: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_BATCH).default(1000),
  waitMs: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(0),
});
export type PullQuery = z.infer<typeof pullQuerySchema>;

export const pullResponseSchema = z.object({
  changes: z.array(sequencedEnvelopeSchema),
  /** The newest sequence number in the log: how far behind the caller still is. */
  head: z.number().int().min(0),
  hubTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

export const helloResponseSchema = z.object({
  protocol: z.literal(SYNC_PROTOCOL_VERSION),
  hubId: id,
  practiceId: id.nullable(),
  /** True until the first workstation enrolls with the hub's setup code. */
  needsBootstrap: z.boolean(),
  hubTime: z.number(),
});
export type HelloResponse = z.infer<typeof helloResponseSchema>;

export const deviceNameSchema = visibleLine(z.string().trim().min(1).max(80));

export const enrollmentSchema = z.object({ deviceId: id, deviceToken: z.string().min(32).max(200), practiceId: id });
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const bootstrapRequestSchema = z
  .object({
    practiceId: id,
    deviceId: id,
    deviceName: deviceNameSchema,
    nonce: base64(64),
    /** HMAC over the TLS fingerprint the workstation saw, keyed by the stretched setup code: the code itself never travels. */
    proof: base64(64),
  })
  .strict();

export const deviceSchema = z.object({
  deviceId: id,
  name: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** The newest hub sequence number the device has confirmed it applied. */
  appliedSeq: z.number().int().min(0),
});
export type HubDevice = z.infer<typeof deviceSchema>;
export const devicesResponseSchema = z.object({ devices: z.array(deviceSchema) });

/**
 * Who, on the calling workstation, asks for an admin's step (a pairing code, a revocation). The
 * hub cannot check a user's password, but it holds a workstation to its own word, as it does
 * for each change's author: a call made under a receptionist's session is refused.
 */
export const actingUserSchema = z.object({ userId: id, role: authorRoleSchema }).strict();
export type ActingUser = z.infer<typeof actingUserSchema>;

export const createPairingRequestSchema = z.object({ pairingId: id, expiresInMs: z.number().int().min(1).max(PAIRING_TTL_MS), by: actingUserSchema }).strict();
export const revokeRequestSchema = z.object({ by: actingUserSchema }).strict();
export const createPairingResponseSchema = z.object({ pairingId: id, expiresAt: z.string() });

export const joinRequestSchema = z
  .object({
    deviceName: deviceNameSchema,
    deviceId: id,
    /** The joiner's ephemeral X25519 public key (raw 32 bytes, base64). */
    publicKey: base64(64),
    /** HMAC(stretched code, transcript): proves the joiner knows the code. */
    mac: base64(64),
  })
  .strict();
export const joinResponseSchema = z.object({ claim: z.string().min(16).max(100) });

export const pairingStateResponseSchema = z.object({
  state: z.enum(['waiting', 'claimed', 'approved', 'rejected', 'expired']),
  join: joinRequestSchema.optional(),
});

export const approveRequestSchema = z
  .object({
    publicKey: base64(64),
    mac: base64(64),
    /** The practice bundle sealed under the ECDH-derived key. */
    box: base64(20_000),
  })
  .strict();

export const pairingResultResponseSchema = z.object({
  state: z.enum(['waiting', 'approved', 'rejected', 'expired']),
  approval: approveRequestSchema.extend({ enrollment: enrollmentSchema }).optional(),
});

export const hubErrorSchema = z.object({
  error: z.enum([
    'UNAUTHENTICATED',
    'REVOKED',
    'FORBIDDEN',
    'BAD_REQUEST',
    'NOT_FOUND',
    'PAIRING_USED',
    'PAIRING_EXPIRED',
    'BOOTSTRAP_CLOSED',
    'BAD_CODE',
    'TOO_LARGE',
    'INTERNAL',
  ]),
  detail: z.string().max(500).optional(),
});
export type HubErrorCode = z.infer<typeof hubErrorSchema>['error'];

/** Rows one redaction plan asks about, and replacements one redaction carries. */
export const MAX_REDACTION_ROWS = 200;
export const MAX_REDACTION_REPLACEMENTS = 500;

const redactionAuthor = { userId: id, role: authorRoleSchema, throughSeq: z.number().int().min(0) };

/** The log entries of some mutable rows, up to `throughSeq`: what an erasure must reseal at the hub. */
export const redactionPlanRequestSchema = z
  .object({ ...redactionAuthor, rows: z.array(z.object({ table: tableNameSchema, rowId: z.string().min(1).max(200) }).strict()).min(1).max(MAX_REDACTION_ROWS) })
  .strict();
export type RedactionPlanRequest = z.infer<typeof redactionPlanRequestSchema>;

export const redactionPlanResponseSchema = z.object({ entries: z.array(sequencedEnvelopeSchema) });

/** Each entry resealed with today's values of the same fields: the same clock and author, nothing older inside. */
export const redactionRequestSchema = z
  .object({ ...redactionAuthor, replacements: z.array(z.object({ seq: z.number().int().min(1), changeId: id, sealed: base64(4_000_000) }).strict()).min(1).max(MAX_REDACTION_REPLACEMENTS) })
  .strict();
export type RedactionRequest = z.infer<typeof redactionRequestSchema>;

export const redactionResponseSchema = z.object({ redacted: z.number().int().min(0) });

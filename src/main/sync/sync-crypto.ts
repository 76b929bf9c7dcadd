import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Envelope } from '../../shared/sync/protocol';

/**
 * Field values travel and rest at the hub sealed with the practice's sync key
 * (AES-256-GCM). The routing metadata is the additional data, so the hub cannot
 * move a sealed value onto another row, table, author or clock unnoticed.
 */
export function deriveSyncKey(practiceSecret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', practiceSecret, Buffer.alloc(0), 'consulta-dental/sync/v1', 32));
}

type Metadata = Omit<Envelope, 'sealed'>;

/** A sealed value is the nonce, the ciphertext and the tag, in that order. */
export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

export function additionalData(m: Metadata): Buffer {
  return Buffer.from(JSON.stringify([m.changeId, m.hlc, m.deviceId, m.userId, m.role, m.table, m.rowId, m.op, m.seenSeq]));
}

export function sealChange(key: Buffer, metadata: Metadata, fields: Record<string, unknown>): Envelope {
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(metadata));
  const body = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return { ...metadata, sealed: Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64') };
}

export class UnsealError extends Error {
  constructor(readonly changeId: string) {
    super(`Change ${changeId} does not open with the practice key`);
    this.name = 'UnsealError';
  }
}

export function openChange(key: Buffer, envelope: Envelope): Record<string, unknown> {
  const bytes = Buffer.from(envelope.sealed, 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, GCM_NONCE_BYTES));
    decipher.setAAD(additionalData(envelope));
    decipher.setAuthTag(bytes.subarray(bytes.length - GCM_TAG_BYTES));
    const body = decipher.update(bytes.subarray(GCM_NONCE_BYTES, bytes.length - GCM_TAG_BYTES));
    // final() checks the tag; GCM hands back no further bytes, so nothing to concatenate on the hot path.
    const tail = decipher.final();
    return JSON.parse((tail.length > 0 ? Buffer.concat([body, tail]) : body).toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new UnsealError(envelope.changeId);
  }
}

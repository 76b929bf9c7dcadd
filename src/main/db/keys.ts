import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCb, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import { z } from 'zod';
import { AppError } from '../../shared/contract/errors';
import { writeFileAtomic } from '../files/atomic-write';

/**
 * The database key is 32 random bytes, made once per practice. It is never
 * stored in clear: the key file keeps it wrapped (AES-256-GCM) by a key
 * derived from the passphrase with scrypt, and/or by the operating system
 * (Electron safeStorage). GCM's tag makes a wrong passphrase fail loudly
 * before the database is touched.
 */
export const DATABASE_KEY_BYTES = 32;

/** OWASP's recommended scrypt cost: 128 MiB and ~0.3 s per derivation on a desktop. */
export const PASSPHRASE_KDF = { logN: 17, r: 8, p: 1 } as const;

export interface OsKeyProtector {
  isAvailable(): boolean;
  encrypt(plain: Buffer): Buffer;
  decrypt(wrapped: Buffer): Buffer;
}

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const passphraseWrapperSchema = z.object({
  kind: z.literal('passphrase'),
  kdf: z.object({ name: z.literal('scrypt'), logN: z.number().int(), r: z.number().int(), p: z.number().int(), salt: b64 }),
  iv: b64,
  tag: b64,
  data: b64,
});
export type PassphraseWrapper = z.infer<typeof passphraseWrapperSchema>;

const osWrapperSchema = z.object({ kind: z.literal('os'), data: b64 });

const hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The audit chain's head, sealed (see audit-chain.ts): a copy a plain DELETE in the database cannot reach. */
const auditCheckpointSchema = z.object({
  deviceId: z.string(),
  seq: z.number().int().nonnegative(),
  hash: hex,
  keyedFrom: z.number().int().positive(),
  mac: hex,
});

export const keyFileSchema = z.object({
  format: z.literal(1),
  databaseId: z.string(),
  wrappers: z.array(z.discriminatedUnion('kind', [passphraseWrapperSchema, osWrapperSchema])).min(1),
  auditCheckpoint: auditCheckpointSchema.optional(),
});
export type KeyFile = z.infer<typeof keyFileSchema>;

export function newDatabaseKey(): Buffer {
  return randomBytes(DATABASE_KEY_BYTES);
}

/**
 * Each derivation holds 128 MiB while it runs. However many windows send a
 * passphrase at once, only this many derive together; the rest wait their turn.
 */
export const PARALLEL_PASSPHRASE_DERIVATIONS = 2;
const derivationSlots = pLimit(PARALLEL_PASSPHRASE_DERIVATIONS);

/** How many derivations hold their memory right now (tests watch it). */
export const passphraseDerivationsRunning = () => derivationSlots.activeCount;

function scrypt(passphrase: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * 2 };
  return derivationSlots(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scryptCb(passphrase.normalize('NFC'), salt, 32, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

export async function wrapWithPassphrase(key: Buffer, passphrase: string, databaseId: string): Promise<PassphraseWrapper> {
  const salt = randomBytes(16);
  const { logN, r, p } = PASSPHRASE_KDF;
  const kek = await scrypt(passphrase, salt, logN, r, p);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(databaseId));
  const data = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    kind: 'passphrase',
    kdf: { name: 'scrypt', logN, r, p, salt: salt.toString('base64') },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export async function unwrapWithPassphrase(wrapper: PassphraseWrapper, passphrase: string, databaseId: string): Promise<Buffer> {
  const { logN, r, p, salt } = wrapper.kdf;
  const kek = await scrypt(passphrase, Buffer.from(salt, 'base64'), logN, r, p);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapper.iv, 'base64'));
  decipher.setAAD(Buffer.from(databaseId));
  decipher.setAuthTag(Buffer.from(wrapper.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(wrapper.data, 'base64')), decipher.final()]);
  } catch {
    throw new AppError('WRONG_PASSPHRASE');
  }
}

export function readKeyFile(path: string): KeyFile | null {
  if (!existsSync(path)) return null;
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new AppError('DATABASE_CORRUPT', 'errors.KEY_FILE_CORRUPT');
  return parsed.data;
}

export function writeKeyFile(path: string, keyFile: KeyFile): void {
  writeFileAtomic(path, JSON.stringify(keyFile, null, 2));
}

export async function unlockKey(keyFile: KeyFile, passphrase: string | undefined, os: OsKeyProtector | undefined): Promise<Buffer> {
  const osWrapper = keyFile.wrappers.find((w) => w.kind === 'os');
  if (osWrapper && os?.isAvailable() && passphrase === undefined) {
    try {
      return os.decrypt(Buffer.from(osWrapper.data, 'base64'));
    } catch {
      throw new AppError('KEY_UNAVAILABLE');
    }
  }
  const passWrapper = keyFile.wrappers.find((w): w is PassphraseWrapper => w.kind === 'passphrase');
  if (!passWrapper) throw new AppError('KEY_UNAVAILABLE');
  if (passphrase === undefined) throw new AppError('WRONG_PASSPHRASE');
  return unwrapWithPassphrase(passWrapper, passphrase, keyFile.databaseId);
}

export function wrapWithOs(key: Buffer, os: OsKeyProtector) {
  return { kind: 'os' as const, data: os.encrypt(key).toString('base64') };
}

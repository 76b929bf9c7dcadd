import { createCipheriv, createDecipheriv, createHmac, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, randomInt, scryptSync, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * The pairing exchange that hands a new workstation the practice secret.
 *
 * Choice: an ephemeral X25519 ECDH whose two public keys are authenticated by
 * HMACs keyed with the one-time pairing code (stretched by scrypt), rather
 * than a PAKE such as SPAKE2 or CPace: Node's crypto has X25519, HKDF, HMAC
 * and scrypt built in, while no maintained PAKE package exists for Node, and
 * hand-written curve arithmetic is the wrong risk for a dental office.
 *
 * What it gives:
 * - The hub relays every message but cannot read the bundle: it would need
 *   the ECDH secret, which never leaves the two workstations.
 * - A hub or network attacker who swaps in its own public key must forge a MAC
 *   without the code; it gets one try, because the code is burnt at the first
 *   join, and expires after 10 minutes anyway.
 * - What a PAKE would add: an eavesdropper who records a MAC can test guesses
 *   of the code offline. scrypt makes each guess cost ~30 ms and 32 MiB, the
 *   40-bit secret part makes that ~10^12 guesses, and a guessed code is useless
 *   once the exchange is over, because the ECDH key is what protects the bundle.
 * - The hub's TLS fingerprint is inside every MAC, so both sides prove they
 *   saw the same certificate: that is how the joiner's pin is authenticated.
 */

/** Crockford base32: no I, L, O or U, so a code read aloud is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_CHARS = 4;
const SECRET_CHARS = 8;

export interface PairingCode {
  /** Routes the exchange at the hub; not secret. */
  pairingId: string;
  /** Never leaves the two screens. */
  secret: string;
  /** What the admin reads out: `XXXX-XXXX-XXXX`. */
  display: string;
}

export function newPairingCode(): PairingCode {
  const pick = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const pairingId = pick(ID_CHARS);
  const secret = pick(SECRET_CHARS);
  return { pairingId, secret, display: `${pairingId}-${secret.slice(0, 4)}-${secret.slice(4)}` };
}

/** Reads a typed code back, forgiving case, spaces and the letters people confuse with digits. */
export function parsePairingCode(typed: string): PairingCode | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (cleaned.length !== ID_CHARS + SECRET_CHARS || [...cleaned].some((c) => !ALPHABET.includes(c))) return null;
  const pairingId = cleaned.slice(0, ID_CHARS);
  const secret = cleaned.slice(ID_CHARS);
  return { pairingId, secret, display: `${pairingId}-${secret.slice(0, 4)}-${secret.slice(4)}` };
}

const STRETCH = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** The MAC key: the code's secret part stretched, salted by its id. */
export function stretchCode(code: PairingCode): Buffer {
  return scryptSync(code.secret, `consulta-dental/pairing/${code.pairingId}`, 32, STRETCH);
}

function mac(key: Buffer, parts: readonly string[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('base64');
}

function macEquals(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'base64');
  const b = Buffer.from(given, 'base64');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface JoinTranscript {
  pairingId: string;
  fingerprint: string;
  deviceId: string;
  deviceName: string;
  joinerPublicKey: string;
}

export const joinMac = (key: Buffer, t: JoinTranscript) =>
  mac(key, ['join', t.pairingId, t.fingerprint, t.deviceId, t.deviceName, t.joinerPublicKey]);
export const verifyJoinMac = (key: Buffer, t: JoinTranscript, given: string) => macEquals(joinMac(key, t), given);

export interface ApproveTranscript extends JoinTranscript {
  approverPublicKey: string;
}

export const approveMac = (key: Buffer, t: ApproveTranscript) =>
  mac(key, ['approve', t.pairingId, t.fingerprint, t.deviceId, t.deviceName, t.joinerPublicKey, t.approverPublicKey]);
export const verifyApproveMac = (key: Buffer, t: ApproveTranscript, given: string) => macEquals(approveMac(key, t), given);

export interface BootstrapTranscript {
  pairingId: string;
  fingerprint: string;
  practiceId: string;
  deviceId: string;
  deviceName: string;
  nonce: string;
}

/** The first workstation's proof that it read the hub's setup code, over the certificate it saw. */
export const bootstrapProof = (key: Buffer, t: BootstrapTranscript) =>
  mac(key, ['bootstrap', t.pairingId, t.fingerprint, t.practiceId, t.deviceId, t.deviceName, t.nonce]);
export const verifyBootstrapProof = (key: Buffer, t: BootstrapTranscript, given: string) => macEquals(bootstrapProof(key, t), given);

export interface EphemeralKey {
  privateKey: KeyObject;
  /** Raw 32-byte X25519 public key, base64. */
  publicKey: string;
}

export function newEphemeralKey(): EphemeralKey {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const jwk = publicKey.export({ format: 'jwk' });
  return { privateKey, publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64') };
}

function publicKeyFrom(raw: string): KeyObject {
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32) throw new Error('Not an X25519 public key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: bytes.toString('base64url') }, format: 'jwk' });
}

/** The bundle key both sides derive: ECDH, then HKDF salted with the stretched code. */
export function boxKey(own: EphemeralKey, peerPublicKey: string, codeKey: Buffer, pairingId: string): Buffer {
  const shared = diffieHellman({ privateKey: own.privateKey, publicKey: publicKeyFrom(peerPublicKey) });
  return Buffer.from(hkdfSync('sha256', shared, codeKey, `consulta-dental/pairing-box/${pairingId}`, 32));
}

export function sealBox(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64');
}

export function openBox(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString('utf8');
}


import { basename, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';

/*
 * The Electron shell's security decisions as plain functions. This module must
 * not import 'electron': in plain Node that package resolves to the binary's
 * path (and tries to download it), so keeping the rules here lets Vitest check
 * them without Electron.
 */

/** The renderer is served from app://renderer/ so its origin is stable and distinct from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

/** Headers on every response of the app scheme. */
export const RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeType(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request URL to a file inside rendererDir, or null when the
 * URL is for another host or would escape the folder (../, encoded slashes,
 * absolute paths). Directory URLs get their index.html.
 */
export function resolveRendererFile(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const root = resolve(rendererDir);
  const file = resolve(join(root, pathname));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/** True for a document of the app itself, never for file://, http(s):// or about:. */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** A file the page made itself (a print, an export): a blob: URL of the app's own origin. Nothing else may download. */
export function isAppBlobUrl(url: string): boolean {
  return url.startsWith(`blob:${APP_ORIGIN}/`);
}

/**
 * Where the desktop app saves such a file: in `dir`, under the name the page
 * gave it made safe for any file system, with " (2)", " (3)"… when taken, so
 * an earlier print is never overwritten.
 */
export function savePathFor(dir: string, requested: string, exists: (path: string) => boolean): string {
  // eslint-disable-next-line no-control-regex
  const safe = basename(requested.replace(/[\\/]/g, '_')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '') || 'file';
  const ext = extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? safe : `${stem} (${n})${ext}`);
    if (!exists(path)) return path;
  }
}

/**
 * Whether an IPC message may reach the contract: it must come from a window
 * this process created, from that window's top frame (not an iframe), and
 * that frame must be showing the app's own origin at the time of the call.
 */
export function isTrustedSender(sender: {
  webContentsId: number;
  trustedWebContentsIds: ReadonlySet<number>;
  frameUrl: string | undefined;
  frameOrigin: string | undefined;
  isMainFrame: boolean;
}): boolean {
  if (!sender.trustedWebContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isMainFrame) return false;
  if (sender.frameOrigin !== undefined && sender.frameOrigin !== APP_ORIGIN) return false;
  return isAppUrl(sender.frameUrl) && (sender.frameUrl ?? '').startsWith(`${APP_ORIGIN}/`);
}

/** The subset of Electron's safeStorage the protector needs. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(wrapped: Buffer): string;
}

/**
 * Whether safeStorage gives real protection. On Linux without a keyring
 * Chromium falls back to 'basic_text', a hard-coded key in the binary, which
 * would make the wrapped database key as good as clear text; the passphrase
 * path must be used instead.
 */
export function osProtectionAvailable(storage: SafeStorageLike, platform: NodeJS.Platform): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = storage.getSelectedStorageBackend?.() ?? 'unknown';
  return backend !== 'basic_text' && backend !== 'unknown';
}

/**
 * safeStorage's synchronous API takes strings, so the raw key crosses as
 * base64; the string is as sensitive as the key and never leaves this call.
 */
export function createOsKeyProtector(storage: SafeStorageLike, platform: NodeJS.Platform = process.platform) {
  return {
    isAvailable: () => osProtectionAvailable(storage, platform),
    encrypt(plain: Buffer): Buffer {
      if (!osProtectionAvailable(storage, platform)) throw new Error('OS key protection is not available');
      return storage.encryptString(plain.toString('base64'));
    },
    decrypt(wrapped: Buffer): Buffer {
      if (!osProtectionAvailable(storage, platform)) throw new Error('OS key protection is not available');
      return Buffer.from(storage.decryptString(wrapped), 'base64');
    },
  };
}

/** Spanish unless the OS language is English; the app is Spanish first. */
export function uiLanguage(locale: string): 'es' | 'en' {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'es';
}

/** `--data DIR` or `--data=DIR` from Electron's argv, which also carries Chromium's own switches. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--data') return argv[i + 1];
    if (arg?.startsWith('--data=')) return arg.slice('--data='.length);
  }
  return undefined;
}

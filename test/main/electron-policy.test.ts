import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  createOsKeyProtector,
  dataDirFromArgv,
  isAppBlobUrl,
  isTrustedSender,
  osProtectionAvailable,
  resolveRendererFile,
  savePathFor,
  type SafeStorageLike,
} from '../../src/main/electron/policy';

const root = join('/opt', 'app', 'dist', 'renderer');

describe('renderer files on app://', () => {
  it('serves files inside the renderer folder, index.html for directories', () => {
    expect(resolveRendererFile(APP_ENTRY_URL, root)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile('app://renderer/', root)).toBe(join(root, 'index.html'));
    expect(resolveRendererFile('app://renderer/assets/index-abc.js?x=1#y', root)).toBe(join(root, 'assets', 'index-abc.js'));
  });

  it('refuses other hosts, other schemes and paths that escape the folder', () => {
    for (const url of [
      'app://evil/index.html',
      'file:///opt/app/dist/renderer/index.html',
      'https://renderer/index.html',
      'app://renderer/..%2f..%2fetc%2fpasswd',
      'app://renderer/assets%5c..%5c..%5csecret',
      'app://renderer/%00',
      'app://renderer/%E0%A4%A',
      'not a url',
    ]) {
      expect(resolveRendererFile(url, root), url).toBeNull();
    }
  });

  it('keeps dot segments, encoded or not, inside the folder', () => {
    expect(resolveRendererFile('app://renderer/%2e%2e/%2e%2e/etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    expect(resolveRendererFile('app://renderer/a/../../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
  });
});

describe('IPC sender check', () => {
  const base = {
    webContentsId: 7,
    trustedWebContentsIds: new Set([7]),
    frameUrl: 'app://renderer/index.html',
    frameOrigin: 'app://renderer',
    isMainFrame: true,
  };

  it('accepts the top frame of our window showing the app', () => {
    expect(isTrustedSender(base)).toBe(true);
  });

  it('rejects other windows, subframes, foreign or missing URLs', () => {
    expect(isTrustedSender({ ...base, webContentsId: 8 })).toBe(false);
    expect(isTrustedSender({ ...base, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...base, frameUrl: 'https://evil.example/', frameOrigin: 'https://evil.example' })).toBe(false);
    expect(isTrustedSender({ ...base, frameUrl: 'file:///opt/app/dist/renderer/index.html', frameOrigin: 'file://' })).toBe(false);
    expect(isTrustedSender({ ...base, frameUrl: 'app://renderer.evil/index.html', frameOrigin: 'app://renderer.evil' })).toBe(false);
    expect(isTrustedSender({ ...base, frameUrl: undefined, frameOrigin: undefined })).toBe(false);
    expect(isTrustedSender({ ...base, frameOrigin: 'null' })).toBe(false);
  });
});

describe('CSP', () => {
  it('allows no inline code or styles and no remote content', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });
});

describe('OS key protector over safeStorage', () => {
  const storage = (backend: string, available = true): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain)].reverse()),
    decryptString: (wrapped) => Buffer.from([...wrapped].reverse()).toString(),
  });

  it("treats Linux's basic_text backend as no protection", () => {
    expect(osProtectionAvailable(storage('basic_text'), 'linux')).toBe(false);
    expect(osProtectionAvailable(storage('unknown'), 'linux')).toBe(false);
    expect(osProtectionAvailable(storage('gnome_libsecret'), 'linux')).toBe(true);
    expect(osProtectionAvailable(storage('basic_text'), 'win32')).toBe(true);
    expect(osProtectionAvailable(storage('kwallet5', false), 'linux')).toBe(false);
  });

  it('round-trips a raw key and refuses to wrap without protection', () => {
    const key = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    const protector = createOsKeyProtector(storage('kwallet6'), 'linux');
    expect(protector.decrypt(protector.encrypt(key)).equals(key)).toBe(true);
    expect(() => createOsKeyProtector(storage('basic_text'), 'linux').encrypt(key)).toThrow();
  });
});

describe('--data in Electron argv', () => {
  it('reads both spellings among Chromium switches', () => {
    expect(dataDirFromArgv(['/usr/bin/electron', '.', '--no-sandbox', '--data', '/srv/a'])).toBe('/srv/a');
    expect(dataDirFromArgv(['app', '--data=/srv/b'])).toBe('/srv/b');
    expect(dataDirFromArgv(['app'])).toBeUndefined();
  });
});

describe('files the desktop app saves (prints, exports)', () => {
  it('saves only blob: files the app page made, never a remote or file: download', () => {
    expect(isAppBlobUrl('blob:app://renderer/6f1c2a0e-1b7d-4a54-9a51-0c9b1f3e2d11')).toBe(true);
    expect(isAppBlobUrl('blob:https://evil.example/6f1c2a0e')).toBe(false);
    expect(isAppBlobUrl('https://evil.example/nota.pdf')).toBe(false);
    expect(isAppBlobUrl('app://renderer/index.html')).toBe(false);
    expect(isAppBlobUrl('file:///etc/passwd')).toBe(false);
    expect(isAppBlobUrl('blob:app://rendererx/1')).toBe(false);
  });

  it('keeps the name inside the folder, never overwrites an earlier print', () => {
    const dir = join('/home', 'ana', 'Descargas');
    const taken = new Set([join(dir, 'nota-2026-12-03.pdf'), join(dir, 'nota-2026-12-03 (2).pdf')]);
    expect(savePathFor(dir, 'ficha.pdf', (p) => taken.has(p))).toBe(join(dir, 'ficha.pdf'));
    expect(savePathFor(dir, 'nota-2026-12-03.pdf', (p) => taken.has(p))).toBe(join(dir, 'nota-2026-12-03 (3).pdf'));
    expect(savePathFor(dir, '../../.bashrc', () => false)).toBe(join(dir, '_.._.bashrc'));
    expect(savePathFor(dir, 'a\\b:c?.pdf', () => false)).toBe(join(dir, 'a_b_c_.pdf'));
    expect(savePathFor(dir, '...', () => false)).toBe(join(dir, 'file'));
  });
});

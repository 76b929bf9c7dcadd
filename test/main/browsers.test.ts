import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { chromiumBinaries, findChromium, installHint, type LookupEnvironment } from '../../src/main/cli/browsers';

/** A computer made of a list of files that exist. */
const computer = (platform: NodeJS.Platform, files: string[], env: NodeJS.ProcessEnv = {}): LookupEnvironment => ({
  platform,
  env,
  exists: (path) => files.includes(path),
});

describe('finding a Chromium, Chrome or Edge', () => {
  it('on Linux, looks along PATH, Chromium before Chrome before Edge', () => {
    const here = computer('linux', ['/opt/bin/google-chrome', '/usr/bin/chromium', '/usr/bin/microsoft-edge'], { PATH: '/opt/bin:/usr/bin' });
    expect(chromiumBinaries(here)).toEqual(['/usr/bin/chromium', '/opt/bin/google-chrome', '/usr/bin/microsoft-edge']);
    expect(findChromium(here)).toEqual({ found: true, path: '/usr/bin/chromium' });
  });

  it('on Windows, looks in the per-user and machine-wide program folders, Edge included', () => {
    const edge = 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe';
    const here = computer('win32', [edge], { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' });
    expect(findChromium(here)).toEqual({ found: true, path: edge });
  });

  it('on macOS, looks in /Applications', () => {
    const chrome = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findChromium(computer('darwin', [chrome]))).toEqual({ found: true, path: chrome });
  });

  it('CHROMIUM_PATH wins over the usual places', () => {
    const here = computer('linux', ['/usr/bin/chromium', '/home/dev/chrome-linux/chrome'], { PATH: '/usr/bin', CHROMIUM_PATH: '/home/dev/chrome-linux/chrome' });
    expect(findChromium(here)).toEqual({ found: true, path: '/home/dev/chrome-linux/chrome' });
  });

  it('a CHROMIUM_PATH that does not exist is said, not silently replaced by another browser', () => {
    const here = computer('linux', ['/usr/bin/chromium'], { PATH: '/usr/bin', CHROMIUM_PATH: '/home/dev/chrom' });
    const result = findChromium(here);
    expect(result.found).toBe(false);
    if (!result.found) expect(result.message).toContain('CHROMIUM_PATH=/home/dev/chrom does not exist');
  });

  it('with none installed, says in one line how to install one on each platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const result = findChromium(computer(platform, [], { PATH: '/usr/bin' }));
      expect(result).toEqual({ found: false, message: installHint(platform) });
      if (!result.found) {
        expect(result.message).not.toContain('\n');
        expect(result.message).toContain('CHROMIUM_PATH');
      }
    }
    expect(installHint('linux')).toContain('apt-get install chromium');
    expect(installHint('win32')).toContain('winget install');
    expect(installHint('darwin')).toContain('brew install');
  });

  it('the e2e run stops with that one line, not a launch stack trace, when CHROMIUM_PATH points nowhere', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', "import('./e2e/support/global-setup.ts').then((m) => m.default())"], {
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('CHROMIUM_PATH=/nonexistent/chromium does not exist; point it at a Chromium, Chrome or Edge binary, or unset it to search the usual places.');
  });
});

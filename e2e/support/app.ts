import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AppCore, type AppCoreOptions, createAppCore } from '../../src/main/app-core';
import { findChromium } from '../../src/main/cli/browsers';
import { type BrowserHost, startBrowserHost } from '../../src/main/host/browser-host';

/** The browser `npm start` would open (CHROMIUM_PATH first), or the one-line message saying how to get one. */
export const CHROMIUM = findChromium();
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

export function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM.found) throw new NoBrowserError(CHROMIUM.message);
  return chromium.launch({ executablePath: CHROMIUM.path, args: CHROMIUM_ARGS, headless: true });
}

/** No browser to drive: its message is the whole story, so it carries no stack to scroll past. */
export class NoBrowserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoBrowserError';
    this.stack = `${this.name}: ${message}`;
  }
}

export interface RunningApp {
  dataDir: string;
  core: AppCore;
  host: BrowserHost;
  context: BrowserContext;
  page: Page;
  /** Opens the app in a second tab of its own (another workstation's window). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Starts main exactly as `npm run serve` does (the same core and host, in
 * this process) over a data folder, and opens the app in a fresh context.
 */
export async function openApp(
  browser: Browser,
  options: { dataDir?: string; passphrase?: string; locale?: string; timezoneId?: string; beforeGoto?: (page: Page) => Promise<void>; sync?: AppCoreOptions['sync']; now?: AppCoreOptions['now'] } = {},
): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dental-e2e-'));
  const ownsDir = options.dataDir === undefined;
  const core = await createAppCore({ dataDir, passphrase: options.passphrase, sync: options.sync, now: options.now });
  const host = await startBrowserHost({ core });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: options.locale ?? 'es-CL', ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}) });
  const open = async () => {
    const page = await context.newPage();
    await options.beforeGoto?.(page);
    await page.goto(host.url);
    return page;
  };
  const page = await open();
  return {
    dataDir,
    core,
    host,
    context,
    page,
    newPage: open,
    async close() {
      await context.close();
      await host.close();
      await core.close();
      if (ownsDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SCREENSHOT_DIR = join(process.cwd(), 'e2e', 'screenshots');

/** Keeps a picture of a screen for people to look at; not an assertion. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/**
 * Runs axe-core on the page (or one part of it) and fails on serious or
 * critical violations, naming each rule and the first nodes it hit.
 */
export async function expectAccessible(page: Page, include?: string): Promise<void> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the devtools protocol: the app's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
  }, include ?? null);
  if (violations.length > 0) throw new Error(`axe found serious or critical violations${include ? ` in ${include}` : ''}:\n${violations.join('\n')}`);
}

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type AppCore, createAppCore } from '../../src/main/app-core';
import { type BrowserHost, startBrowserHost } from '../../src/main/host/browser-host';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
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
  options: { dataDir?: string; passphrase?: string; locale?: string; beforeGoto?: (page: Page) => Promise<void> } = {},
): Promise<RunningApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dental-e2e-'));
  const ownsDir = options.dataDir === undefined;
  const core = await createAppCore({ dataDir, passphrase: options.passphrase });
  const host = await startBrowserHost({ core });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: options.locale ?? 'es-CL' });
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

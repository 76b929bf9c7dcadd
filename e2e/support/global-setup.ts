import { findChromium } from '../../src/main/cli/browsers';

/**
 * Before any e2e file starts: without a browser to drive, every file would
 * fail with the same launch stack trace. One line saying how to get one instead.
 */
export default function requireBrowser(): void {
  const browser = findChromium();
  if (browser.found) return;
  console.error(browser.message);
  process.exit(1);
}

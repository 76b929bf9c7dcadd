import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../src/shared/patients/age';
import { addDays } from '../src/shared/schedule/time';
import { allocate, patient, post } from '../test/main/ledger-fixture-support';
import { PASSPHRASE, call, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * The manager's reports and statements, in Spanish (a billing user) and in
 * English (another billing user whose language is English): the day sheet
 * with its cash count, every report tab (axe on each), a batch of statements
 * with its progress bar, and one archived statement reopened byte for byte.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;
const PASSWORD = 'user-password-1';

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-statements-'));
  const { core } = await setUpPractice(dataDir);
  for (const [username, language] of [['caja', 'es'], ['manager', 'en']] as const) {
    await call(core, 'admin', 'users.create', { givenNames: 'Gestión', firstSurname: username, secondSurname: '', username, role: 'billing', password: PASSWORD, language });
  }
  const rosa = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Rosa', firstSurname: 'Vidal', kind: 'dentist', colour: '#2563eb' });
  const today = todayIn('America/Santiago');
  for (let i = 0; i < 24; i++) {
    const id = await patient(core, `Titular ${String(i + 1).padStart(2, '0')}`, i % 2 ? 'Fuentes' : 'Araya');
    const charge = await post(core, { patientId: id, kind: 'charge', amountMinor: 40_000 + 1_000 * i, serviceDate: addDays(today, -(i * 7)), providerId: rosa.id });
    if (i % 3 === 0) {
      const paid = await post(core, { patientId: id, kind: 'payment', amountMinor: -10_000, serviceDate: today, method: i % 2 ? 'debit' : 'cash' });
      await allocate(core, paid, charge, id, 10_000, rosa.id);
    }
  }
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string) {
  const user = page.getByLabel(/^(Usuario|Username)$/);
  await user.waitFor({ timeout: 20_000 });
  await user.fill(username);
  await page.getByLabel(/^(Contraseña|Password)$/).fill(PASSWORD);
  await page.getByRole('button', { name: /^(Ingresar|Sign in)$/ }).click();
  await ui(page.getByRole('navigation')).visible();
}

const L = {
  es: {
    nav: 'Informes', region: 'Informes y estados de cuenta', daySheet: 'Hoja del día', production: 'Producción y recaudación', aging: 'Antigüedad de saldos', plans: 'Presupuestos pendientes', statements: 'Estados de cuenta',
    countBy: 'Total', counted: 'Total contado', short: 'Faltan', criterion: 'Saldo mayor que', criterionValue: '0', start: 'Emitir lote', progress: 'Avance del lote', done: 'Lote terminado', open: /^Abrir el estado de cuenta de /, signOut: 'Cerrar sesión',
    chart: /gráfico de barras/,
  },
  en: {
    nav: 'Reports', region: 'Reports and statements', daySheet: 'Day sheet', production: 'Production and collections', aging: 'Aging', plans: 'Outstanding plans', statements: 'Statements',
    countBy: 'Total', counted: 'Total counted', short: 'short', criterion: 'Oldest charge older than (days)', criterionValue: '30', start: 'Issue batch', progress: 'Batch progress', done: 'Batch finished', open: /^Open the statement of /, signOut: 'Sign out',
    chart: /bar chart/,
  },
} as const;

async function managerRuns(page: Page, language: 'es' | 'en') {
  const l = L[language];
  await page.getByRole('navigation').getByRole('button', { name: l.nav, exact: true }).click();
  const panel = page.getByRole('region', { name: l.region });
  await ui(panel).visible();

  // The day sheet, with its bars and the cash to count.
  await ui(panel.getByRole('tab', { name: l.daySheet, selected: true })).visible();
  await ui(panel.getByRole('img', { name: l.chart })).visible();
  await panel.getByRole('radio', { name: l.countBy, exact: true }).check();
  await panel.getByLabel(l.counted, { exact: true }).fill('1000');
  await ui(panel.getByRole('status').filter({ hasText: l.short })).visible();
  await expectAccessible(page);
  await screenshot(page, `statements-day-sheet-${language}`);

  for (const tab of [l.production, l.aging, l.plans]) {
    await panel.getByRole('tab', { name: tab }).click();
    await ui(panel.getByRole('tab', { name: tab, selected: true })).visible();
    await page.waitForTimeout(300);
    await expectAccessible(page);
    await screenshot(page, `statements-${tab.replace(/\W+/g, '-').toLowerCase()}-${language}`);
  }

  // A batch of statements: the progress bar fills, the count is said, one archived statement opens as archived.
  await panel.getByRole('tab', { name: l.statements }).click();
  await panel.getByLabel(l.criterion, { exact: true }).fill(l.criterionValue);
  await panel.getByRole('button', { name: l.start, exact: true }).click();
  const bar = panel.getByRole('progressbar', { name: l.progress });
  await ui(bar).visible();
  await ui(panel.getByRole('status').filter({ hasText: l.done }), 60_000).visible();
  await expectAccessible(page);
  await screenshot(page, `statements-batch-${language}`);
  const openButton = panel.getByRole('button', { name: l.open }).first();
  await ui(openButton).visible();
  const [download] = await Promise.all([page.waitForEvent('download'), openButton.click()]);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const archived = await app.core.vault.store().db.selectFrom('statements').select('pdf_base64').execute();
  expect(archived.map((r) => r.pdf_base64)).toContain(bytes.toString('base64'));
}

describe('statements and reports', () => {
  it('the manager (Spanish) reads the day sheet, runs a batch of statements and opens one', async () => {
    await signIn(app.page, 'caja');
    await managerRuns(app.page, 'es');
    await app.page.getByRole('button', { name: L.es.signOut }).click();
  });

  it('the manager (English) does the same', async () => {
    await signIn(app.page, 'manager');
    await managerRuns(app.page, 'en');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * The practice is in Santiago; the workstation's browser says UTC and en-US.
 * Every time on screen is still Santiago's wall clock, written the Chilean
 * way (dd-mm-aaaa, 24 h), in Spanish and in English, and no raw ISO-8601
 * text ever reaches the page.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;
let patientId = '';

/** An instant or a bare calendar date as a machine writes it: "2026-12-02T17:09", "2026-12-02". */
const ISO_8601 = /\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-time-'));
  const { core } = await setUpPractice(dataDir);
  const created = await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Matías', firstSurname: 'Contreras', secondSurname: 'Lagos', birthDate: '1982-09-14', phones: [{ number: '9 8123 4567' }] },
    alerts: [],
  });
  patientId = created.id;
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE, locale: 'en-US', timezoneId: 'UTC' });
  const page = app.page;
  await page.getByLabel(/^(Usuario|Username)$/).fill(ADMIN.username);
  await page.getByLabel(/^(Contraseña|Password)$/).fill(ADMIN.password);
  await page.getByRole('button', { name: /^(Ingresar|Sign in)$/ }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** "03-12-2026 07:09": the instant on Santiago's wall clock, written as Chile writes it. */
function santiago(iso: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'America/Santiago',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { date: `${part('day')}-${part('month')}-${part('year')}`, time: `${part('hour')}:${part('minute')}` };
}

async function expectNoIso(page: Page, screen: string) {
  // Read the screen once it has its data: calls settled and no loading placeholder left.
  await page.waitForLoadState('networkidle');
  await ui(page.locator('.loading')).hasCount(0);
  // What fields hold counts too: a browser's own date input keeps ISO as its value, whatever it draws.
  const values = await page.locator('input:not([type=hidden]), textarea').evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
  const text = [await page.locator('body').innerText(), ...values].join('\n');
  const found = text.match(ISO_8601) ?? [];
  expect(found, `raw ISO-8601 on the ${screen} screen`).toEqual([]);
}

let checking = false;
/** The test's own session on main (connection "check"), to read back what was stored. */
async function check(): Promise<string> {
  if (!checking) await call(app.core, 'check', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password } as never);
  checking = true;
  return 'check';
}

async function openPatient(page: Page) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type('matias con');
  await page.getByRole('option', { name: /Matías/ }).first().click();
  await ui(page.getByRole('region', { name: /^(Ficha del paciente|Patient record)$/ })).visible();
}

describe("times are the practice's", () => {
  it("a signed note shows Santiago's time as dd-mm-aaaa 24 h, though the browser is in UTC and en-US", async () => {
    const page = app.page;
    await openPatient(page);
    await expectNoIso(page, 'patient details');
    await page.getByRole('tab', { name: 'Notas' }).click();
    await page.getByRole('button', { name: 'Nueva nota' }).click();
    const editor = page.getByRole('form', { name: 'Editar nota' });
    await editor.locator('textarea').first().fill('Control de rutina.');
    await editor.getByRole('button', { name: 'Guardar borrador' }).click();
    await page.getByRole('button', { name: 'Firmar nota' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(page.getByText(/Firmada por/)).visible();

    const [summary] = await call(app.core, await check(), 'notes.list', { patientId });
    const note = await call(app.core, await check(), 'notes.get', { noteId: summary!.id });
    const at = santiago(note.signedAt!);
    const signed = page.getByText(/Firmada por/);
    await ui(signed).containsText(`${at.date} ${at.time}`);
    // The visit date is the practice's calendar date, written the same way.
    await ui(page.locator('#note-view-title')).containsText(at.date);
    await expectNoIso(page, 'notes');
    await signed.scrollIntoViewIfNeeded();
    await screenshot(page, 'practice-time-note-es');

    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const signedEn = page.getByText(/Signed by/);
    await ui(signedEn).containsText(`${at.date} ${at.time}`);
    await expectNoIso(page, 'notes (English)');
    await signedEn.scrollIntoViewIfNeeded();
    await screenshot(page, 'practice-time-note-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });

  it('a signed perio exam shows its signature the same way, never as an ISO string', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Periodontograma' }).click();
    await page.getByRole('button', { name: 'Iniciar examen' }).click();
    await page.getByRole('application', { name: 'Periodontograma' }).focus();
    await page.keyboard.type('333');
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(page.getByText(/Firmado por/)).visible();
    const exam = await call(app.core, await check(), 'perio.exam.latest', { patientId });
    const at = santiago(exam!.signedAt!);
    await ui(page.getByText(/Firmado por/)).containsText(`${at.date} ${at.time}`);
    await expectNoIso(page, 'perio');
    await screenshot(page, 'practice-time-perio-es');
  });

  it('the audit log and the chart history are in Santiago time too', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Odontograma', exact: true }).last().click();
    await ui(page.getByRole('application', { name: 'Odontograma' })).visible();
    await expectNoIso(page, 'chart');
    // The chart history's date fields are the app's own, so they read dd-mm-aaaa in an en-US browser too.
    const today = santiago(new Date().toISOString()).date;
    const since = page.getByRole('textbox', { name: 'Desde' });
    await ui(since).hasValue(today);
    expect(await since.getAttribute('placeholder')).toBe('dd-mm-aaaa');
    const asOf = page.getByRole('textbox', { name: 'Ver al' });
    await asOf.fill('01-12-2026');
    await ui(page.getByRole('status').filter({ hasText: 'Mostrando el odontograma' })).containsText('al 01-12-2026');
    await asOf.fill('31-02-2026');
    await ui(asOf).hasAttribute('aria-invalid', 'true');
    await since.scrollIntoViewIfNeeded();
    await screenshot(page, 'practice-time-chart-es');
    await page.getByRole('button', { name: 'Volver a hoy' }).click();
    await ui(asOf).hasValue('');
    await page.keyboard.press('Control+k');
    await page.getByRole('dialog', { name: 'Paleta de comandos' }).getByRole('combobox', { name: 'Buscar comandos' }).fill('auditoría');
    await page.keyboard.press('Enter');
    const log = page.getByRole('region', { name: 'Registro de auditoría' });
    await ui(log.getByRole('table')).visible();
    const first = log.getByRole('row').nth(1);
    await ui(first).visible();
    const text = await first.innerText();
    expect(text).toMatch(/\d{2}-\d{2}-\d{4}/);
    expect(text).toMatch(/\b\d{2}:\d{2}(:\d{2})?\b/);
    expect(text).not.toMatch(/\b(AM|PM|a\. ?m\.|p\. ?m\.)/i);
    await expectNoIso(page, 'audit log');
    await screenshot(page, 'practice-time-audit-es');
  });

  it('the booking form takes dates as dd-mm-aaaa and times on 24 h, though the browser is en-US', async () => {
    const page = app.page;
    await openPatient(page);
    await page.keyboard.press('Alt+b');
    const form = page.getByRole('region', { name: 'Agendar cita' });
    const date = form.getByLabel('Fecha', { exact: true });
    const time = form.getByLabel('Hora', { exact: true });
    await date.fill('4/12/2026');
    await date.press('Tab');
    await ui(date).hasValue('04-12-2026');
    await time.fill('1530');
    await time.press('Tab');
    await ui(time).hasValue('15:30');
    await time.fill('25:00');
    await ui(time).hasAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await screenshot(page, 'booking-practice-date-time');
    await page.keyboard.press('Escape');
  });

  it('no screen the admin can open shows a raw ISO date, in Spanish or in English', async () => {
    const page = app.page;
    for (const language of ['es', 'en'] as const) {
      if (language === 'en') await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
      const rail = page.getByRole('navigation').getByRole('button');
      const panels = await rail.count();
      expect(panels).toBeGreaterThan(3);
      for (let i = 0; i < panels; i++) {
        const button = rail.nth(i);
        const name = (await button.innerText()).trim();
        await button.click();
        await ui(button).hasAttribute('aria-current', 'page');
        await expectNoIso(page, `${name} (${language})`);
      }
      const record = page.getByRole('region', { name: /^(Ficha del paciente|Patient record)$/ });
      if ((await record.count()) === 0) await openPatient(page);
      const tabs = page.getByRole('region', { name: /^(Ficha del paciente|Patient record)$/ }).getByRole('tab');
      for (let i = 0; i < (await tabs.count()); i++) {
        const tab = tabs.nth(i);
        await tab.click();
        await ui(tab).hasAttribute('aria-selected', 'true');
        await expectNoIso(page, `patient tab ${(await tab.innerText()).trim()} (${language})`);
      }
    }
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { bookablePractice, practiceToday } from './support/bookable-practice';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;
const today = practiceToday;

beforeAll(async () => {
  browser = await launchBrowser();
  // Three patients booked at the same time in the same chair: three cards side by side.
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-narrow-'));
  const { core } = await setUpPractice(dataDir);
  const { chair: chair1, dentist } = await bookablePractice(core, { chairs: 2 });
  const types = await call(core, 'admin', 'schedule.types.list', {});
  for (const [givenNames, firstSurname] of [
    ['Valentina', 'Araya'],
    ['Tomás', 'Vidal'],
    ['Camila', 'Reyes'],
  ] as const) {
    const patient = await call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname: 'Fuentes', phones: [{ number: '9 2222 3333' }] }, alerts: [] });
    await call(core, 'admin', 'schedule.book', { patientId: patient.id, providerId: dentist.id, operatoryId: chair1.id, typeId: types[0]!.id, startLocal: `${today}T10:00`, override: true });
  }
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const box = async (locator: Locator) => (await locator.boundingBox())!;
/** Whether an element's text is cut: wider or taller than the box that shows it. */
const cut = (locator: Locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
/** Whether the given text, inside the element, is drawn entirely within the element's box (not clipped away). */
const textShown = (locator: Locator, text: string) =>
  locator.evaluate((el, wanted) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const inner = range.getBoundingClientRect();
      const outer = el.getBoundingClientRect();
      return inner.width > 0 && inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.bottom <= outer.bottom + 1;
    }
    return false;
  }, text);
/** The width the selected option's text needs, drawn in the select's own font. */
const selectFits = (locator: Locator) =>
  locator.evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(select.selectedOptions[0]?.textContent ?? '').width;
    // Padding on both sides and the arrow (about 20 px) come on top of the text.
    return select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) >= text + 16;
  });

async function signIn(page: Page) {
  await page.getByLabel('Usuario', { exact: true }).fill('admin');
  await page.getByLabel('Contraseña', { exact: true }).fill('admin-password-1');
  await page.keyboard.press('Enter');
  await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
}

describe('narrow panels stay usable', () => {
  it('overlapping cards show their patients, the chart its teeth, the form its choices, in the default layout', async () => {
    const { page } = app;
    await signIn(page);
    for (const name of ['Valentina Araya Fuentes', 'Tomás Vidal Fuentes', 'Camila Reyes Fuentes']) {
      const card = page.getByRole('button', { name: new RegExp(name) });
      await card.scrollIntoViewIfNeeded();
      // Side by side in one chair, each card still shows its patient's whole name.
      expect(await textShown(card, name), name).toBe(true);
    }
    await screenshot(page, 'narrow-overlap-es');

    await page.keyboard.press('Control+f');
    await page.keyboard.type('valentina');
    await page.getByRole('option', { name: /Valentina/ }).first().click();
    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await record.getByRole('tab', { name: 'Odontograma', exact: true }).click();
    const chart = page.getByRole('application', { name: 'Odontograma' });
    await chart.scrollIntoViewIfNeeded();
    // Teeth of at least 24 px and numbers of at least 10 px, at the panel's default width.
    const crown = await box(chart.locator('[data-tooth="11"] .tooth-cell'));
    expect(crown.width).toBeGreaterThanOrEqual(24);
    const number = await box(chart.locator('[data-tooth="11"] .tooth-label'));
    expect(number.height).toBeGreaterThanOrEqual(10);
    // The keyboard brings the far side of the mouth into sight.
    await chart.focus();
    await page.keyboard.press('ArrowRight');
    for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowRight');
    const last = await box(chart.locator('[data-tooth="28"]'));
    const frame = await box(chart);
    expect(last.x + last.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    await expectAccessible(page);
    await screenshot(page, 'narrow-chart-es');

    await page.keyboard.press('Alt+n');
    const form = page.getByRole('form', { name: 'Nuevo paciente' });
    for (const label of ['Tipo de documento', 'Sexo', 'Género']) expect(await selectFits(form.getByLabel(label, { exact: true })), label).toBe(true);
    await form.getByLabel('Sexo', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'narrow-patient-form-es');
    await form.getByRole('button', { name: 'Cancelar' }).click();
  });

  it('a wider patient panel leaves the schedule header whole, and a narrower one its forms usable, in Spanish and in English', async () => {
    const { page } = app;
    const handle = page.getByRole('separator', { name: 'Cambiar el ancho de los paneles' });
    await handle.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    const header = page.getByRole('region', { name: 'Agenda' }).locator('header').first();
    const views = page.getByRole('tablist', { name: 'Vistas de la agenda' });
    const headerBox = await box(header);
    const viewsBox = await box(views);
    // The tabs fit inside the header, and the date under the title keeps to one line.
    expect(viewsBox.x + viewsBox.width).toBeLessThanOrEqual(headerBox.x + headerBox.width + 1);
    expect(await cut(views)).toBe(false);
    const date = header.locator('.panel-description');
    const lineHeight = await date.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
    expect((await box(date)).height).toBeLessThan(lineHeight * 1.5);
    await screenshot(page, 'narrow-wide-patient-es');

    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await page.getByRole('navigation').getByRole('button', { name: 'Usuarios', exact: true }).click();
    const users = page.getByRole('region', { name: 'Usuarios' });
    for (const label of ['Rol', 'Idioma del usuario']) expect(await selectFits(users.getByLabel(label, { exact: true })), label).toBe(true);
    await screenshot(page, 'narrow-users-es');
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const usersEn = page.getByRole('region', { name: 'Users' });
    for (const label of ['Role', "User's language"]) expect(await selectFits(usersEn.getByLabel(label, { exact: true })), label).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'narrow-users-en');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS } from '../src/shared/i18n/translate';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { bookablePractice, practiceToday } from './support/bookable-practice';
import { ui } from './support/expect-ui';

/*
 * Where the keyboard focus lands after each action a newcomer takes with the
 * keyboard only: never on <body>, always on the next meaningful control.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;

const today = practiceToday;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-focus-'));
  const { core } = await setUpPractice(dataDir);
  const { chair, dentist: provider } = await bookablePractice(core, { chairs: 2, start: '08:00', end: '20:00' });
  const dentistEs = await addUser(core, 'dentist', 'dentista');
  const dentistEn = await call(core, 'admin', 'users.create', {
    givenNames: 'Test',
    firstSurname: 'dentist',
    secondSurname: '',
    username: 'dentist',
    role: 'dentist',
    password: 'user-password-1',
    language: 'en',
  });
  void dentistEs;
  void dentistEn;
  const patient = (givenNames: string, firstSurname: string) =>
    call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname: 'Rojas', phones: [{ number: '9 6123 4567' }] }, alerts: [] });
  const rosa = await patient('Rosa', 'Valdés');
  await patient('Ruth', 'Vargas');
  // One appointment today: the day's count must say "1 cita", never "1 citas".
  const [control] = (await call(core, 'admin', 'schedule.types.list', {})).filter((t) => t.name === 'Control');
  await call(core, 'admin', 'schedule.book', { patientId: rosa.id, providerId: provider.id, operatoryId: chair.id, typeId: control!.id, startLocal: `${today}T19:00` });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** What has the focus, for the failure message: its tag, role and name. */
const describeFocus = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '<body>';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 60) ?? '';
    return `<${el.tagName.toLowerCase()}${el.getAttribute('role') ? ` role=${el.getAttribute('role')}` : ''}> ${name}`;
  });

/** Waits until the focus is on `target` (or, with `within`, inside it). */
async function expectFocus(page: Page, target: Locator, within = false) {
  await target.first().waitFor({ state: 'attached', timeout: 15_000 });
  await expect
    .poll(
      async () => {
        const on = await target.first().evaluate((el, inside) => (inside ? el.contains(document.activeElement) : el === document.activeElement), within);
        return on ? 'focused' : `focus is on ${await describeFocus(page)}`;
      },
      { timeout: 15_000, interval: 50 },
    )
    .toBe('focused');
}

/** Every whole message of `from`'s catalog that reads differently in `to` (placeholders left out). */
function messagesOnlyIn(from: 'es' | 'en', to: 'es' | 'en'): Set<string> {
  const out = new Set<string>();
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === 'string') {
      if (a !== b && !a.includes('{{') && a.trim().length >= 4) out.add(a.trim());
      return;
    }
    for (const [key, value] of Object.entries(a as Record<string, unknown>)) walk(value, (b as Record<string, unknown> | undefined)?.[key]);
  };
  walk(CATALOGS[from], CATALOGS[to]);
  return out;
}

/** Lines on screen that are a message of the language just left. */
async function leftovers(page: Page, from: 'es' | 'en', to: 'es' | 'en'): Promise<string[]> {
  const messages = messagesOnlyIn(from, to);
  const texts = await page.evaluate(() => {
    const seen: string[] = document.body.innerText.split('\n');
    // Names that are read out but not drawn: labels, titles, placeholders.
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name);
        if (value) seen.push(value);
      }
    }
    return seen;
  });
  return [...new Set(texts.map((line) => line.trim()).filter((line) => messages.has(line)))];
}

/** Waits for `done`; a confirmation asked first (signing is irreversible) is answered with its `yes` button. */
async function answerConfirmation(page: Page, done: Locator, yes: RegExp) {
  const confirm = page.getByRole('dialog');
  await expect.poll(async () => (await done.count()) > 0 || (await confirm.count()) > 0, { timeout: 15_000 }).toBe(true);
  if ((await done.count()) === 0) await confirm.getByRole('button', { name: yes }).last().click();
  await ui(done.first()).visible();
}

const labels = {
  es: {
    user: 'dentista',
    username: 'Usuario',
    password: 'Contraseña',
    signIn: 'Ingresar',
    unlock: 'Desbloquear',
    schedule: 'Agenda',
    dayGrid: /^Agenda del/,
    dayCounts: '1 cita · 0 canceladas · 0 no asistieron',
    nextDay: 'Día siguiente',
    search: 'Buscar paciente',
    record: 'Ficha del paciente',
    perioTab: 'Periodontograma',
    perioStart: 'Iniciar examen',
    perioChart: 'Periodontograma',
    firstSite: '18 DV PS',
    notesTab: 'Notas',
    newNote: 'Nueva nota',
    noteEditor: 'Editar nota',
    saveDraft: 'Guardar borrador',
    printNote: 'Imprimir nota',
    signNote: 'Firmar nota',
    signExam: 'Firmar examen',
    examSignedBy: /Firmado por/,
    signedBy: /Firmada por/,
    signWord: /Firmar/,
    noteHeading: /Evolución SOAP/,
    downloaded: 'carpeta de descargas del navegador',
    draftSaved: /Borrador guardado/,
    editAlerts: 'Editar alertas',
    alertsEditor: /^Alertas médicas de/,
    cancel: 'Cancelar',
    language: 'Idioma',
    other: 'en',
    otherLanguage: 'Language',
  },
  en: {
    user: 'dentist',
    username: 'Username',
    password: 'Password',
    signIn: 'Sign in',
    unlock: 'Unlock',
    schedule: 'Schedule',
    dayGrid: /^Schedule for/,
    dayCounts: '1 appointment · 0 cancelled · 0 no-shows',
    nextDay: 'Next day',
    search: 'Find patient',
    record: 'Patient record',
    perioTab: 'Perio',
    perioStart: 'Start exam',
    perioChart: 'Perio chart',
    firstSite: '18 DB PD',
    notesTab: 'Notes',
    newNote: 'New note',
    noteEditor: 'Edit note',
    saveDraft: 'Save draft',
    printNote: 'Print note',
    signNote: 'Sign note',
    signExam: 'Sign exam',
    examSignedBy: /Signed by/,
    signedBy: /Signed by/,
    signWord: /Sign/,
    noteHeading: /SOAP progress note/,
    downloaded: 'browser’s downloads folder',
    draftSaved: /Draft saved/,
    editAlerts: 'Edit alerts',
    alertsEditor: /^Medical alerts for/,
    cancel: 'Cancel',
    language: 'Language',
    other: 'es',
    otherLanguage: 'Idioma',
  },
} as const;

describe.each([
  ['es', 'Rosa Valdés'],
  ['en', 'Ruth Vargas'],
] as const)('the keyboard focus is never lost (%s)', (language, patientName) => {
  const l = labels[language];
  let page: Page;

  it('signing in and unlocking land on the schedule', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: language === 'es' ? 'es-CL' : 'en-US' });
    page = await context.newPage();
    await page.goto(app.host.url);
    // The sign-in screen follows the practice's language (Spanish); the user's own language applies once signed in.
    await page.getByLabel('Usuario', { exact: true }).fill(l.user);
    await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: l.schedule, level: 2 });
    await expectFocus(page, heading);
    // One appointment today, counted in the singular.
    await ui(page.getByText(l.dayCounts, { exact: true })).visible();

    await page.keyboard.press('Control+l');
    await ui(page.getByRole('button', { name: l.unlock })).visible();
    await page.getByLabel(l.password, { exact: true }).fill('user-password-1');
    await page.keyboard.press('Enter');
    await expectFocus(page, page.getByRole('heading', { name: l.schedule, level: 2 }));
  });

  it('PageDown and PageUp in the day grid change the day and keep the keyboard in the grid', async () => {
    await page.keyboard.press('Alt+0');
    const grid = page.getByRole('grid', { name: l.dayGrid });
    await expectFocus(page, grid, true);
    const gridName = () => grid.getAttribute('aria-label');
    const first = await gridName();
    const focusedCell = () => page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? document.activeElement?.outerHTML.slice(0, 80));

    await page.keyboard.press('PageDown');
    await expect.poll(gridName, { timeout: 15_000 }).not.toBe(first);
    const second = await gridName();
    await expectFocus(page, grid, true);
    // The arrows still move the cursor. Home first: the cursor starts at the current time, which after hours is the
    // day's last row, where ArrowDown has nowhere to go.
    await page.keyboard.press('Home');
    await expect.poll(focusedCell, { timeout: 15_000 }).toMatch(/^\d+:0$/);
    const before = await focusedCell();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedCell, { timeout: 15_000 }).not.toBe(before);
    await expectFocus(page, grid, true);

    // A second PageDown works too: that is where the keyboard went dead.
    await page.keyboard.press('PageDown');
    await expect.poll(gridName, { timeout: 15_000 }).not.toBe(second);
    await expectFocus(page, grid, true);
    await page.keyboard.press('PageUp');
    await expect.poll(gridName, { timeout: 15_000 }).toBe(second);
    await expectFocus(page, grid, true);
    await page.keyboard.press('PageUp');
    await expect.poll(gridName, { timeout: 15_000 }).toBe(first);
    await expectFocus(page, grid, true);
    await page.keyboard.press('ArrowRight');
    await expectFocus(page, grid, true);
  });

  it('"Iniciar examen" lands on the first perio site, and signing the exam keeps the keyboard on the chart', async () => {
    await page.keyboard.press('Control+f');
    await page.keyboard.type(patientName.toLowerCase().slice(0, 8));
    await page.getByRole('option', { name: new RegExp(patientName.split(' ')[0]!) }).first().click();
    const record = page.getByRole('region', { name: l.record });
    await ui(record).visible();
    await record.getByRole('tab', { name: l.perioTab, exact: true }).click();
    await page.getByRole('button', { name: l.perioStart }).click();
    const chart = page.getByRole('application', { name: l.perioChart });
    await expectFocus(page, chart);
    // The first key typed is the first site's depth.
    await page.keyboard.type('3');
    // 18 distobuccal is the first site of the probing pass.
    await ui(chart.locator(`[aria-label^="${l.firstSite}:"]`)).containsText('3');

    // Signing takes the sign button away; the keyboard goes back to the chart.
    await page.getByRole('button', { name: l.signExam }).click();
    await answerConfirmation(page, page.getByText(l.examSignedBy), l.signWord);
    await expectFocus(page, chart);
  });

  it('"Nueva nota" lands in the editor, saving the draft says so in a live region, a print says where its file went, signing lands on the note', async () => {
    const record = page.getByRole('region', { name: l.record });
    await record.getByRole('tab', { name: l.notesTab, exact: true }).click();
    await page.getByRole('button', { name: l.newNote }).click();
    const editor = page.getByRole('form', { name: l.noteEditor });
    await expectFocus(page, editor, true);
    await page.keyboard.type('Sensibilidad al frío.');
    await editor.getByRole('button', { name: l.saveDraft }).click();
    await ui(page.getByRole('status').filter({ hasText: l.draftSaved })).visible();
    await expect.poll(() => describeFocus(page), { timeout: 15_000 }).not.toBe('<body>');
    await ui(editor).hidden();
    expect(await describeFocus(page)).not.toBe('<body>');

    // Printing says where the file went: here, the browser's download, by its name.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: l.printNote }).click()]);
    const fileName = download.suggestedFilename();
    expect(fileName).toMatch(/\.pdf$/);
    await ui(page.getByRole('status').filter({ hasText: fileName })).containsText(l.downloaded);
    await page.getByRole('status').filter({ hasText: fileName }).scrollIntoViewIfNeeded();
    await screenshot(page, `focus-note-printed-${language}`);

    // Signing: the sign button goes away, the keyboard does not (a confirmation, where there is one, is answered yes).
    await page.getByRole('button', { name: l.signNote }).click();
    await answerConfirmation(page, page.getByText(l.signedBy), l.signWord);
    await expectFocus(page, page.getByRole('heading', { name: l.noteHeading }));
  });

  it('"Editar alertas" lands in the alerts form', async () => {
    await page.getByRole('button', { name: l.editAlerts }).click();
    const form = page.getByRole('form', { name: l.alertsEditor });
    await expectFocus(page, form, true);
    // Cancelling goes back to the record, whose heading takes the keyboard.
    await form.getByRole('button', { name: l.cancel }).click();
    await ui(form).hidden();
    await expectFocus(page, page.getByRole('region', { name: l.record }), true);
  });

  it('the language switch keeps the focus on the language menu', async () => {
    const select = page.getByRole('combobox', { name: l.language, exact: true });
    await select.focus();
    // The check below can see this screen's messages: before the switch, it finds plenty.
    expect((await leftovers(page, language, l.other)).length).toBeGreaterThan(10);
    await select.selectOption(l.other);
    const other = page.getByRole('combobox', { name: l.otherLanguage, exact: true });
    await expectFocus(page, other);
    // Nothing of the language just left stays on screen: the schedule, the record and its notes all follow.
    await expect.poll(() => leftovers(page, language, l.other), { timeout: 15_000 }).toEqual([]);
    await screenshot(page, `focus-language-switched-from-${language}`);
    // And back, for the next run.
    await other.selectOption(language);
    await expectFocus(page, page.getByRole('combobox', { name: l.language, exact: true }));
    await page.context().close();
  });
});

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * The first hour of a new practice: from the first screen, the schedule's
 * checklist leads the admin through chairs, a provider linked to a user,
 * weekly hours and appointment types, each step one keypress away, to a
 * first booking.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusedLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ?? '');

interface Words {
  language: 'es' | 'en';
  practice: string;
  create: string;
  schedule: string;
  checklist: string;
  progress: (done: number) => string;
  done: string;
  missing: string;
  steps: { operatories: string; providers: string; hours: string; types: string };
  go: { operatories: string; providers: string; hours: string; types: string };
  setupTabs: string;
  tabs: { operatories: string; providers: string; hours: string; types: string };
  newChair: string;
  providerForm: string;
  user: string;
  givenNames: string;
  usualWeek: string;
  saveHours: string;
  addUsual: string;
  typesTable: string;
  added: string;
  nothingAdded: string;
  dayGrid: RegExp;
}

const ES: Words = {
  language: 'es',
  practice: 'Clínica Dental Los Aromos',
  create: 'Crear consulta',
  schedule: 'Agenda',
  checklist: 'Prepare la agenda',
  progress: (done) => `${done} de 4 pasos listos`,
  done: 'Listo',
  missing: 'Falta',
  steps: { operatories: 'Sillones', providers: 'Profesional vinculado a un usuario', hours: 'Horario semanal', types: 'Tipos de cita' },
  go: { operatories: 'Agregar sillones', providers: 'Agregar un profesional', hours: 'Definir el horario', types: 'Agregar tipos de cita' },
  setupTabs: 'Secciones de la configuración de la agenda',
  tabs: { operatories: 'Sillones', providers: 'Profesionales', hours: 'Horarios', types: 'Tipos de cita' },
  newChair: 'Nombre del sillón nuevo',
  providerForm: 'Agregar profesional',
  user: 'Usuario vinculado',
  givenNames: 'Nombres',
  usualWeek: 'Usar el horario habitual',
  saveHours: 'Guardar horario',
  addUsual: 'Agregar los tipos habituales',
  typesTable: 'Tipos de cita',
  added: 'Se agregaron 7 tipos de cita.',
  nothingAdded: 'Los tipos habituales ya estaban; no se agregó ninguno.',
  dayGrid: /^Agenda del/,
};

const EN: Words = {
  language: 'en',
  practice: 'Maple Dental',
  create: 'Create practice',
  schedule: 'Schedule',
  checklist: 'Get the schedule ready',
  progress: (done) => `${done} of 4 steps done`,
  done: 'Done',
  missing: 'Missing',
  steps: { operatories: 'Chairs', providers: 'A provider linked to a user', hours: 'Weekly hours', types: 'Appointment types' },
  go: { operatories: 'Add chairs', providers: 'Add a provider', hours: 'Set the hours', types: 'Add appointment types' },
  setupTabs: 'Schedule setup sections',
  tabs: { operatories: 'Chairs', providers: 'Providers', hours: 'Hours', types: 'Appointment types' },
  newChair: 'New chair name',
  providerForm: 'Add provider',
  user: 'Linked user',
  givenNames: 'Given names',
  usualWeek: 'Use the usual hours',
  saveHours: 'Save hours',
  addUsual: 'Add the usual types',
  typesTable: 'Appointment types',
  added: '7 appointment types added.',
  nothingAdded: 'The usual types were already there; none added.',
  dayGrid: /^Schedule for/,
};

/** The first screen, filled in by keyboard: Tab from field to field, Enter to create. */
async function createPractice(page: Page, w: Words) {
  if (w.language === 'en') {
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('heading', { name: 'Set up the practice' })).visible();
  }
  const labels =
    w.language === 'es'
      ? { name: 'Nombre de la consulta', given: 'Nombres', first: 'Primer apellido', user: 'Nombre de usuario', password: 'Contraseña', again: 'Repita la contraseña', phrase: 'Frase de seguridad', phraseAgain: 'Repita la frase de seguridad' }
      : { name: 'Practice name', given: 'Given names', first: 'First surname', user: 'Username', password: 'Password', again: 'Repeat the password', phrase: 'Passphrase', phraseAgain: 'Repeat the passphrase' };
  await page.getByLabel(labels.name).fill(w.practice);
  if (w.language === 'en') await page.getByLabel('Practice language').selectOption('en');
  await page.getByLabel(labels.given, { exact: true }).fill('Ana María');
  await page.getByLabel(labels.first).fill('Pérez');
  await page.getByLabel(labels.user).fill('admin');
  await page.getByLabel(labels.password, { exact: true }).fill('clave-admin-1');
  await page.getByLabel(labels.again).fill('clave-admin-1');
  await page.getByLabel(labels.phrase, { exact: true }).fill(PASSPHRASE);
  await page.getByLabel(labels.phraseAgain).fill(PASSPHRASE);
  await expectAccessible(page);
  await page.getByRole('button', { name: w.create }).press('Enter');
  await ui(page.getByRole('heading', { name: w.schedule, level: 2 }), 30_000).visible();
}

const checklistOf = (page: Page, w: Words) => page.getByRole('region', { name: w.checklist });
const stepOf = (page: Page, w: Words, step: keyof Words['steps']) => checklistOf(page, w).getByRole('listitem').filter({ hasText: w.steps[step] });

/** Presses a step's button in the checklist and lands on its setup tab, with the keyboard in its first control. */
async function openStep(page: Page, w: Words, step: keyof Words['steps']) {
  const button = checklistOf(page, w).getByRole('button', { name: w.go[step] });
  await button.focus();
  await page.keyboard.press('Enter');
  const tab = page.getByRole('tablist', { name: w.setupTabs }).getByRole('tab', { name: w.tabs[step], exact: true });
  await ui(tab).hasAttribute('aria-selected', 'true');
}

async function runFirstHour(app: RunningApp, w: Words) {
  const { page } = app;
  await createPractice(page, w);

  // An empty practice: the schedule is a checklist of four missing steps, each a link to its setup.
  const checklist = checklistOf(page, w);
  await ui(checklist).visible();
  await ui(checklist).containsText(w.progress(0));
  for (const step of ['operatories', 'providers', 'hours', 'types'] as const) await ui(stepOf(page, w, step)).containsText(w.missing);
  await screenshot(page, `first-hour-checklist-${w.language}`);
  await expectAccessible(page);

  // 1. Chairs: the name field has the keyboard; Enter adds it.
  await openStep(page, w, 'operatories');
  const chairName = page.getByLabel(w.newChair);
  await expect.poll(() => isFocused(chairName)).toBe(true);
  await page.keyboard.type(w.language === 'es' ? 'Sillón 1' : 'Chair 1');
  await page.keyboard.press('Enter');
  await ui(stepOf(page, w, 'operatories')).containsText(w.done);
  const chair = w.language === 'es' ? 'Sillón 1' : 'Chair 1';
  await ui(page.getByRole('table', { name: w.tabs.operatories }).getByRole('button', { name: `${w.language === 'es' ? 'Desactivar' : 'Deactivate'} ${chair}` })).visible();
  await ui(checklist).containsText(w.progress(1));
  await expectAccessible(page);

  // 2. A provider linked to a user: choosing the user fills in the name.
  await openStep(page, w, 'providers');
  const providerForm = page.getByRole('form', { name: w.providerForm });
  const user = providerForm.getByLabel(w.user);
  await expect.poll(() => isFocused(user)).toBe(true);
  // The arrow chooses the first user only once the list of users has arrived.
  await expect.poll(() => user.locator('option').count()).toBeGreaterThan(1);
  await page.keyboard.press('ArrowDown');
  await ui(providerForm.getByLabel(w.givenNames, { exact: true })).hasValue('Ana María');
  await providerForm.getByLabel(w.givenNames, { exact: true }).press('Enter');
  await ui(stepOf(page, w, 'providers')).containsText(w.done);
  const providers = page.getByRole('table', { name: w.tabs.providers });
  await ui(providers).containsText('Ana María Pérez');
  // Linked to the admin's own account.
  const link = providers.getByRole('combobox', { name: `${w.user} ${w.language === 'es' ? 'de' : 'of'} Ana Pérez` });
  expect(await link.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe('Ana María Pérez');
  await screenshot(page, `first-hour-provider-${w.language}`);
  await expectAccessible(page);

  // 3. Weekly hours: the usual week in one keypress, then saved.
  await openStep(page, w, 'hours');
  const usual = page.getByRole('button', { name: new RegExp(w.usualWeek) });
  await expect.poll(() => isFocused(usual)).toBe(true);
  await screenshot(page, `first-hour-hours-start-${w.language}`);
  await page.keyboard.press('Enter');
  const save = page.getByRole('button', { name: w.saveHours });
  await expect.poll(() => isFocused(save)).toBe(true);
  await screenshot(page, `first-hour-hours-${w.language}`);
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await ui(stepOf(page, w, 'hours')).containsText(w.done);

  // 4. Appointment types: "add the usual ones"; pressed twice, nothing doubles.
  await openStep(page, w, 'types');
  const addUsual = page.getByRole('button', { name: w.addUsual });
  await expect.poll(() => isFocused(addUsual)).toBe(true);
  await page.keyboard.press('Enter');
  await ui(page.getByRole('status').filter({ hasText: w.added })).visible();
  const types = page.getByRole('table', { name: w.typesTable });
  await ui(types.locator('tbody tr')).hasCount(7);
  await addUsual.focus();
  await page.keyboard.press('Enter');
  await ui(page.getByRole('status').filter({ hasText: w.nothingAdded })).visible();
  await ui(types.locator('tbody tr')).hasCount(7);
  await screenshot(page, `first-hour-types-${w.language}`);
  await expectAccessible(page);

  // Every step done: the checklist goes away and the day grid takes its place.
  await ui(checklist).hidden();
  await ui(page.getByRole('grid', { name: w.dayGrid })).visible();
}

describe('the first hour of a new practice', () => {
  let app: RunningApp | undefined;
  afterAll(async () => app?.close());

  it('in Spanish: from an empty practice, through the checklist by keyboard, to a first booking', async () => {
    app = await openApp(browser);
    const { page } = app;
    await runFirstHour(app, ES);
    await screenshot(page, 'first-hour-ready-es');

    // A first patient, and her first appointment in the next free slot.
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('form', { name: 'Nuevo paciente' });
    await ui(form).visible();
    await expect.poll(() => focusedLabel(page)).toContain('Nombres');
    await page.keyboard.type('Valentina');
    await form.getByLabel('Primer apellido').fill('Araya');
    await form.getByLabel('Segundo apellido').fill('Fuentes');
    await form.getByRole('button', { name: 'Registrar paciente' }).press('Enter');
    await ui(page.getByRole('region', { name: 'Ficha del paciente' }).getByRole('heading', { name: 'Valentina Araya Fuentes', level: 2 })).visible();
    await page.keyboard.press('Alt+b');
    const booking = page.getByRole('region', { name: 'Agendar cita' });
    await ui(booking).visible();
    await ui(booking.getByText('Próxima hora libre:')).visible();
    // The schedule side, where this screen's work is; the patient record beside it has its own axe run (patients.e2e).
    await expectAccessible(page, '[data-region="schedule"]');
    await page.keyboard.press('Control+Enter');
    await ui(page.getByText(/Cita agendada: Valentina Araya Fuentes/)).visible();
    await ui(page.getByRole('button', { name: /^\d{1,2}:\d{2} Valentina Araya Fuentes/ })).visible();
    await screenshot(page, 'first-hour-booked-es');
  });

  it('in English: the same steps, to a usable schedule', async () => {
    await app?.close();
    const english = (app = await openApp(browser, { locale: 'en-US' }));
    await runFirstHour(english, EN);
    // The usual types came in the practice's language.
    await ui(english.page.getByRole('table', { name: EN.typesTable })).containsText('Cleaning');
    await screenshot(english.page, 'first-hour-ready-en');
  });

  it('a receptionist of a practice still being set up sees the steps, without the setup buttons, and who can finish them', async () => {
    await app?.close();
    app = undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-first-hour-'));
    try {
      const { core } = await setUpPractice(dataDir);
      await addUser(core, 'receptionist', 'recepcion');
      await call(core, 'admin', 'schedule.setup.addDefaults', {});
      await core.close();
      app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
      const { page } = app;
      await page.getByLabel('Usuario', { exact: true }).fill('recepcion');
      await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
      await page.keyboard.press('Enter');
      const checklist = checklistOf(page, ES);
      await ui(checklist).visible();
      await ui(checklist).containsText(ES.progress(1));
      await ui(stepOf(page, ES, 'types')).containsText(ES.done);
      await ui(stepOf(page, ES, 'operatories')).containsText(ES.missing);
      await ui(checklist.getByRole('button')).hasCount(0);
      await ui(checklist).containsText('Un administrador puede terminar estos pasos');
      await expectAccessible(page);
      await screenshot(page, 'first-hour-receptionist-es');
    } finally {
      await app?.close();
      app = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

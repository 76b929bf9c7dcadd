import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { bookablePractice, practiceToday } from './support/bookable-practice';
import { ui } from './support/expect-ui';

/* Forms say what is wrong while they are filled in: the booking form its conflicts, the patient form a mistyped RUT. */

let browser: Browser;
let app: RunningApp;
let dataDir: string;
const today = practiceToday;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-forms-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'receptionist', 'recepcion');
  const { chair, dentist } = await bookablePractice(core);
  const patient = (givenNames: string, firstSurname: string) =>
    call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname: 'Lagos', phones: [{ number: '9 2222 3333' }] }, alerts: [] });
  const tomas = await patient('Tomás', 'Vidal');
  await patient('Valentina', 'Araya');
  const [type] = await call(core, 'admin', 'schedule.types.list', {});
  await call(core, 'admin', 'schedule.book', { patientId: tomas.id, providerId: dentist.id, operatoryId: chair.id, typeId: type!.id, startLocal: `${today}T10:00`, durationMin: 30 });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.getByLabel('Usuario', { exact: true }).fill('recepcion');
  await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
  await page.keyboard.press('Enter');
  await ui(page.getByRole('grid', { name: /^Agenda del/ })).visible();
}

describe('the setup form says every problem in one round', () => {
  it('a password mismatch and a short passphrase are both flagged on the first try', async () => {
    const fresh = await openApp(browser);
    try {
      const page = fresh.page;
      await ui(page.getByRole('heading', { name: 'Configurar la consulta' })).visible();
      // The rules are said beside the fields before anything is typed.
      await ui(page.getByText('Al menos 8 caracteres.', { exact: true })).visible();
      await ui(page.getByText(/^Al menos 12 caracteres\./)).visible();
      await page.getByLabel('Nombre de la consulta').fill('Clínica Dental Los Aromos');
      await page.getByLabel('Nombres', { exact: true }).fill('Ana María');
      await page.getByLabel('Primer apellido').fill('Pérez');
      await page.getByLabel('Nombre de usuario').fill('admin');
      await page.getByLabel('Contraseña', { exact: true }).fill('clave');
      await page.getByLabel('Repita la contraseña').fill('clave-admin-2');
      await page.getByLabel('Frase de seguridad', { exact: true }).fill('corta');
      await page.getByLabel('Repita la frase de seguridad').fill('corta');
      await page.getByRole('button', { name: 'Crear consulta' }).click();
      await ui(page.getByLabel('Repita la contraseña')).hasAttribute('aria-invalid', 'true');
      await ui(page.getByLabel('Contraseña', { exact: true })).hasAttribute('aria-invalid', 'true');
      await ui(page.getByLabel('Frase de seguridad', { exact: true })).hasAttribute('aria-invalid', 'true');
      await ui(page.getByText('La contraseña debe tener al menos 8 caracteres.')).visible();
      await ui(page.getByText('La frase de seguridad debe tener al menos 12 caracteres.')).visible();
      await screenshot(page, 'setup-one-round-es');
      expect(fresh.core.vault.state).toBe('setup');
    } finally {
      await fresh.close();
    }
  });
});

describe('the patient form checks the RUT on leaving the field', () => {
  it('a wrong check digit is said beside the field before saving, and goes once corrected', async () => {
    // A workstation of its own (its own session), so the booking test below starts signed out.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
    const page = await context.newPage();
    await page.goto(app.host.url);
    await signIn(page);
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('form', { name: 'Nuevo paciente' });
    await ui(form).visible();
    const documentField = form.getByLabel('Número de documento');
    await documentField.fill('12.345.678-4');
    await documentField.press('Tab');
    await ui(documentField).hasAttribute('aria-invalid', 'true');
    const describedBy = await documentField.getAttribute('aria-describedby');
    await ui(page.locator(`[id="${describedBy}"]`)).containsText('El RUT no es válido');
    await documentField.scrollIntoViewIfNeeded();
    await screenshot(page, 'patient-rut-blur-es');
    // Typing again does not nag; leaving the field with the right digit clears it.
    await documentField.fill('123456785');
    await ui(form.getByText('El RUT no es válido', { exact: false })).hasCount(0);
    await documentField.press('Tab');
    await ui(documentField).hasValue('12.345.678-5');
    await ui(form.getByText('El RUT no es válido', { exact: false })).hasCount(0);
    // In English too.
    await documentField.fill('12.345.678-4');
    await documentField.press('Tab');
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('form', { name: 'New patient' }).getByText('This RUT is not valid', { exact: false })).visible();
    await screenshot(page, 'patient-rut-blur-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await context.close();
  });
});

describe('conflicts show while booking', () => {
  it('a time taken by another appointment is flagged as soon as it is chosen, in Spanish and in English', async () => {
    const { page } = app;
    await signIn(page);
    await page.keyboard.press('/');
    await page.keyboard.type('Valentina Araya');
    await ui(page.getByRole('option', { name: /Valentina Araya/ })).visible();
    await page.keyboard.press('Enter');
    await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
    await page.keyboard.press('Alt+b');
    const form = page.getByRole('region', { name: 'Agendar cita' });
    await ui(form.getByText('Próxima hora libre:')).visible();
    const live = form.getByRole('status').filter({ hasText: 'Conflictos a esta hora' });
    // The next free slot has none.
    await ui(live).hasCount(0);

    // Tomás's time, with the same dentist and chair: both are flagged, before anything is sent.
    await form.getByLabel('Fecha', { exact: true }).fill(today);
    await form.getByLabel('Hora', { exact: true }).fill('10:15');
    await ui(live).containsText('El profesional ya tiene otra cita a esa hora');
    await ui(live).containsText('El sillón ya está ocupado a esa hora');
    await live.scrollIntoViewIfNeeded();
    await screenshot(page, 'booking-live-conflicts-es');
    // Still the form: nothing was booked.
    await ui(form.getByRole('button', { name: 'Agendar' })).visible();

    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const liveEn = page.getByRole('region', { name: 'Book appointment' }).getByRole('status').filter({ hasText: 'Conflicts at this time' });
    await ui(liveEn).containsText('The provider already has another appointment then');
    await liveEn.scrollIntoViewIfNeeded();
    await screenshot(page, 'booking-live-conflicts-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');

    // A free time clears the warning.
    await form.getByLabel('Hora', { exact: true }).fill('12:00');
    await ui(live).hasCount(0);
  });
});

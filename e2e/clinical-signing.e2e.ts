import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * Signing locks a clinical record for good, so it is never one click: the
 * dentist is asked, told it cannot be undone and that addenda remain, and for
 * a perio exam with empty sites, told how many are empty. Cancelling leaves
 * the record a draft; confirming signs it.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-signing-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'dentist', 'dentista');
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Elena', firstSurname: 'Fuentes', secondSurname: 'Mora', birthDate: '1975-06-20', phones: [{ number: '9 7123 4567' }] },
    alerts: [],
  });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
  const page = app.page;
  await page.getByLabel('Usuario', { exact: true }).fill('dentista');
  await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('elena fu');
  await page.getByRole('option', { name: /Elena/ }).first().click();
  await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function setLanguage(page: Page, language: 'es' | 'en') {
  const current = page.getByRole('combobox', { name: language === 'en' ? 'Idioma' : 'Language', exact: true });
  if ((await current.count()) > 0) await current.selectOption(language);
  await ui(page.getByRole('combobox', { name: language === 'en' ? 'Language' : 'Idioma', exact: true })).visible();
}

describe('signing is deliberate', () => {
  it('a perio exam with empty sites asks first, in Spanish, with how many are empty; cancelling leaves it a draft, confirming signs it', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Periodontograma' }).click();
    await page.getByRole('button', { name: 'Iniciar examen' }).click();
    const grid = page.getByRole('application', { name: 'Periodontograma' });
    await grid.focus();
    // Six depths of 32 teeth × 6 sites: 186 of 192 are left empty.
    await page.keyboard.type('323434');
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    const dialog = page.getByRole('dialog', { name: '¿Firmar el examen periodontal?' });
    await ui(dialog).visible();
    await ui(dialog).containsText('no se puede deshacer');
    await ui(dialog).containsText('adenda');
    await ui(dialog.getByRole('alert')).containsText('186 de 192 sitios');
    await screenshot(page, 'sign-perio-confirm-es');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await ui(dialog).hidden();
    await ui(page.getByText(/Firmado por/)).hasCount(0);
    await ui(page.locator('#perio-exam-title')).containsText('Borrador');
    // Escape cancels too.
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    await ui(dialog).visible();
    await page.keyboard.press('Escape');
    await ui(dialog).hidden();
    await ui(page.getByText(/Firmado por/)).hasCount(0);
    // The draft stays editable.
    await grid.focus();
    await page.keyboard.type('2');
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    await ui(dialog.getByRole('alert')).containsText('185 de 192 sitios');
    await dialog.getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(dialog).hidden();
    await ui(page.getByText(/Firmado por/)).visible();
    await ui(page.locator('#perio-exam-title')).containsText('Firmado');
  });

  it('the same warning in English, and a complete exam carries no warning', async () => {
    const page = app.page;
    await setLanguage(page, 'en');
    await page.getByRole('button', { name: 'New exam' }).click();
    // Until main answers, the signed exam is still the one on screen: type into the new draft, not into it.
    await ui(page.locator('#perio-exam-title')).containsText('Draft');
    const grid = page.getByRole('application', { name: 'Perio chart' });
    await grid.focus();
    await page.keyboard.type('3333');
    await page.getByRole('button', { name: 'Sign exam' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign the perio exam?' });
    await ui(dialog).visible();
    await ui(dialog).containsText('cannot be undone');
    await ui(dialog).containsText('addend');
    await ui(dialog.getByRole('alert')).containsText('188 of 192 sites');
    await screenshot(page, 'sign-perio-confirm-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await ui(dialog).hidden();
    await ui(page.getByText(/Signed by/)).hasCount(0);
    // Every site filled in: the question stays, the warning goes.
    await grid.focus();
    await page.keyboard.type('3'.repeat(188));
    await page.getByRole('button', { name: 'Sign exam' }).click();
    await ui(dialog).visible();
    await ui(dialog.getByRole('alert')).hasCount(0);
    await dialog.getByRole('button', { name: 'Sign', exact: true }).click();
    await ui(page.getByText(/Signed by/)).visible();
    await setLanguage(page, 'es');
  });

  it('a SOAP note asks before it is signed, in Spanish and in English', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Notas' }).click();
    await page.getByRole('button', { name: 'Nueva nota' }).click();
    const editor = page.getByRole('form', { name: 'Editar nota' });
    await editor.locator('textarea').first().fill('Sensibilidad en 26.');
    await editor.getByRole('button', { name: 'Guardar borrador' }).click();
    await page.getByRole('button', { name: 'Firmar nota' }).click();
    const es = page.getByRole('dialog', { name: '¿Firmar la nota clínica?' });
    await ui(es).visible();
    await ui(es).containsText('no se puede deshacer');
    await ui(es).containsText('adendas');
    await screenshot(page, 'sign-note-confirm-es');
    // Focus goes into the dialog, on the harmless choice, and back to the button that opened it.
    expect(await focusedName(page)).toBe('Cancelar');
    await es.getByRole('button', { name: 'Cancelar' }).click();
    await ui(es).hidden();
    await ui(page.getByText(/Firmada por/)).hasCount(0);
    expect(await focusedName(page)).toBe('Firmar nota');

    await setLanguage(page, 'en');
    // By keyboard alone: Enter on Sign note opens it, Tab moves from Cancel to Sign, Enter signs.
    await page.getByRole('button', { name: 'Sign note' }).focus();
    await page.keyboard.press('Enter');
    const en = page.getByRole('dialog', { name: 'Sign the clinical note?' });
    await ui(en).visible();
    await ui(en).containsText('cannot be undone');
    await ui(en).containsText('addenda');
    await screenshot(page, 'sign-note-confirm-en');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Sign');
    await page.keyboard.press('Enter');
    await ui(en).hidden();
    await ui(page.getByText(/Signed by/)).visible();
    // The Sign button is gone; the keyboard goes on from the note's heading, not from <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note-view-title');
    // Main holds it signed, not only the screen.
    const notes = await call(app.core, 'check', 'notes.list', { patientId: await patientId() });
    expect(notes.map((n) => n.status)).toEqual(['signed']);

    // An addendum is signed as it is added, so it asks too; Escape keeps the text unsent.
    // (The label wraps the textarea, so its name goes on with what is typed.)
    const text = page.getByRole('textbox', { name: /^Addendum/ });
    await text.fill('Control sin dolor.');
    await page.getByRole('button', { name: 'Add and sign addendum' }).click();
    const addendum = page.getByRole('dialog', { name: 'Add and sign the addendum?' });
    await ui(addendum).containsText('cannot be undone');
    await page.keyboard.press('Escape');
    await ui(addendum).hidden();
    await ui(page.getByText(/Addendum by/)).hasCount(0);
    await ui(text).hasValue('Control sin dolor.');
    await page.getByRole('button', { name: 'Add and sign addendum' }).click();
    await addendum.getByRole('button', { name: 'Add and sign', exact: true }).click();
    await ui(page.getByText(/Addendum by/)).visible();
    await ui(text).hasValue('');
    await setLanguage(page, 'es');
  });
});

/** The accessible text of whatever has the keyboard focus. */
function focusedName(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim());
}

async function patientId(): Promise<string> {
  await call(app.core, 'check', 'auth.signIn', { username: 'dentista', password: 'user-password-1' } as never);
  const [found] = await call(app.core, 'check', 'patients.search', { query: 'elena', limit: 5 });
  expect(found).toBeDefined();
  return found!.id;
}

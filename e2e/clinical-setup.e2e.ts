import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-clinical-setup-'));
  const { core } = await setUpPractice(dataDir);
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** The admin is signed in on the core's own connection only; the browser signs in through the form. */
async function signInIfAsked(page: Page) {
  const user = page.getByLabel('Usuario', { exact: true });
  const nav = page.getByRole('navigation');
  await Promise.race([user.waitFor({ timeout: 15_000 }), nav.waitFor({ timeout: 15_000 })]);
  if (await user.isVisible()) {
    await user.fill(ADMIN.username);
    await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
  }
  await ui(nav).visible();
}

async function openSetup(page: Page) {
  await page.getByRole('navigation').getByRole('button', { name: 'Config. clínica', exact: true }).click();
  await ui(page.getByRole('region', { name: 'Configuración clínica' })).visible();
}

describe('clinical setup', () => {
  it('the admin adds a procedure and changes the planned colour; both persist after reload', async () => {
    const page = app.page;
    await signInIfAsked(page);
    await openSetup(page);
    const panel = page.getByRole('region', { name: 'Configuración clínica' });

    await panel.getByRole('button', { name: 'Agregar procedimiento' }).click();
    const form = panel.getByRole('form', { name: 'Nuevo procedimiento' });
    await form.getByLabel('Código', { exact: true }).fill('ZX01');
    await form.getByLabel('Nombre en español', { exact: true }).fill('Blanqueamiento de prueba');
    await form.getByLabel('Nombre en inglés', { exact: true }).fill('Test whitening');
    await form.getByLabel('Área de registro', { exact: true }).selectOption('mouth');
    await form.getByRole('button', { name: 'Guardar' }).click();
    await ui(panel.getByRole('cell', { name: 'ZX01', exact: true })).visible();

    await panel.getByRole('tab', { name: 'Odontograma y periodontograma' }).click();
    const planned = panel.getByLabel('Color: Planificado', { exact: true });
    expect(await planned.inputValue()).toBe('#cc3311');
    await planned.fill('#ff00aa');
    await panel.getByRole('button', { name: 'Guardar cambios' }).click();
    await ui(panel.getByText('Cambios guardados.')).visible();
    await expectAccessible(page);
    await screenshot(page, 'clinical-setup-es');

    await page.reload();
    await signInIfAsked(page);
    await openSetup(page);
    const again = page.getByRole('region', { name: 'Configuración clínica' });
    await ui(again.getByRole('cell', { name: 'ZX01', exact: true })).visible();
    await ui(again.getByRole('cell', { name: 'Blanqueamiento de prueba', exact: true })).visible();
    await again.getByRole('tab', { name: 'Odontograma y periodontograma' }).click();
    expect(await again.getByLabel('Color: Planificado', { exact: true }).inputValue()).toBe('#ff00aa');

    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const en = page.getByRole('region', { name: 'Clinical setup' });
    await ui(en.getByRole('tab', { name: 'Catalog' })).visible();
    await en.getByRole('tab', { name: 'Catalog' }).click();
    await ui(en.getByRole('cell', { name: 'Test whitening', exact: true })).visible();
    await expectAccessible(page);
    await screenshot(page, 'clinical-setup-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, SCREENSHOT_DIR, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-plans-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'dentist', 'dentista');
  await call(core, 'admin', 'chart.procedures.upsert', { code: 'COR-CER', name: { es: 'Corona cerámica libre de metal', en: 'All-ceramic crown' }, category: 'prosthodontic', area: 'tooth', resultsIn: 'crown', feeMinor: 350_000 });
  await call(core, 'admin', 'chart.procedures.upsert', {
    code: 'RES-C2',
    name: { es: 'Restauración de resina compuesta, 2 superficies', en: 'Composite restoration, 2 surfaces' },
    category: 'restorative',
    area: 'surface',
    surfacesRequired: true,
    surfaceCount: 2,
    feeMinor: 45_000,
  });
  for (const [givenNames, firstSurname] of [
    ['Rosa', 'Valdés'],
    ['Grace', 'Hopper'],
  ] as const) {
    await call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname: 'Rojas', birthDate: '1968-04-11', phones: [{ number: '9 6123 4567' }] }, alerts: [] });
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
  await page.getByLabel('Usuario', { exact: true }).fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
}

async function openPatient(page: Page, text: string, name: RegExp, search = 'Buscar paciente') {
  await page.getByRole('combobox', { name: search }).fill(text);
  await page.getByRole('option', { name }).first().click();
}

/** A crown on 26 and a filling on 36 OD, from the catalog, by label. */
async function buildPlan(page: Page, l: { newEmpty: string; procedure: string; tooth: string; surfaces: string; add: string }) {
  await page.getByRole('button', { name: l.newEmpty }).click();
  await page.getByLabel(l.procedure, { exact: true }).selectOption('COR-CER');
  await page.getByLabel(l.tooth, { exact: true }).fill('26');
  await page.getByRole('button', { name: l.add, exact: true }).click();
  await ui(page.getByRole('checkbox', { name: /COR-CER .* 26/ })).visible();
  await page.getByLabel(l.procedure, { exact: true }).selectOption('RES-C2');
  await page.getByLabel(l.tooth, { exact: true }).fill('36');
  await page.getByLabel(l.surfaces, { exact: true }).fill('OD');
  await page.getByRole('button', { name: l.add, exact: true }).click();
  await ui(page.getByRole('checkbox', { name: /RES-C2 .* 36/ })).visible();
}

async function printQuote(page: Page, button: string, file: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const done = await download;
  const path = join(SCREENSHOT_DIR, file);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await done.saveAs(path);
  return done.suggestedFilename();
}

describe('treatment plans', () => {
  it('the dentist builds a plan (crown on 26, filling on 36), prints the quote and records the acceptance signed on screen', async () => {
    const page = app.page;
    await signIn(page, 'dentista');
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Presupuestos', exact: true }).click();
    await ui(page.getByText('Este paciente no tiene presupuestos.')).visible();
    await expectAccessible(page);
    await buildPlan(page, { newEmpty: 'Nuevo presupuesto vacío', procedure: 'Procedimiento', tooth: 'Diente', surfaces: 'Superficies', add: 'Agregar' });
    const total = page.getByRole('row', { name: /Total del presupuesto/ });
    await ui(total).containsText('395.000');
    // Keyboard reorder: Alt+Down on the crown's row moves it below the filling.
    await page.getByRole('checkbox', { name: /COR-CER .* 26/ }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await ui(page.getByRole('status').filter({ hasText: 'ahora en la fase' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'plans-es-built');

    const fileName = await printQuote(page, 'Imprimir presupuesto', 'plans-quote-es.pdf');
    expect(fileName).toMatch(/^presupuesto-valdes-rosa-\d{4}-\d{2}-\d{2}\.pdf$/);

    await page.getByRole('button', { name: 'Registrar aceptación' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrar la respuesta del paciente' });
    await ui(dialog).visible();
    await expectAccessible(page);
    // The patient signs on the pad with the pointer.
    const pad = dialog.getByRole('img', { name: /Recuadro de firma/ });
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 25, box.y + box.height * (0.6 + 0.25 * Math.sin(i)));
    await page.mouse.up();
    await ui(pad).hasAttribute('aria-label', 'Recuadro de firma: firme con el mouse, el lápiz o el dedo: Firma dibujada');
    await screenshot(page, 'plans-es-signing');
    await dialog.getByRole('button', { name: 'Guardar la aceptación' }).click();
    await ui(dialog).hidden();
    await ui(page.getByRole('status').filter({ hasText: 'Respuesta del paciente guardada' })).visible();
    await ui(page.getByRole('row', { name: /COR-CER/ })).containsText('Aceptado');
    await ui(page.getByRole('img', { name: /Firma de Rosa/ })).visible();
    await expectAccessible(page);
    await screenshot(page, 'plans-es-accepted');
    await printQuote(page, 'Imprimir presupuesto', 'plans-quote-es-signed.pdf');
  });

  it('in English: the same plan, accepted by typing the name (the keyboard alternative)', async () => {
    const page = app.page;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('combobox', { name: 'Language', exact: true })).visible();
    await openPatient(page, 'grace hop', /Grace/, 'Find patient');
    await page.getByRole('tab', { name: 'Treatment plans', exact: true }).click();
    await buildPlan(page, { newEmpty: 'New empty plan', procedure: 'Procedure', tooth: 'Tooth', surfaces: 'Surfaces', add: 'Add' });
    await ui(page.getByRole('row', { name: /Plan total/ })).containsText('395,000');
    await expectAccessible(page);
    await screenshot(page, 'plans-en-built');
    const fileName = await printQuote(page, 'Print quote', 'plans-quote-en.pdf');
    expect(fileName).toMatch(/^quote-hopper-grace-/);

    await page.getByRole('button', { name: 'Record acceptance' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record the patient’s answer' });
    await dialog.getByRole('radio', { name: 'Types their name (keyboard alternative)' }).check();
    await dialog.getByLabel('Name of the signer').fill('Grace Hopper Rojas');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Save the acceptance' }).click();
    await ui(dialog).hidden();
    await ui(page.getByRole('row', { name: /RES-C2/ })).containsText('Accepted');
    await ui(page.getByText(/Accepted in full · Grace Hopper Rojas/)).visible();
    await expectAccessible(page);
    await screenshot(page, 'plans-en-accepted');
    await printQuote(page, 'Print quote', 'plans-quote-en-signed.pdf');
  });

  it('the accepted treatment waits in the schedule lists, to be booked from there', async () => {
    const page = app.page;
    await page.getByRole('navigation').getByRole('button', { name: 'Lists', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Schedule lists' });
    await panel.getByRole('tab', { name: 'Treatment to book' }).click();
    await ui(panel.getByRole('button', { name: /Book COR-CER 26 for Rosa Valdés Rojas/ })).visible();
    await ui(panel.getByRole('button', { name: /Book RES-C2 36 OD for Grace Hopper Rojas/ })).visible();
    await expectAccessible(page);
    await screenshot(page, 'plans-en-to-book');
  });

  it('the admin keeps the fee schedules: a FONASA agreement list, a price list imported as CSV with a bad row reported', async () => {
    const page = app.page;
    await page.getByRole('button', { name: /Sign out|Cerrar sesión/ }).click();
    await page.getByLabel(/^(Usuario|Username)$/).fill('admin');
    await page.getByLabel(/^(Contraseña|Password)$/).fill('admin-password-1');
    await page.getByRole('button', { name: /^(Ingresar|Sign in)$/ }).click();
    await page.getByRole('navigation').getByRole('button', { name: 'Aranceles', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Listas de aranceles' });
    await ui(panel.getByRole('table', { name: 'Listas' })).visible();
    await panel.getByLabel('Nombre de la lista').fill('Convenio FONASA');
    await panel.getByLabel('Tipo', { exact: true }).selectOption('fonasa');
    await panel.getByRole('button', { name: 'Guardar la lista' }).click();
    await ui(panel.getByRole('heading', { name: 'Aranceles de Convenio FONASA' })).visible();
    await panel.getByLabel('Archivo CSV').setInputFiles({ name: 'fonasa.csv', mimeType: 'text/csv', buffer: Buffer.from('codigo;arancel;cobertura\nRES-C2;30.000;70%\nNOPE-9;1.000;\n', 'utf8') });
    await panel.getByRole('button', { name: 'Importar', exact: true }).click();
    await ui(panel.getByRole('status').filter({ hasText: '1 arancel importado' })).visible();
    await ui(panel.getByText('Línea 3: El código «NOPE-9» no está en el catálogo.')).visible();
    await ui(panel.getByLabel('Arancel de RES-C2')).hasValue('30000');
    await expectAccessible(page);
    await screenshot(page, 'plans-es-fee-schedules');
  });
});

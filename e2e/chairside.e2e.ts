import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;
let childId = '';

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-chairside-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'dentist', 'dentista');
  await addUser(core, 'hygienist', 'higienista');
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', phones: [{ number: '9 6123 4567' }] },
    alerts: [],
  });
  const child = await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Tomás', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '2006-02-01', phones: [{ number: '9 2222 3333' }] },
    alerts: [],
  });
  childId = (child as { patient?: { id: string }; id?: string }).patient?.id ?? (child as { id: string }).id;
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

/** Another workstation: a browser context of its own, so its own session. */
async function newWindow(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
  const page = await context.newPage();
  await page.goto(app.host.url);
  return page;
}

async function openPatient(page: Page, text: string, name: RegExp) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.getByRole('option', { name }).first().click();
  await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
}

async function press(page: Page, key: string, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

describe('chairside', () => {
  it('a dentist charts a planned MOD filling on 36 and a missing 18 with the keyboard only; the text view lists both', async () => {
    const page = app.page;
    await signIn(page, 'dentista');
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Odontograma', exact: true }).last().click();
    const board = page.getByRole('application', { name: 'Odontograma' });
    await board.focus();
    // The first arrow lands on 18 (upper right, on the viewer's left); down to 48, then right along the lower row to 36.
    await press(page, 'ArrowRight');
    await ui(page.getByTestId('chart-selection')).containsText('18');
    await press(page, 'ArrowDown');
    await press(page, 'ArrowRight', 13);
    await ui(page.getByTestId('chart-selection')).containsText('36');
    await page.keyboard.type('mod');
    await ui(page.getByTestId('chart-selection')).containsText('36 MOD');
    await press(page, 'Enter');
    await page.keyboard.type('resina 3');
    await press(page, 'Enter');
    await ui(page.getByText(/Registrado: 36 MOD: Restauración de resina compuesta, 3 superficies — Planificado/)).visible();
    // Up to 26, then left along the upper row to 18.
    await press(page, 'ArrowUp');
    await press(page, 'ArrowLeft', 13);
    await ui(page.getByTestId('chart-selection')).containsText('18');
    await press(page, 'Enter');
    await page.keyboard.type('ausente');
    await press(page, 'Enter');
    await ui(page.getByText('Registrado: 18: Ausente')).visible();
    await page.getByRole('button', { name: 'Vista de texto' }).click();
    const text = page.getByRole('region', { name: 'Hallazgos por diente' });
    await ui(text.getByText('Diente 18')).visible();
    await ui(text.getByText('Ausente')).visible();
    await ui(text.getByText('Diente 36')).visible();
    await ui(text.getByText('Restauración de resina compuesta, 3 superficies — MOD — Planificado')).visible();
    await expectAccessible(page);
    // Undo and redo go through the same named actions.
    await board.focus();
    await press(page, 'Control+z');
    await ui(text.getByText('Diente 18')).hasCount(0);
    await press(page, 'Control+Shift+z');
    await ui(text.getByText('Diente 18')).visible();
    // The odontogram's own keys are listed in the `?` overlay, from the same registry.
    await press(page, '?');
    const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await ui(help.getByRole('heading', { name: 'Odontograma (con el odontograma enfocado)' })).visible();
    await ui(help.getByText('Marcar o desmarcar superficies', { exact: false })).visible();
    await ui(help.getByText('Furca (Hamp) en la entrada de ese sitio: siguiente grado')).visible();
    await expectAccessible(page);
    await press(page, 'Escape');
    await ui(help).hidden();
    await board.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'chart-permanent-es');
    await board.screenshot({ path: 'e2e/screenshots/chart-odontogram-es.png' });
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('tab', { name: 'Chart' })).visible();
    await page.getByRole('application', { name: 'Odontogram' }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'chart-permanent-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });

  it('shows a mixed dentition in the right places', async () => {
    const page = app.page;
    await openPatient(page, 'tomas val', /Tomás/);
    await page.getByRole('tab', { name: 'Odontograma', exact: true }).last().click();
    await page.getByLabel('Dentición').selectOption('mixed');
    await ui(page.getByText('Dentición: Mixta')).visible();
    await ui(page.locator('[data-tooth="A"]')).visible();
    await page.getByRole('application', { name: 'Odontograma' }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'chart-mixed-es');
    void childId;
  });

  it('a hygienist enters a full-mouth exam by keyboard, signs it, and the indices and staging show', async () => {
    const page = await newWindow();
    await signIn(page, 'higienista');
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Periodontograma' }).click();
    await page.getByRole('button', { name: 'Iniciar examen' }).click();
    const grid = page.getByRole('application', { name: 'Periodontograma' });
    await ui(grid).visible();
    await grid.focus();
    // 18 is missing on the chart, so the exam skips it: 31 teeth × 6 sites.
    const depths = Array.from({ length: 186 }, (_, i) => String((i * 7 + 3) % 8 + 1)).join('');
    await page.keyboard.type(depths);
    // The PD pass is done; the cursor is on the GM row.
    await ui(page.getByTestId('perio-cursor')).containsText('MG');
    // Some GM values, each site marked bleeding.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.type('1');
      await page.keyboard.type('b');
    }
    const cell = (label: string) => grid.locator(`[aria-label^="${label}:"]`);
    const head = (label: string) => grid.locator(`[aria-label="${label}"]`);
    // The 10th GM stop was 14 DV: M twice is mobility I there, F three times furcation D 2 (the entrance that site faces).
    await page.keyboard.type('mmfff');
    await ui(head('14 Movilidad (Miller): I')).visible();
    await ui(head('14 Furca D: 2')).visible();
    // The mouse too: a click on 16's buccal entrance steps none → 0 → 1.
    await head('16 Furca B: —').click();
    await head('16 Furca B: 0').click();
    await ui(head('16 Furca B: 1')).visible();
    // First stops: 17 (the first present tooth) facial DV, V, MV.
    await ui(cell('17 DV PS')).containsText(depths[0]!);
    await ui(cell('17 V PS')).containsText(depths[1]!);
    await ui(cell('17 MV PS')).containsText(depths[2]!);
    // 21 facial MV is the 8th present tooth's first site: 7 × 3 = 21.
    await ui(cell('21 MV PS')).containsText(depths[21]!);
    // The lingual pass runs back from 28 to 17: the last upper palatal stop is 17 DP.
    await ui(cell('17 DP PS')).containsText(depths[89]!);
    // The last lower lingual stop is 48 DL, the very last value typed.
    await ui(cell('48 DL PS')).containsText(depths[185]!);
    await ui(page.getByTestId('perio-bop')).containsText('5%');
    await grid.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'perio-chart-es');
    // Sign right away: signing first waits for any autosave on the wire and saves what is left, then signs that revision.
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    await page.getByRole('dialog', { name: '¿Firmar el examen periodontal?' }).getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(page.getByText(/Firmado por/)).visible();
    await expectAccessible(page);
    await ui(page.getByTestId('perio-bop')).containsText('5%');
    // What was signed is what was typed, furcation and mobility included: each tooth's column header says them.
    await ui(grid.getByRole('columnheader', { name: 'Diente 16, Furca B: 1', exact: true })).visible();
    await ui(grid.getByRole('columnheader', { name: 'Diente 14, Movilidad (Miller): I, Furca D: 2', exact: true })).visible();
    // The chart reads as two tables, one per arch, their cells named by tooth, site and row.
    await ui(grid.getByRole('table', { name: 'Arcada superior' }).getByRole('cell', { name: `17 DV PS: ${depths[0]}`, exact: true })).visible();
    await ui(page.getByText('No se pudo guardar')).hasCount(0);

    // A second exam, so there is something to compare.
    await page.getByRole('button', { name: 'Nuevo examen' }).click();
    // Until main answers, the signed exam is still the one on screen: type into the new draft, not into it.
    await ui(page.locator('#perio-exam-title')).containsText('Borrador');
    const grid2 = page.getByRole('application', { name: 'Periodontograma' });
    await grid2.focus();
    await page.keyboard.type(Array.from({ length: 186 }, (_, i) => String(i % 5 === 0 ? 6 : 3)).join(''));
    await ui(page.getByTestId('perio-cursor')).containsText('MG');
    // Signed within the autosave delay: the pending autosave is folded into the sign, and none fires after it.
    await page.getByRole('button', { name: 'Firmar examen' }).click();
    await page.getByRole('dialog', { name: '¿Firmar el examen periodontal?' }).getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(page.getByText(/Firmado por/)).visible();
    await ui(grid2.locator('[aria-label^="48 DL PS:"]')).containsText('6');
    await ui(page.getByText('No se pudo guardar')).hasCount(0);

    // Staging: a suggestion, with the rules that fired.
    await page.getByLabel('Pérdida ósea radiográfica (%)').fill('40');
    await page.getByLabel('Cigarrillos al día').fill('12');
    await page.getByRole('button', { name: 'Sugerir' }).click();
    await ui(page.getByTestId('staging-suggestion')).containsText('Sugerencia: estadio');
    expect(await page.locator('.staging-rules li').count()).toBeGreaterThan(1);
    await ui(page.getByText('Fuma 10 o más cigarrillos al día')).visible();
    await page.locator('.staging').scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'staging-es');

    await page.getByRole('button', { name: 'Comparar exámenes' }).click();
    await ui(page.getByText(/sitios peor/)).visible();
    await expectAccessible(page);
    await screenshot(page, 'perio-compare-es');
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByText(/sites worse/)).visible();
    await expectAccessible(page);
    await screenshot(page, 'perio-compare-en');
    await page.getByRole('button', { name: 'Exam', exact: true }).click();
    await page.getByRole('application', { name: 'Perio chart' }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'perio-chart-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await page.close();
  });

  it('a dentist writes and signs a SOAP note', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Notas' }).click();
    await page.getByRole('button', { name: 'Nueva nota' }).click();
    const editor = page.getByRole('form', { name: 'Editar nota' });
    await expectAccessible(page);
    await editor.locator('textarea').first().fill('Dolor al frío en 36.');
    await editor.getByRole('button', { name: 'Guardar borrador' }).click();
    await page.getByRole('button', { name: 'Firmar nota' }).click();
    await page.getByRole('dialog', { name: '¿Firmar la nota clínica?' }).getByRole('button', { name: 'Firmar', exact: true }).click();
    await ui(page.getByText(/Firmada por/)).visible();
    await expectAccessible(page);
    await screenshot(page, 'notes-es');
  });

  it('a receptionist is refused the notes', async () => {
    const page = await newWindow();
    await signIn(page, 'recepcion');
    await openPatient(page, 'rosa val', /Rosa/);
    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await ui(record.getByRole('tab', { name: 'Notas' })).hasCount(0);
    await ui(record.getByRole('tab', { name: 'Odontograma', exact: true })).hasCount(0);
    // Main refuses them too.
    await call(app.core, 'rx', 'auth.signIn', { username: 'recepcion', password: 'user-password-1' } as never);
    const patients = await call(app.core, 'rx', 'patients.search', { query: 'rosa' } as never).catch(() => null);
    void patients;
    const result = await app.core.dispatch('notes.list', { patientId: childId }, 'rx');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('FORBIDDEN');
    await page.close();
  });
});

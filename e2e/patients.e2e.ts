import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rutCheckDigit } from '../src/shared/identity/rut';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/** A valid RUT for a body of digits, formatted as people write it. */
const rut = (body: string) => `${body.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${rutCheckDigit(body)}`;

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  // The practice and a few patients are prepared through the contract, as another workstation would.
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-patients-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'patients.create', {
    draft: {
      givenNames: 'José Luis',
      firstSurname: 'González',
      secondSurname: 'Pérez',
      birthDate: '1970-05-02',
      document: { type: 'RUT', number: rut('11222333') },
      phones: [{ number: '9 6123 4567', kind: 'mobile', whatsapp: true }],
    },
    alerts: ['hypertension'],
  });
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Ana', firstSurname: 'Muñoz', secondSurname: 'Soto', birthDate: '1992-10-20', phones: [{ number: '9 2222 3333' }] },
    alerts: ['allergy_latex', 'asthma'],
  });
  // The same person registered twice, by phone: the admin merges them later.
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Ana María', firstSurname: 'Muñoz', secondSurname: 'Soto', phones: [{ number: '9 2222 3333' }] },
    alerts: [],
  });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Usuario', { exact: true }).fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
}

/** Moves the active option with the arrows until it is the one wanted, reading it as a screen reader would. */
async function arrowTo(page: Page, search: ReturnType<Page['getByRole']>, text: string) {
  // The results answer what was typed once the option is listed; the arrows come after.
  await ui(page.getByRole('option', { name: new RegExp(`^${text}`) })).visible();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    if (active && (await page.locator(`[id="${active}"]`).textContent())?.includes(text)) return;
  }
  throw new Error(`no option with ${text}`);
}

/** The accessible name of whatever has the keyboard: its aria-label, or the text of its <label>. */
async function focusedLabel(page: Page): Promise<string | null> {
  const focused = page.locator(':focus');
  if ((await focused.count()) === 0) return null;
  const label = await focused.getAttribute('aria-label');
  if (label) return label;
  const id = await focused.getAttribute('id');
  return id ? page.locator(`label[for="${id}"]`).textContent() : null;
}

describe('the patient registry at the front desk', () => {
  it('a receptionist registers a patient; a mistyped RUT is flagged beside the field, corrected, and saved', async () => {
    const { page } = app;
    await signIn(page, 'recepcion', 'user-password-1');
    await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();

    // Alt+N opens an empty form with the keyboard already in the first field.
    await page.getByRole('heading', { name: 'Pacientes', level: 2 }).click();
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('form', { name: 'Nuevo paciente' });
    await ui(form).visible();
    await expect.poll(() => focusedLabel(page)).toContain('Nombres');
    await page.keyboard.type('María José');
    await form.getByLabel('Primer apellido').fill('González');
    await form.getByLabel('Segundo apellido').fill('Muñoz');
    await form.getByLabel('Nombre preferido').fill('Majo');
    await ui(form.getByLabel('Tipo de documento')).hasValue('RUT');
    await form.getByLabel('Número de documento').fill('12.345.678-4');
    await form.getByLabel('Fecha de nacimiento').fill('1985-03-14');
    await ui(form.getByText(/Tiene \d+ años\./)).visible();
    await form.getByLabel('Teléfono 1', { exact: true }).fill('9 8765 4321');
    await form.getByLabel('Correo electrónico').fill('majo.gonzalez@example.cl');
    await form.getByLabel('Tipo de previsión').selectOption('fonasa');
    await form.getByLabel('Tramo FONASA').selectOption('B');
    await form.getByRole('checkbox', { name: 'Alergia a la penicilina' }).check();
    await form.getByLabel('Nombres', { exact: true }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'patient-new-es');
    await form.getByRole('button', { name: 'Registrar paciente' }).click();

    // Main refuses the check digit; the message sits under the field, which takes the keyboard.
    const documentField = form.getByLabel('Número de documento');
    await ui(documentField).hasAttribute('aria-invalid', 'true');
    await ui(form.getByText('El RUT no es válido', { exact: false })).visible();
    await expect.poll(() => focusedLabel(page)).toBe('Número de documento');
    const describedBy = await documentField.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('El RUT no es válido');
    await expectAccessible(page);
    await screenshot(page, 'patient-form-errors-es');
    // Nothing was saved half-way.
    expect(await searchCount(app, 'María José')).toBe(0);

    // Typed without dots and with the right digit, it is shown formatted on leaving the field.
    await documentField.fill('123456785');
    await documentField.press('Tab');
    await ui(documentField).hasValue('12.345.678-5');
    await form.getByRole('button', { name: 'Registrar paciente' }).click();

    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await ui(record.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 })).visible();
    await ui(record.getByText('Se registró a María José González Muñoz.')).visible();
    const badges = record.getByRole('list', { name: 'Alertas médicas' }).first();
    await ui(badges.getByText('Alergia a la penicilina', { exact: true })).visible();
    await ui(record.getByText('RUT 12.345.678-5').first()).visible();
    await ui(record.getByText('FONASA, tramo B').first()).visible();
    // A receptionist is not given the medical history, so there is no tab for it.
    // Datos, Familia, the schedule's Citas, the plans (to book and record acceptance), Documentos (IDs and letters;
    // radiographs stay hidden) and the account (the front desk takes payments); nothing clinical.
    expect(await record.getByRole('tab').allInnerTexts()).toEqual(['Datos', 'Familia', 'Citas', 'Presupuestos', 'Documentos', 'Cuenta']);
    await ui(record.getByRole('tab', { name: 'Antecedentes médicos' })).hasCount(0);
    await expectAccessible(page);
    await screenshot(page, 'patient-panel-es');
  });

  it('finds the patient from anywhere with the keyboard, by part of a surname typed without accents', async () => {
    const { page } = app;
    // Start from another panel, with the keyboard on its heading.
    await page.keyboard.press('Alt+2');
    await ui(page.getByRole('heading', { name: 'Importar pacientes', level: 2 })).visible();

    await page.keyboard.press('/');
    const search = page.getByRole('combobox', { name: 'Buscar paciente' });
    await expect.poll(() => focusedLabel(page)).toBe('Buscar paciente');
    await page.keyboard.type('gonzal');
    const results = page.getByRole('listbox', { name: 'Pacientes encontrados' });
    await ui(results.getByRole('option')).hasCount(2);
    // Namesakes are told apart by age, document and phone; the alert badges come along.
    const maria = results.getByRole('option', { name: /María José/ });
    await ui(maria).containsText('RUT 12.345.678-5');
    await ui(maria).containsText('Alergia a la penicilina');
    await ui(results.getByRole('option', { name: /José Luis/ })).containsText(rut('11222333'));
    // The typed part is marked, accents and all.
    await ui(maria.locator('mark').first()).containsText('Gonzál');
    await expectAccessible(page);
    await screenshot(page, 'patient-search-es');

    await arrowTo(page, search, 'María José');
    await page.keyboard.press('Enter');
    await ui(results).hidden();
    const heading = page.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 });
    await ui(heading).visible();
    await expect.poll(() => page.locator(':focus').textContent()).toBe('María José “Majo” González Muñoz');

    // Ctrl+F works from inside a field too; "munoz" finds both Muñoz.
    await page.getByRole('tab', { name: 'Familia' }).click();
    await page.keyboard.press('ArrowLeft');
    await ui(page.getByRole('tab', { name: 'Datos', exact: true })).hasAttribute('aria-selected', 'true');
    await page.keyboard.press('Control+f');
    await expect.poll(() => focusedLabel(page)).toBe('Buscar paciente');
    await page.keyboard.type('munoz');
    await ui(results.getByRole('option')).hasCount(3);
    const ana = results.getByRole('option', { name: /^Ana Muñoz Soto/ });
    await ui(ana).containsText('Alergia al látex');
    await arrowTo(page, search, 'Ana Muñoz Soto');
    await page.keyboard.press('Enter');
    await ui(page.getByRole('heading', { name: 'Ana Muñoz Soto', level: 2 })).visible();
    await ui(page.getByRole('list', { name: 'Alertas médicas' }).first().getByText('Alergia al látex')).visible();

    // Escape closes the list without opening anyone.
    await page.keyboard.press('/');
    await page.keyboard.type('perez');
    await ui(results.getByRole('option')).hasCount(1);
    await page.keyboard.press('Escape');
    await ui(results).hidden();
    await ui(page.getByRole('heading', { name: 'Ana Muñoz Soto', level: 2 })).visible();
    await page.keyboard.press('Escape');
    await ui(search).hasValue('');
  });

  it('lists the new shortcuts in the ? overlay', async () => {
    const { page } = app;
    await page.getByRole('heading', { name: 'Ana Muñoz Soto', level: 2 }).click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await ui(help.getByText('Buscar paciente desde cualquier pantalla')).visible();
    await ui(help.getByText('Registrar un paciente nuevo')).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-shortcuts-es');
    await page.keyboard.press('Escape');
    await ui(help).hidden();

    // The palette offers the same search, and hands the keyboard to it.
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Buscar comandos' }).fill('buscar pac');
    await page.keyboard.press('Enter');
    await expect.poll(() => focusedLabel(page)).toBe('Buscar paciente');
    await page.keyboard.press('Escape');
  });

  it('imports a CSV with one bad row, reports the row and why, and a re-import duplicates nothing', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Buscar comandos' }).fill('importar pac');
    await page.keyboard.press('Enter');
    const panel = page.getByRole('region', { name: 'Importar pacientes' });
    await ui(panel.getByRole('heading', { name: 'Importar pacientes', level: 2 })).visible();

    const csv = [
      'Nombre;Apellido paterno;Apellido materno;RUT;Fecha de nacimiento;Teléfono;Correo',
      `Pedro;Rojas;Vidal;${rut('9876543')};15-01-1990;9 5555 1234;pedro@example.cl`,
      'Camila;Soto;Araya;12.345.678-4;30-07-1988;9 4444 3333;camila@example.cl',
      'Lucía;Fernández;;;02-11-2001;;lucia@example.cl',
    ].join('\r\n');
    await panel.getByLabel('Archivo de pacientes').setInputFiles({ name: 'pacientes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await ui(panel.getByRole('table', { name: 'Primeras filas del archivo' })).visible();
    await ui(panel.getByRole('table', { name: 'Primeras filas del archivo' })).containsText('Camila');
    // The mapping is proposed from the headers.
    await ui(panel.getByLabel('RUT o documento')).hasValue('3');
    await ui(panel.getByLabel('Primer apellido')).hasValue('1');
    await panel.getByRole('button', { name: 'Importar pacientes' }).click();

    const report = panel.getByRole('region', { name: /Resultado/ });
    await ui(report).visible();
    await ui(report.getByRole('definition').nth(1)).containsText('2');
    const rejected = report.getByRole('table', { name: 'Filas rechazadas y sus motivos' });
    await ui(rejected.getByRole('row')).hasCount(2);
    await ui(rejected.getByRole('rowheader', { name: '3' })).visible();
    await ui(rejected).containsText('RUT o documento: El RUT no es válido');
    await report.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'patient-import-report-es');

    // The imported patients are found at once.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('rojas');
    await ui(page.getByRole('listbox', { name: 'Pacientes encontrados' }).getByRole('option', { name: /Pedro Rojas Vidal/ })).visible();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');

    // Importing the same file again finds both already registered.
    await report.getByRole('button', { name: 'Importar otro archivo' }).click();
    await panel.getByLabel('Archivo de pacientes').setInputFiles({ name: 'pacientes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await panel.getByRole('button', { name: 'Importar pacientes' }).click();
    await ui(report.getByRole('definition').nth(1)).containsText('0');
    await ui(report.getByRole('definition').nth(2)).containsText('2');
  });

  it('shows the same screens in English', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const panel = page.getByRole('region', { name: 'Import patients' });
    await ui(panel.getByRole('table', { name: 'Rejected rows and their reasons' })).containsText('RUT or document: ');
    await panel.getByRole('region', { name: /Result/ }).scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'patient-import-report-en');

    await page.keyboard.press('Control+f');
    await page.keyboard.type('gonz');
    const results = page.getByRole('listbox', { name: 'Patients found' });
    await ui(results.getByRole('option', { name: /María José/ })).containsText('Penicillin allergy');
    await expectAccessible(page);
    await screenshot(page, 'patient-search-en');
    await arrowTo(page, page.getByRole('combobox', { name: 'Find patient' }), 'María José');
    await page.keyboard.press('Enter');
    const record = page.getByRole('region', { name: 'Patient record' });
    await ui(record.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 })).visible();
    await ui(record.getByRole('list', { name: 'Medical alerts' }).first().getByText('Penicillin allergy', { exact: true })).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-panel-en');

    // A duplicate document is named, beside the field, in English.
    await page.keyboard.press('Alt+n');
    const form = page.getByRole('form', { name: 'New patient' });
    await form.getByLabel('Given names').fill('Majo');
    await form.getByLabel('First surname').fill('Gonzales');
    await form.getByLabel('Document number').fill('12345678-5');
    await form.getByLabel('Phone 1', { exact: true }).fill('12');
    await form.getByLabel('Date of birth').fill('2015-06-01');
    await form.getByRole('button', { name: 'Register patient' }).click();
    // Same document as María José: offered as a likely duplicate first.
    const duplicates = form.getByRole('region', { name: 'This patient may already be registered' });
    await ui(duplicates).visible();
    await ui(duplicates.getByRole('button', { name: /Open María José/ })).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-duplicates-en');
    await duplicates.getByRole('button', { name: 'Create anyway' }).click();
    await ui(form.getByLabel('Phone 1', { exact: true })).hasAttribute('aria-invalid', 'true');
    await ui(form.getByText('The patient is a minor', { exact: false })).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-form-errors-en');

    // The mother is a patient already: picked by search, without leaving the form.
    await form.getByLabel('Phone 1', { exact: true }).fill('9 7777 6666');
    await form.getByRole('radio', { name: 'Another patient of the practice' }).check();
    await form.getByRole('combobox', { name: 'Find the responsible patient' }).fill('gonzalez munoz');
    await page.keyboard.press('Enter');
    await ui(form.getByText('María José “Majo” González Muñoz', { exact: true })).visible();
    await expect.poll(() => focusedLabel(page)).toBe('Change: Responsible patient');
    await form.getByLabel('Responsible party’s relationship').selectOption('mother');
    await form.getByRole('button', { name: 'Register patient' }).click();
    await form.getByRole('region', { name: 'This patient may already be registered' }).getByRole('button', { name: 'Create anyway' }).click();
    // The document belongs to someone else: said beside it, naming who.
    await ui(form.getByLabel('Document number')).hasAttribute('aria-invalid', 'true');
    await ui(form.getByText('This document is already registered to María José', { exact: false })).visible();
    await form.getByLabel('Document number').fill('');
    await form.getByRole('button', { name: 'Register patient' }).click();

    const child = page.getByRole('region', { name: 'Patient record' });
    await ui(child.getByRole('heading', { name: 'Majo Gonzales', level: 2 })).visible();
    await child.getByRole('tab', { name: 'Family' }).click();
    await child.getByRole('button', { name: 'Open María José González Muñoz’s record' }).click();
    await ui(child.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 })).visible();
    await child.getByRole('tab', { name: 'Family' }).click();
    await ui(child.getByRole('tabpanel')).containsText('Majo Gonzales');
    await expectAccessible(page);

    // A bidi override pasted into the mother's name is refused beside it, in English; nothing is saved.
    await child.getByRole('button', { name: 'Edit details' }).click();
    const edit = child.getByRole('form', { name: 'Edit details' });
    await ui(edit.getByLabel('Given names')).hasAttribute('maxlength', '80');
    await edit.getByLabel('Given names').fill('Majo\u202e');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await ui(edit.getByLabel('Given names')).hasAttribute('aria-invalid', 'true');
    await ui(edit.getByText('Contains an invisible control character', { exact: false })).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-form-invisible-en');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await ui(edit).hasCount(0);
    await ui(child.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 })).visible();
  });
});

const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('clinical staff and the administrator', () => {
  it('record a new medical history version and compare it with the one before', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, 'admin', 'admin-password-1');
    await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
    await page.keyboard.press('Control+f');
    await page.keyboard.type('12345678');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await ui(record.getByRole('heading', { name: 'María José “Majo” González Muñoz', level: 2 })).visible();

    await record.getByRole('tab', { name: 'Antecedentes médicos' }).click();
    await record.getByRole('button', { name: 'Registrar nueva versión' }).click();
    const form = record.getByRole('form', { name: 'Nueva versión de los antecedentes' });
    expect(await form.getByRole('checkbox', { name: 'Alergia a la penicilina' }).isChecked()).toBe(true);
    await expectAccessible(page);
    await form.getByRole('checkbox', { name: 'Hipertensión' }).check();
    // The box takes no more than the contract does, and a pasted bidi override is refused beside it, in words.
    await ui(form.getByLabel('Alergias')).hasAttribute('maxlength', '2000');
    await form.getByLabel('Alergias').fill('Penicilina\u202e');
    await form.getByRole('button', { name: 'Guardar versión' }).click();
    await ui(form.getByLabel('Alergias')).hasAttribute('aria-invalid', 'true');
    await ui(form.getByText('Contiene un carácter de control invisible', { exact: false })).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-medical-invisible-es');
    await form.getByLabel('Alergias').fill('Penicilina: urticaria generalizada (2019).');
    await form.getByLabel('Medicamentos').fill('Losartán 50 mg al día.');
    await form.getByRole('button', { name: 'Guardar versión' }).click();
    await ui(record.getByText(/Se registró la versión \d+\./)).visible();
    await ui(record.getByRole('list', { name: 'Alertas médicas' }).first().getByText('Hipertensión', { exact: true })).visible();

    const versions = record.getByRole('table', { name: 'Historial de versiones' });
    await versions.getByRole('button', { name: /^Comparar versión/ }).first().click();
    const diff = record.getByRole('region', { name: /^Cambios de la versión/ });
    await ui(diff).containsText('Agregado');
    await ui(diff).containsText('Hipertensión');
    await ui(diff).containsText('Losartán 50 mg al día.');
    await diff.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'patient-medical-es');
  });

  it('edit the details and add a photo; both are saved at once', async () => {
    const { page } = app;
    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await record.getByRole('button', { name: 'Editar datos' }).click();
    const form = record.getByRole('form', { name: 'Editar datos' });
    await ui(form.getByLabel('Número de documento')).hasValue('12.345.678-5');
    await form.getByRole('button', { name: 'Agregar teléfono' }).click();
    await form.getByLabel('Teléfono 2', { exact: true }).fill('2 2345 6789');
    await form.getByLabel('Tipo del teléfono 2').selectOption('home');
    await form.getByLabel('Comuna').fill('Providencia');
    await form.getByRole('button', { name: 'Guardar cambios' }).click();
    await ui(record.getByText('Se guardaron los datos de María José González Muñoz.')).visible();
    await ui(record.getByRole('list', { name: 'Alertas médicas' }).first()).visible();
    await record.getByRole('tab', { name: 'Datos', exact: true }).click();
    await ui(record.getByRole('tabpanel')).containsText('Providencia');
    await ui(record.getByRole('tabpanel')).containsText('(2) 2345 6789');

    await record.getByLabel('Subir foto').setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: PIXEL_PNG });
    await ui(record.getByText('Foto guardada.')).visible();
    await ui(record.getByRole('img', { name: 'Foto de María José González Muñoz' }).first()).visible();
    await expectAccessible(page);
    await screenshot(page, 'patient-details-es');
  });

  it('merge a known duplicate, and undo the merge', async () => {
    const { page } = app;
    await page.keyboard.press('Control+f');
    await page.keyboard.type('ana munoz');
    const search = page.getByRole('combobox', { name: 'Buscar paciente' });
    await arrowTo(page, search, 'Ana Muñoz Soto');
    await page.keyboard.press('Enter');
    const record = page.getByRole('region', { name: 'Ficha del paciente' });
    await ui(record.getByRole('heading', { name: 'Ana Muñoz Soto', level: 2 })).visible();
    await ui(record.getByText('Posible duplicado: Ana María Muñoz Soto (Mismo teléfono).')).visible();
    await record.getByRole('button', { name: 'Revisar y fusionar' }).click();
    const merge = record.getByRole('form', { name: 'Fusionar un registro duplicado' });
    await ui(merge).containsText('Ana María Muñoz Soto');
    await expectAccessible(page);
    await expectAccessible(page);
    await screenshot(page, 'patient-merge-es');
    await merge.getByRole('button', { name: 'Fusionar registros' }).click();
    await ui(record.getByText('Se fusionó Ana María Muñoz Soto en Ana Muñoz Soto.')).visible();
    expect(await searchCount(app, 'Ana María')).toBe(0);
    await record.getByRole('button', { name: 'Deshacer fusión' }).click();
    await ui(record.getByText('Se deshizo la fusión: Ana María Muñoz Soto vuelve a ser un registro aparte.')).visible();
    expect(await searchCount(app, 'Ana María')).toBe(1);
  });

  it('export every patient to CSV, on a click', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Buscar comandos' }).fill('exportar');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Exportar pacientes (CSV)');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('González');
    expect(text).toContain('Rojas');
    await ui(page.getByText(/Se exportaron \d+ pacientes/)).visible();
  });
});

/** How many patients main finds for a query, asked directly (the admin is signed in on no connection here, so use the host). */
async function searchCount(running: RunningApp, query: string): Promise<number> {
  const token = (await running.page.context().cookies())[0]!.value;
  const result = await running.core.dispatch('patients.search', { query, limit: 50 }, token);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return (result.value as unknown[]).length;
}

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../src/shared/recall/dates';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, SCREENSHOT_DIR, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;

function localDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-rx-recall-'));
  const { core } = await setUpPractice(dataDir);
  const dentist = await addUser(core, 'dentist', 'dentista');
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  const chair = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
  const provider = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Daniela',
    firstSurname: 'Rojas',
    secondSurname: 'Muñoz',
    kind: 'dentist',
    colour: '#2f6fde',
    userId: dentist.id,
    defaultOperatoryId: chair.id,
    registrationNumber: '123456',
  });
  await call(core, 'admin', 'schedule.hours.set', {
    providerId: provider.id,
    intervals: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, start: '09:00', end: '13:00', operatoryId: null },
      { weekday, start: '14:00', end: '19:00', operatoryId: null },
    ]),
    validFrom: localDate(0),
  });
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', document: { type: 'RUT', number: '12.345.678-5' } },
    alerts: ['allergy_penicillin'],
  });
  const jose = await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'José Luis', firstSurname: 'González', secondSurname: 'Pérez', phones: [{ number: '9 6123 4567', kind: 'mobile', whatsapp: true }] },
    alerts: [],
  });
  const ana = await call(core, 'admin', 'patients.create', { draft: { givenNames: 'Ana', firstSurname: 'Muñoz', secondSurname: 'Soto' }, alerts: [] });
  await call(core, 'admin', 'recall.patient.set', { patientId: jose.id, typeId: 'recall-type:prophylaxis', dueDate: addMonths(localDate(0), -4) });
  await call(core, 'admin', 'recall.patient.set', { patientId: ana.id, typeId: 'recall-type:perio', dueDate: localDate(10) });
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

async function openPatient(page: Page, text: string, name: RegExp) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.getByRole('option', { name }).first().click();
  await ui(page.getByRole('region', { name: /Ficha del paciente|Patient record/ })).visible();
}

/** Keeps a downloaded PDF beside the screenshots, for people to look at (pdftoppm). */
async function keepPdf(download: Download, name: string): Promise<Buffer> {
  const bytes = readFileSync((await download.path())!);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, `${name}.pdf`), bytes);
  return bytes;
}

const L = {
  es: {
    tab: 'Recetas',
    new: 'Nueva receta',
    medicine: 'Medicamento de la lista',
    amoxicillin: 'Amoxicilina 500 mg',
    add: 'Agregar a la receta',
    issue: 'Emitir e imprimir',
    warning: 'Advertencia de alergia o alerta médica',
    alert: 'Alergia a la penicilina',
    confirm: 'Confirmo: imprimir de todos modos',
    consentTab: 'Consentimientos',
    newConsent: 'Nuevo consentimiento',
    form: 'Formulario',
    procedure: 'Procedimiento (se agrega al texto)',
    typed: 'Escribir el nombre',
    drawn: 'Firmar en la pantalla',
    typedName: 'Nombre escrito por el paciente',
    agree: 'El paciente leyó el documento y está de acuerdo',
    sign: 'Firmar y archivar',
    signConfirm: 'Firmar',
    signed: 'Consentimiento firmado y archivado.',
    print: /^Imprimir «/,
  },
  en: {
    tab: 'Prescriptions',
    new: 'New prescription',
    medicine: 'Medicine from the list',
    amoxicillin: 'Amoxicillin 500 mg',
    add: 'Add to the prescription',
    issue: 'Issue and print',
    warning: 'Allergy or medical alert warning',
    alert: 'Penicillin allergy',
    confirm: 'I confirm: print anyway',
    consentTab: 'Consent forms',
    newConsent: 'New consent form',
    form: 'Form',
    procedure: 'Procedure (added to the text)',
    typed: 'Type the name',
    drawn: 'Sign on the screen',
    typedName: 'Name typed by the patient',
    agree: 'The patient has read the document and agrees',
    sign: 'Sign and archive',
    signConfirm: 'Sign',
    signed: 'Consent form signed and archived.',
    print: /^Print “/,
  },
} as const;

async function prescribeAmoxicillin(page: Page, language: 'es' | 'en') {
  const l = L[language];
  await page.getByRole('tab', { name: l.tab, exact: true }).click();
  await page.getByRole('button', { name: l.new }).click();
  await page.getByLabel(l.medicine).selectOption({ label: l.amoxicillin });
  await page.getByRole('button', { name: l.add }).click();
  await expectAccessible(page);
  await page.getByRole('button', { name: l.issue }).click();
  const dialog = page.getByRole('dialog', { name: l.warning });
  await ui(dialog).visible();
  // The warning names the alert.
  await ui(dialog.getByRole('alert')).containsText(l.alert);
  await expectAccessible(page);
  await screenshot(page, `rx-warning-${language}`);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: l.confirm }).click()]);
  const pdf = await keepPdf(download, `rx-${language}`);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await ui(dialog).hidden();
  await expectAccessible(page);
  await screenshot(page, `rx-list-${language}`);
}

async function signConsent(page: Page, language: 'es' | 'en', how: 'typed' | 'drawn') {
  const l = L[language];
  await page.getByRole('tab', { name: l.consentTab, exact: true }).click();
  await page.getByRole('button', { name: l.newConsent }).click();
  const templates = page.getByLabel(l.form, { exact: true });
  const extraction = language === 'es' ? 'Consentimiento informado para exodoncia (Español)' : 'Informed consent for tooth extraction (English)';
  await templates.selectOption({ label: extraction });
  await page.getByLabel(l.procedure).fill(language === 'es' ? 'Exodoncia del 3.8' : 'Extraction of 3.8');
  await ui(page.getByRole('article')).containsText('Rosa Valdés Rojas');
  if (how === 'typed') {
    await page.getByRole('radio', { name: l.typed }).check();
    await page.getByLabel(l.typedName).fill('Rosa Valdés Rojas');
  } else {
    await page.getByRole('radio', { name: l.drawn }).check();
    const pad = page.getByRole('img', { name: /Recuadro de firma|Signature box/ });
    await pad.scrollIntoViewIfNeeded();
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height * 0.7);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + 30 + i * 15, box.y + box.height * (0.7 - 0.4 * Math.sin(i / 3)));
    await page.mouse.up();
    await ui(page.getByText(/There is a signature in the box|Hay una firma en el recuadro/)).visible();
  }
  await page.getByRole('checkbox', { name: l.agree }).check();
  await expectAccessible(page);
  await screenshot(page, `consent-form-${language}`);
  await page.getByRole('button', { name: l.sign }).click();
  await page.getByRole('dialog').getByRole('button', { name: l.signConfirm, exact: true }).click();
  await ui(page.getByText(l.signed)).visible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: l.print }).first().click()]);
  const pdf = await keepPdf(download, `consent-${language}`);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await expectAccessible(page);
  await screenshot(page, `consent-list-${language}`);
}

describe('prescriptions and consent forms at the chair', () => {
  it('the dentist prints an amoxicillin prescription for a patient with a penicillin alert and sees the warning naming it; then takes a typed consent', async () => {
    const page = app.page;
    await signIn(page, 'dentista');
    await openPatient(page, 'rosa val', /Rosa/);
    await prescribeAmoxicillin(page, 'es');
    await signConsent(page, 'es', 'typed');
  });

  it('the same in English, with the consent signed on the pad', async () => {
    const page = app.page;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('combobox', { name: 'Language', exact: true })).visible();
    await prescribeAmoxicillin(page, 'en');
    await signConsent(page, 'en', 'drawn');
  });
});

describe('the recall list at the front desk', () => {
  it('the receptionist filters the recall list, contacts a patient through the WhatsApp link (logged) and books them', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
    try {
      const page = await context.newPage();
      await page.goto(app.host.url);
      await signIn(page, 'recepcion');
      await page.getByRole('navigation').getByRole('button', { name: 'Listas', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Listas de la agenda' });
      await panel.getByRole('tab', { name: 'Controles' }).click();
      const list = panel.getByRole('region', { name: 'Controles pendientes' });
      await ui(list.getByRole('heading', { name: '2 controles' })).visible();
      await panel.getByLabel('Atrasados al menos').selectOption({ label: '3 meses' });
      await ui(list.getByRole('heading', { name: '1 control' })).visible();
      const card = list.getByRole('listitem', { name: 'José Luis González Pérez: Profilaxis y control' });
      await ui(card.getByText('Atrasado 4 meses')).visible();
      await expectAccessible(page);
      await screenshot(page, 'recall-list-es');

      await card.getByRole('button', { name: 'Contactar a José Luis González Pérez' }).click();
      const link = card.getByRole('link', { name: 'Abrir WhatsApp con el mensaje para José Luis González Pérez' });
      await ui(link).visible();
      expect(await link.getAttribute('href')).toMatch(/^https:\/\/wa\.me\/56961234567\?text=Hola%20Jos%C3%A9/);
      // Opening the link logs the contact; the WhatsApp tab itself is not part of the test.
      await context.route('https://wa.me/**', (route) => route.fulfill({ status: 200, body: 'ok' }));
      const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await popup.close();
      await ui(card.getByText(/Último contacto: WhatsApp/)).visible();
      await expectAccessible(page);
      await screenshot(page, 'recall-contact-es');

      await card.getByRole('button', { name: 'Agendar a José Luis González Pérez' }).click();
      const form = panel.getByRole('form', { name: 'Buscar próximo horario' });
      await ui(form.getByText('Agendar para')).visible();
      await form.getByRole('button', { name: 'Buscar horarios' }).click();
      const slots = panel.getByRole('region', { name: 'Horarios libres' }).getByRole('button', { name: /^Agendar aquí: / });
      await expect.poll(() => slots.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await slots.first().click();
      await ui(panel.getByText(/Cita agendada para José Luis González Pérez/)).visible();
      await expectAccessible(page);

      await panel.getByRole('tab', { name: 'Controles' }).click();
      await ui(list.getByRole('listitem', { name: 'José Luis González Pérez: Profilaxis y control' }).getByText(/Cita agendada:/)).visible();
      await panel.getByLabel('Ocultar los que ya tienen cita').check();
      await ui(list.getByRole('heading', { name: '1 control' })).visible();
      await ui(list.getByRole('listitem', { name: 'Ana Muñoz Soto: Mantención periodontal' })).visible();

      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
      const english = page.getByRole('region', { name: 'Schedule lists' });
      await ui(english.getByRole('region', { name: 'Recalls due' })).visible();
      await english.getByLabel('Hide those already booked').uncheck();
      await ui(english.getByRole('heading', { name: '2 recalls' })).visible();
      await english.getByRole('button', { name: 'Contact José Luis González Pérez' }).click();
      await ui(english.getByRole('link', { name: 'Open WhatsApp with the message for José Luis González Pérez' })).visible();
      await expectAccessible(page);
      await screenshot(page, 'recall-list-en');
    } finally {
      await context.close();
    }
  });
});

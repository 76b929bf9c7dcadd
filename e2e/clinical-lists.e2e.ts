import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, ADMIN, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * The practice's clinical lists, edited from the Clinical setup panel: the
 * admin adds a medicine and finds it offered on a prescription, edits a
 * consent template and a new consent reads the new text, adds a recall type
 * triggered by a procedure code, and changes a patient's recall interval and
 * date on the patient's Details tab. Once in Spanish, once in English.
 */

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
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-clinical-lists-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'hygienist', 'higienista');
  const rosa = await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', document: { type: 'RUT', number: '12.345.678-5' } },
    alerts: [],
  });
  const peter = await call(core, 'admin', 'patients.create', { draft: { givenNames: 'Peter', firstSurname: 'Walsh', secondSurname: '' }, alerts: [] });
  for (const patient of [rosa, peter]) await call(core, 'admin', 'recall.patient.set', { patientId: patient.id, typeId: 'recall-type:prophylaxis', dueDate: localDate(40) });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  const user = page.getByLabel('Usuario', { exact: true });
  const nav = page.getByRole('navigation');
  await Promise.race([user.waitFor({ timeout: 15_000 }), nav.waitFor({ timeout: 15_000 })]);
  if (await user.isVisible()) {
    await user.fill(ADMIN.username);
    await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
  }
  await ui(page.getByRole('combobox', { name: /Buscar paciente|Find patient|Search patient/ })).visible();
}

const L = {
  es: {
    nav: 'Config. clínica',
    panel: 'Configuración clínica',
    medicinesTab: 'Medicamentos',
    addMedicine: 'Agregar medicamento',
    newMedicine: 'Nuevo medicamento',
    medicine: { nameEs: 'Ketorolaco de prueba', nameEn: 'Test ketorolac', strength: '10 mg', doseEs: '1 comprimido', doseEn: '1 tablet', freqEs: 'cada 8 horas', freqEn: 'every 8 hours', durEs: '3 días', durEn: '3 days' },
    nameEs: 'Nombre en español',
    nameEn: 'Nombre en inglés',
    strength: 'Concentración',
    doseEs: 'Dosis en español',
    doseEn: 'Dosis en inglés',
    freqEs: 'Frecuencia en español',
    freqEn: 'Frecuencia en inglés',
    durEs: 'Duración en español',
    durEn: 'Duración en inglés',
    nsaid: 'AINE',
    save: 'Guardar',
    required: 'Este campo es obligatorio.',
    consentTab: 'Consentimientos',
    templateLanguage: 'Idioma de las plantillas',
    editTemplate: 'Editar «Consentimiento informado para exodoncia»',
    body: 'Texto del consentimiento',
    newText: 'Texto revisado por la consulta: {paciente}, RUT {rut}, acepta la exodoncia.',
    filled: 'Texto revisado por la consulta: Rosa Valdés Rojas, RUT 12.345.678-5, acepta la exodoncia.',
    signedHint: /no cambia los consentimientos ya firmados/,
    placeholder: '{paciente}',
    recallTab: 'Tipos de control',
    addRecall: 'Agregar tipo de control',
    newRecall: 'Nuevo tipo de control',
    recallName: { es: 'Control de carillas', en: 'Veneer review' },
    interval: 'Intervalo en meses',
    filter: 'Filtrar procedimientos',
    filterText: 'carilla',
    code: 'CAR-01',
    codeLabel: /CAR-01 Carilla/,
    recallRow: 'Control de carillas',
    patientSearch: 'rosa val',
    patientOption: /Rosa/,
    record: /Ficha del paciente/,
    details: 'Datos',
    recalls: 'Controles',
    change: 'Cambiar intervalo de «Profilaxis y control»',
    patientInterval: 'Intervalo en meses',
    dueDate: 'Fecha de control',
    dueTyped: '15-03-2031',
    dueShown: 'Próximo control: 15-03-2031',
    every: 'Cada 4 meses (intervalo propio de este paciente)',
    rxTab: 'Recetas',
    newRx: 'Nueva receta',
    rxMedicine: 'Medicamento de la lista',
    rxOption: 'Ketorolaco de prueba 10 mg',
    rxAdd: 'Agregar a la receta',
    toggleAmoxicillin: 'Desactivar Amoxicilina 500 mg',
    toggledAmoxicillin: 'Reactivar Amoxicilina 500 mg',
    amoxicillinOffered: false,
    drug: 'Medicamento',
    consentPatientTab: 'Consentimientos',
    newConsent: 'Nuevo consentimiento',
    form: 'Formulario',
    extraction: 'Consentimiento informado para exodoncia (Español)',
  },
  en: {
    nav: 'Clinical setup',
    panel: 'Clinical setup',
    medicinesTab: 'Medicines',
    addMedicine: 'Add medicine',
    newMedicine: 'New medicine',
    medicine: { nameEs: 'Clorhexidina de prueba', nameEn: 'Test chlorhexidine', strength: '0.12 %', doseEs: '15 ml', doseEn: '15 ml', freqEs: 'cada 12 horas', freqEn: 'every 12 hours', durEs: '7 días', durEn: '7 days' },
    nameEs: 'Name in Spanish',
    nameEn: 'Name in English',
    strength: 'Strength',
    doseEs: 'Dose in Spanish',
    doseEn: 'Dose in English',
    freqEs: 'Frequency in Spanish',
    freqEn: 'Frequency in English',
    durEs: 'Duration in Spanish',
    durEn: 'Duration in English',
    nsaid: 'antiseptic',
    save: 'Save',
    required: 'This field is required.',
    consentTab: 'Consent forms',
    templateLanguage: 'Language of the templates',
    editTemplate: 'Edit “Informed consent for tooth extraction”',
    body: 'Consent form text',
    newText: 'Text revised by the practice: {patient} agrees to the extraction at {practice}.',
    filled: 'Text revised by the practice: Peter Walsh agrees to the extraction at',
    signedHint: /does not change consent forms already signed/,
    placeholder: '{patient}',
    recallTab: 'Recall types',
    addRecall: 'Add recall type',
    newRecall: 'New recall type',
    recallName: { es: 'Control de endodoncia', en: 'Root canal review' },
    interval: 'Interval in months',
    filter: 'Filter procedures',
    filterText: 'molar',
    code: 'END-MO',
    codeLabel: /END-MO Root canal treatment, molar/,
    recallRow: 'Root canal review',
    patientSearch: 'peter wal',
    patientOption: /Peter/,
    record: /Patient record/,
    details: 'Details',
    recalls: 'Recalls',
    change: 'Change interval of “Prophylaxis and check-up”',
    patientInterval: 'Interval in months',
    dueDate: 'Recall date',
    dueTyped: '15-03-2031',
    dueShown: 'Next recall: 15-03-2031',
    every: 'Every 4 months (this patient’s own interval)',
    rxTab: 'Prescriptions',
    newRx: 'New prescription',
    rxMedicine: 'Medicine from the list',
    rxOption: 'Test chlorhexidine 0.12 %',
    rxAdd: 'Add to the prescription',
    toggleAmoxicillin: 'Reactivate Amoxicillin 500 mg',
    toggledAmoxicillin: 'Deactivate Amoxicillin 500 mg',
    amoxicillinOffered: true,
    drug: 'Medicine',
    consentPatientTab: 'Consent forms',
    newConsent: 'New consent form',
    form: 'Form',
    extraction: 'Informed consent for tooth extraction (English)',
  },
} as const;

async function editLists(page: Page, language: 'es' | 'en') {
  const l = L[language];
  await page.getByRole('navigation').getByRole('button', { name: l.nav, exact: true }).click();
  const panel = page.getByRole('region', { name: l.panel });
  await ui(panel).visible();

  // Medicines: a save with the names left empty says so beside each field, in one round.
  await panel.getByRole('tab', { name: l.medicinesTab, exact: true }).click();
  await ui(panel.getByRole('table', { name: language === 'es' ? 'Medicamentos de la consulta' : 'The practice’s medicines' })).visible();
  await expectAccessible(page);
  await panel.getByRole('button', { name: l.addMedicine }).click();
  const form = panel.getByRole('form', { name: l.newMedicine });
  await form.getByRole('button', { name: l.save }).click();
  await ui(form.getByText(l.required).first()).visible();
  expect(await form.getByText(l.required).count()).toBeGreaterThanOrEqual(8);
  await expectAccessible(page);
  const m = l.medicine;
  await form.getByLabel(l.nameEs, { exact: true }).fill(m.nameEs);
  await form.getByLabel(l.nameEn, { exact: true }).fill(m.nameEn);
  await form.getByLabel(l.strength, { exact: true }).fill(m.strength);
  await form.getByLabel(l.doseEs, { exact: true }).fill(m.doseEs);
  await form.getByLabel(l.doseEn, { exact: true }).fill(m.doseEn);
  await form.getByLabel(l.freqEs, { exact: true }).fill(m.freqEs);
  await form.getByLabel(l.freqEn, { exact: true }).fill(m.freqEn);
  await form.getByLabel(l.durEs, { exact: true }).fill(m.durEs);
  await form.getByLabel(l.durEn, { exact: true }).fill(m.durEn);
  await form.getByRole('checkbox', { name: l.nsaid, exact: true }).check();
  await screenshot(page, `clinical-lists-medicine-form-${language}`);
  await form.getByRole('button', { name: l.save }).click();
  await ui(form).hidden();
  const name = language === 'es' ? m.nameEs : m.nameEn;
  await ui(panel.getByRole('cell', { name, exact: true })).visible();
  // Spanish retires amoxicillin, English brings it back: the prescription form follows.
  await panel.getByRole('button', { name: l.toggleAmoxicillin }).click();
  await ui(panel.getByRole('button', { name: l.toggledAmoxicillin })).visible();
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-medicines-${language}`);

  // Consent templates: the placeholders are explained beside the text; signed consents are said to stay as signed.
  await panel.getByRole('tab', { name: l.consentTab, exact: true }).click();
  await ui(panel.getByLabel(l.templateLanguage)).visible();
  await panel.getByLabel(l.templateLanguage).selectOption(language);
  await panel.getByRole('button', { name: l.editTemplate }).click();
  const consentForm = panel.getByRole('form', { name: l.editTemplate });
  await ui(consentForm.getByText(l.placeholder, { exact: true })).visible();
  await ui(consentForm.getByText(l.signedHint)).visible();
  const body = consentForm.getByLabel(l.body, { exact: true });
  await body.fill('');
  await consentForm.getByRole('button', { name: l.save }).click();
  await ui(consentForm.getByText(l.required)).visible();
  await body.fill(l.newText);
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-consent-${language}`);
  await consentForm.getByText(l.placeholder, { exact: true }).scrollIntoViewIfNeeded();
  await screenshot(page, `clinical-lists-consent-placeholders-${language}`);
  await consentForm.getByRole('button', { name: l.save }).click();
  await ui(consentForm).hidden();
  await expectAccessible(page);

  // Recall types: a new one, triggered by a procedure code picked from the catalog through the filter.
  await panel.getByRole('tab', { name: l.recallTab, exact: true }).click();
  await panel.getByRole('button', { name: l.addRecall }).click();
  const recallForm = panel.getByRole('form', { name: l.newRecall });
  await recallForm.getByLabel(l.nameEs, { exact: true }).fill(l.recallName.es);
  await recallForm.getByLabel(l.nameEn, { exact: true }).fill(l.recallName.en);
  await recallForm.getByLabel(l.interval, { exact: true }).fill('0');
  await recallForm.getByLabel(l.filter).fill(l.filterText);
  await recallForm.getByRole('checkbox', { name: l.codeLabel }).check();
  await recallForm.getByRole('button', { name: l.save }).click();
  // Zero months is refused beside the field, the rest kept.
  await ui(recallForm.locator('.field-error')).visible();
  await recallForm.getByLabel(l.interval, { exact: true }).fill('12');
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-recall-type-${language}`);
  await recallForm.getByRole('button', { name: l.save }).click();
  await ui(recallForm).hidden();
  const row = panel.getByRole('row', { name: new RegExp(l.recallRow) });
  await ui(row).visible();
  await ui(row.getByRole('cell', { name: l.code, exact: true })).visible();
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-recall-types-${language}`);
}

async function usePatient(page: Page, language: 'es' | 'en') {
  const l = L[language];
  await page.keyboard.press('Control+f');
  await page.keyboard.type(l.patientSearch);
  await page.getByRole('option', { name: l.patientOption }).first().click();
  const record = page.getByRole('region', { name: l.record });
  await ui(record).visible();

  // The patient's recall: their own interval, and a date set by hand.
  await record.getByRole('tab', { name: l.details, exact: true }).click();
  const recalls = record.getByRole('region', { name: l.recalls, exact: true });
  await ui(recalls).visible();
  await recalls.getByRole('button', { name: l.change }).click();
  const recallForm = recalls.getByRole('form', { name: l.change });
  await recallForm.getByLabel(l.patientInterval).fill('4');
  await recallForm.getByLabel(l.dueDate).fill(l.dueTyped);
  await expectAccessible(page);
  await recallForm.getByRole('button', { name: l.save }).click();
  await ui(recallForm).hidden();
  await ui(recalls.getByText(l.every)).visible();
  await ui(recalls.getByText(l.dueShown)).visible();
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-patient-recall-${language}`);

  // The new medicine is offered on a prescription, in the screen's language.
  await record.getByRole('tab', { name: l.rxTab, exact: true }).click();
  await record.getByRole('button', { name: l.newRx }).click();
  await record.getByLabel(l.rxMedicine).selectOption({ label: l.rxOption });
  const amoxicillin = record.getByLabel(l.rxMedicine).getByRole('option', { name: language === 'es' ? 'Amoxicilina 500 mg' : 'Amoxicillin 500 mg', exact: true });
  expect(await amoxicillin.count()).toBe(l.amoxicillinOffered ? 1 : 0);
  await record.getByRole('button', { name: l.rxAdd }).click();
  await expect.poll(() => record.getByLabel(l.drug, { exact: true }).first().inputValue()).toBe(language === 'es' ? L.es.medicine.nameEs : L.en.medicine.nameEn);
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-rx-${language}`);

  // A new consent reads the edited template, filled for this patient.
  await record.getByRole('tab', { name: l.consentPatientTab, exact: true }).click();
  await record.getByRole('button', { name: l.newConsent }).click();
  await record.getByLabel(l.form, { exact: true }).selectOption({ label: l.extraction });
  await ui(record.getByRole('article')).containsText(l.filled);
  await expectAccessible(page);
  await screenshot(page, `clinical-lists-consent-preview-${language}`);
}

describe('the clinical lists a practice edits', () => {
  it('in Spanish: the admin adds a medicine, edits a consent template, adds a recall type and changes a patient’s recall', async () => {
    const page = app.page;
    await signIn(page);
    await editLists(page, 'es');
    await usePatient(page, 'es');
  });

  it('the same in English', async () => {
    const page = app.page;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('combobox', { name: 'Language', exact: true })).visible();
    await editLists(page, 'en');
    await usePatient(page, 'en');
  });
});

describe('who sees which list', () => {
  it('a hygienist sees neither the medicine list, nor the consent templates, nor the recall types', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
    try {
      const page = await context.newPage();
      await page.goto(app.host.url);
      await page.getByLabel('Usuario', { exact: true }).fill('higienista');
      await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('navigation').getByRole('button', { name: 'Config. clínica', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Configuración clínica' });
      await ui(panel.getByRole('tab', { name: 'Catálogo', exact: true })).visible();
      expect(await panel.getByRole('tab', { name: 'Consentimientos', exact: true }).count()).toBe(0);
      expect(await panel.getByRole('tab', { name: 'Medicamentos', exact: true }).count()).toBe(0);
      expect(await panel.getByRole('tab', { name: 'Tipos de control', exact: true }).count()).toBe(0);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { oldPatient } from '../test/main/data-rights-support';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * The admin answers a patient's data request, in Spanish and in English:
 * exports the whole record as FHIR (the download happens and parses as a
 * Bundle), reviews an erasure that retention forbids (the date is named, the
 * request is logged), and anonymises a patient last attended in 2008.
 */

const labels = {
  es: {
    user: ADMIN.username,
    password: ADMIN.password,
    search: 'Buscar paciente',
    record: 'Ficha del paciente',
    tab: 'Datos del paciente',
    requestedBy: 'Quién lo solicita',
    representative: 'Su representante legal',
    fhir: 'Exportar FHIR (JSON)',
    pdf: 'Resumen en PDF',
    review: 'Revisar la eliminación',
    mustKeep: /La ley obliga a conservar este registro hasta el \d{2}-\d{2}-\d{4}/,
    record_: 'Registrar la solicitud',
    refused: /Solicitud registrada y rechazada/,
    refusedLine: 'Rechazada',
    providedLine: 'Entregada',
    allowed: /El plazo de conservación terminó/,
    ledger: /saldo \$150\.000/,
    anonymise: 'Anonimizar al paciente',
    confirmTitle: '¿Anonimizar a este paciente?',
    done: /Paciente anonimizado/,
    close: 'Cerrar la ficha',
    years: 'Años de conservación de la ficha clínica',
    saveYears: 'Guardar el plazo',
  },
  en: {
    user: 'adminen',
    password: 'user-password-1',
    search: 'Find patient',
    record: 'Patient record',
    tab: 'Data rights',
    requestedBy: 'Requested by',
    representative: 'Their legal representative',
    fhir: 'Export FHIR (JSON)',
    pdf: 'PDF summary',
    review: 'Review erasure',
    mustKeep: /The law requires keeping this record until \d{2}-\d{2}-\d{4}/,
    record_: 'Record the request',
    refused: /Request recorded and refused/,
    refusedLine: 'Refused',
    providedLine: 'Provided',
    allowed: /The retention period is over/,
    ledger: /balance \$150\.000/,
    anonymise: 'Anonymise the patient',
    confirmTitle: 'Anonymise this patient?',
    done: /Patient anonymised/,
    close: 'Close the record',
    years: 'Years clinical records are kept',
    saveYears: 'Save the period',
  },
} as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(['es', 'en'] as const)('the patient’s data rights (%s)', (language) => {
  const l = labels[language];
  let app: RunningApp;
  let dataDir: string;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `dental-e2e-rights-${language}-`));
    const { core } = await setUpPractice(dataDir);
    await call(core, 'admin', 'users.create', { givenNames: 'Alice', firstSurname: 'Admin', secondSurname: '', username: 'adminen', role: 'admin', password: 'user-password-1', language: 'en' });
    const rosa = await call(core, 'admin', 'patients.create', {
      draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', document: { type: 'RUT', number: '12.345.678-5' }, phones: [{ number: '9 6123 4567' }] },
    });
    await call(core, 'admin', 'chart.apply', { patientId: rosa.id, action: { type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'MOD' }, code: 'RES-C3', status: 'planned' } });
    await oldPatient(core, 2008);
    await core.close();
    app = await openApp(browser, { dataDir, passphrase: PASSPHRASE, locale: language === 'es' ? 'es-CL' : 'en-US' });
    page = app.page;
    await page.getByLabel(/^(Usuario|Username)$/).fill(l.user);
    await page.getByLabel(/^(Contraseña|Password)$/).fill(l.password);
    await page.getByRole('button', { name: /^(Ingresar|Sign in)$/ }).click();
    await ui(page.getByRole('combobox', { name: l.search })).visible();
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function openPatient(text: string, name: RegExp) {
    await page.keyboard.press('Control+f');
    await page.keyboard.type(text);
    await page.getByRole('option', { name }).first().click();
    await ui(page.getByRole('region', { name: l.record })).visible();
    await page.getByRole('tab', { name: l.tab }).click();
    await ui(page.getByRole('button', { name: l.fhir })).visible();
  }

  it('exports a patient as FHIR: the download happens and the JSON is an R4 Bundle of the record', async () => {
    await openPatient('rosa val', /Rosa/);
    await expectAccessible(page);
    await page.getByLabel(l.requestedBy).selectOption({ label: l.representative });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: l.fhir }).click()]);
    expect(download.suggestedFilename()).toMatch(/^rosa-valdes-rojas-\d{4}-\d{2}-\d{2}\.fhir\.json$/);
    const bundle = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { resourceType: string; type: string; entry: { resource: { resourceType: string; name?: { family: string }[] } }[] };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')!.resource;
    expect(patient.name?.[0]?.family).toBe('Valdés Rojas');
    expect(bundle.entry.some((e) => e.resource.resourceType === 'Procedure')).toBe(true);
    await ui(page.getByRole('status').filter({ hasText: download.suggestedFilename() })).visible();
    await ui(page.getByRole('listitem').filter({ hasText: l.providedLine })).visible();
    // The PDF summary, too, where the user asks.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: l.pdf }).click()]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await expectAccessible(page);
    await screenshot(page, `data-rights-export-${language}`);
  });

  it('reviews an erasure that retention forbids: names the date and records the refused request', async () => {
    await page.getByRole('button', { name: l.review }).click();
    await ui(page.getByText(l.mustKeep)).visible();
    await expectAccessible(page);
    await screenshot(page, `data-rights-refused-${language}`);
    await page.getByRole('button', { name: l.record_ }).click();
    await ui(page.getByRole('status').filter({ hasText: l.refused })).visible();
    await ui(page.getByRole('listitem').filter({ hasText: l.refusedLine })).visible();
    await expectAccessible(page);
  });

  it('anonymises a patient whose retention is over, after showing what goes and what stays', async () => {
    await openPatient('zañartu', /Eusebio/);
    // The rule is the practice's: 30 years would still forbid it (2008 + 30).
    await page.getByLabel(l.years).fill('30');
    await page.getByRole('button', { name: l.saveYears }).click();
    await page.getByRole('button', { name: l.review }).click();
    await ui(page.getByText(l.mustKeep)).visible();
    await page.getByLabel(l.years).fill('15');
    await page.getByRole('button', { name: l.saveYears }).click();
    await ui(page.getByText(l.allowed)).visible();
    await ui(page.getByText(l.ledger)).visible();
    await expectAccessible(page);
    await screenshot(page, `data-rights-plan-${language}`);
    await page.getByRole('button', { name: l.anonymise }).click();
    const dialog = page.getByRole('dialog', { name: l.confirmTitle });
    await ui(dialog).visible();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: l.anonymise }).click();
    await ui(page.getByText(l.done)).visible();
    // The keyboard lands on the message, never on <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(l.done);
    await screenshot(page, `data-rights-done-${language}`);
    await expectAccessible(page);
    await page.getByRole('button', { name: l.close }).click();
    await ui(page.getByRole('region', { name: l.record })).hidden();
    // Gone from search.
    await page.keyboard.press('Control+f');
    await page.keyboard.type('zañartu');
    await ui(page.getByRole('option', { name: /Eusebio/ })).hasCount(0);
  });
});

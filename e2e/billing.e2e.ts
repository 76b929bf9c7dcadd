import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { setFee } from '../test/main/billing-support';
import { expectAccessible, launchBrowser, openApp, type RunningApp, SCREENSHOT_DIR, screenshot } from './support/app';
import { bookablePractice, practiceToday } from './support/bookable-practice';
import { ui } from './support/expect-ui';

/*
 * The ledger end to end, in Spanish and in English: the dentist completes a
 * procedure on the chart; the front desk sees the charge on the account, takes
 * a copay in cash with its boleta number, prints the receipt and sees what is
 * left to pay. axe runs on every screen.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-billing-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'dentist', 'dentista');
  await addUser(core, 'receptionist', 'recepcion');
  await addUser(core, 'billing', 'caja');
  await setFee(core, 'RES-C3', 45_000);
  await setFee(core, 'COR-CER', 380_000);
  const { chair, dentist } = await bookablePractice(core);
  const [type] = await call(core, 'admin', 'schedule.types.list', {});
  for (const [given, birth, phone, time] of [
    ['Rosa', '1968-04-11', '9 6123 4567', '10:00'],
    ['Tomás', '1990-02-01', '9 2222 3333', '11:00'],
  ] as const) {
    const patient = await call(core, 'admin', 'patients.create', { draft: { givenNames: given, firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: birth, phones: [{ number: phone }] }, alerts: [] });
    // Today's visit, so the schedule's card shows the payment status.
    await call(core, 'admin', 'schedule.book', { patientId: patient.id, providerId: dentist.id, operatoryId: chair.id, typeId: type!.id, startLocal: `${practiceToday}T${time}`, durationMin: 45 });
  }
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Another workstation: a browser context of its own, so its own session. */
async function newWindow(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'es-CL', acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(app.host.url);
  return page;
}

async function signIn(page: Page, username: string) {
  await page.getByLabel('Usuario', { exact: true }).fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
}

async function toEnglish(page: Page) {
  await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
  await ui(page.getByRole('combobox', { name: 'Find patient' })).visible();
}

async function openPatient(page: Page, text: string, name: RegExp, region: string) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type(text);
  await page.getByRole('option', { name }).first().click();
  await ui(page.getByRole('region', { name: region })).visible();
}

async function press(page: Page, key: string, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

const L = {
  es: {
    patientRegion: 'Ficha del paciente',
    chartTab: 'Odontograma',
    board: 'Odontograma',
    accountTab: 'Cuenta',
    pay: 'Registrar pago',
    amount: 'Monto (CLP)',
    docNumber: 'N° de boleta o factura',
    method: 'Medio de pago',
    paid: 'Pago de $20.000 registrado. Saldo de la cuenta: $25.000',
    receipt: 'Imprimir recibo',
    owes: 'Saldo pendiente: $25.000',
    table: 'Movimientos de la cuenta',
  },
  en: {
    patientRegion: 'Patient record',
    chartTab: 'Chart',
    board: 'Odontogram',
    accountTab: 'Account',
    pay: 'Take payment',
    amount: 'Amount (CLP)',
    docNumber: 'Boleta or factura number',
    method: 'Payment method',
    paid: 'Payment of $50.000 taken. Account balance: $330.000',
    receipt: 'Print receipt',
    owes: 'Balance due: $330.000',
    table: 'Account postings',
  },
} as const;

describe('the ledger at the front desk', () => {
  for (const language of ['es', 'en'] as const) {
    const l = L[language];
    const english = language === 'en';
    it(`${language}: the procedure is completed on the chart; reception sees the charge, takes a cash copay, prints the receipt and sees the balance`, async () => {
      // The dentist completes the procedure at the chair: a MOD filling on 36 (es) or a crown on 26 (en).
      const dentist = await newWindow();
      await signIn(dentist, 'dentista');
      if (english) await toEnglish(dentist);
      await openPatient(dentist, english ? 'tomas val' : 'rosa val', english ? /Tomás/ : /Rosa/, l.patientRegion);
      await dentist.getByRole('tab', { name: l.chartTab, exact: true }).last().click();
      const board = dentist.getByRole('application', { name: l.board });
      await board.focus();
      await press(dentist, 'ArrowRight');
      await ui(dentist.getByTestId('chart-selection')).containsText('18');
      if (english) {
        await press(dentist, 'ArrowRight', 13);
        await ui(dentist.getByTestId('chart-selection')).containsText('26');
      } else {
        await press(dentist, 'ArrowDown');
        await ui(dentist.getByTestId('chart-selection')).containsText('48');
        await press(dentist, 'ArrowRight', 13);
        await ui(dentist.getByTestId('chart-selection')).containsText('36');
        await dentist.keyboard.type('mod');
        await ui(dentist.getByTestId('chart-selection')).containsText('36 MOD');
      }
      await press(dentist, 'Enter');
      const picker = dentist.locator('section.record-picker');
      await ui(picker).visible();
      // The status select sits inside its label with its options, so it is found by its place: the first select.
      await picker.locator('select').first().selectOption('completed');
      await picker.getByRole('combobox').first().fill(english ? 'cor-cer' : 'resina 3');
      await picker.getByRole('combobox').first().press('Enter');
      await ui(dentist.getByText(english ? /Recorded: 26: .* — Completed/ : /Registrado: 36 MOD: .* — Realizado/)).visible();
      await expectAccessible(dentist);
      await dentist.context().close();

      // Reception opens the account: the charge is there, with what is owed.
      const desk = await newWindow();
      await signIn(desk, 'recepcion');
      if (english) await toEnglish(desk);
      await openPatient(desk, english ? 'tomas val' : 'rosa val', english ? /Tomás/ : /Rosa/, l.patientRegion);
      await desk.getByRole('tab', { name: l.accountTab, exact: true }).click();
      const table = desk.getByRole('table', { name: l.table });
      await ui(table.getByRole('row').filter({ hasText: english ? 'COR-CER' : 'RES-C3' })).visible();
      await ui(table).containsText(english ? '$380.000' : '$45.000');
      await expectAccessible(desk);
      await screenshot(desk, `billing-account-charge-${language}`);

      // A copay in cash, with the boleta number issued outside the app.
      await desk.getByRole('button', { name: l.pay }).click();
      const dialog = desk.getByRole('dialog', { name: l.pay });
      await ui(dialog).visible();
      await dialog.getByLabel(l.amount).fill(english ? '50.000' : '20.000');
      await dialog.getByLabel(l.method).selectOption('cash');
      await dialog.getByLabel(l.docNumber).fill(english ? '2002' : '1001');
      await expectAccessible(desk);
      await screenshot(desk, `billing-payment-dialog-${language}`);
      await dialog.getByRole('button', { name: l.pay }).click();
      await ui(dialog).hidden();
      await ui(desk.getByText(l.paid)).visible();

      // The receipt, as a PDF download.
      const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: l.receipt }).click()]);
      expect(download.suggestedFilename()).toMatch(english ? /^receipt-valdes-tomas-.*\.pdf$/ : /^recibo-valdes-rosa-.*\.pdf$/);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await download.saveAs(join(SCREENSHOT_DIR, `billing-receipt-${language}.pdf`));

      // What is left to pay, and the payment in the account with its running balance.
      await ui(desk.getByText(l.owes, { exact: true })).visible();
      await ui(table.getByRole('row').filter({ hasText: english ? 'Cash' : 'Efectivo' })).visible();
      await expectAccessible(desk);
      await table.scrollIntoViewIfNeeded();
      await screenshot(desk, `billing-account-paid-${language}`);
      // The schedule's card for today's visit says what is owed, in its accessible name.
      await ui(desk.getByRole('button', { name: new RegExp(`Valdés.*${(english ? 'Owes $330.000' : 'Debe $25.000').replace(/[$.]/g, (c) => `\\${c}`)}`) }).first()).visible();
      // Reception posts no reversals: the button is not offered.
      await ui(desk.getByRole('button', { name: english ? /^Reverse / : /^Revertir / })).hasCount(0);
      await desk.context().close();

      if (english) return;
      // Billing corrects a mistake: the payment is reversed with its reason; both stay, the pair marked.
      const billing = await newWindow();
      await signIn(billing, 'caja');
      await openPatient(billing, 'rosa val', /Rosa/, l.patientRegion);
      await billing.getByRole('tab', { name: l.accountTab, exact: true }).click();
      await billing.getByRole('button', { name: /^Revertir Pago · Efectivo/ }).click();
      const reverse = billing.getByRole('dialog', { name: 'Revertir movimiento' });
      await reverse.getByLabel('Motivo de la reversa').fill('Monto digitado con error');
      await expectAccessible(billing);
      await reverse.getByRole('button', { name: 'Revertir', exact: true }).click();
      await ui(reverse).hidden();
      const postings = billing.getByRole('table', { name: l.table });
      await ui(postings.getByText('Revertido', { exact: true })).visible();
      await ui(postings.getByText('Motivo: Monto digitado con error')).visible();
      await ui(billing.getByText('Saldo pendiente: $45.000', { exact: true })).visible();
      await expectAccessible(billing);
      await postings.scrollIntoViewIfNeeded();
      await screenshot(billing, 'billing-account-reversed-es');
      await billing.context().close();
    });
  }
});

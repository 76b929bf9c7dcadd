import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { practiceToday } from './support/bookable-practice';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;

const today = practiceToday;

beforeAll(async () => {
  browser = await launchBrowser();
  // The practice's schedule is set up through the contract, as the admin would from the setup screens.
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-schedule-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  // Open all day, every day, so the next free slot is always today whenever the test runs.
  await call(core, 'admin', 'schedule.settings.update', { officeStart: '00:00', officeEnd: '24:00', officeDays: [1, 2, 3, 4, 5, 6, 7], gridMinutes: 15 });
  const chair1 = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
  const chair2 = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 2' });
  const dentist = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Carolina',
    firstSurname: 'Rojas',
    kind: 'dentist',
    colour: '#2563eb',
    defaultOperatoryId: chair1.id,
  });
  const hygienist = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Javiera',
    firstSurname: 'Soto',
    kind: 'hygienist',
    colour: '#16a34a',
    defaultOperatoryId: chair2.id,
  });
  const allWeek = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' }));
  for (const provider of [dentist, hygienist]) await call(core, 'admin', 'schedule.hours.set', { providerId: provider.id, intervals: allWeek });
  const patient = (givenNames: string, firstSurname: string, secondSurname: string, alerts: ('hypertension' | 'asthma')[] = []) =>
    call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname, secondSurname, phones: [{ number: '9 2222 3333' }] }, alerts });
  await patient('Valentina', 'Araya', 'Fuentes', ['hypertension']);
  const tomas = await patient('Tomás', 'Vidal', 'Lagos');
  const camila = await patient('Camila', 'Reyes', 'Mora', ['asthma']);
  const types = await call(core, 'admin', 'schedule.types.list', {});
  const control = types.find((t) => t.name === 'Control')!;
  await call(core, 'admin', 'schedule.book', {
    patientId: tomas.id,
    providerId: dentist.id,
    operatoryId: chair1.id,
    typeId: control.id,
    startLocal: `${today}T10:00`,
  });
  const booked = await call(core, 'admin', 'schedule.book', {
    patientId: camila.id,
    providerId: hygienist.id,
    operatoryId: chair2.id,
    typeId: control.id,
    startLocal: `${today}T10:00`,
  });
  // Camila is already in the waiting room.
  await call(core, 'admin', 'schedule.setStatus', { id: booked.appointments[0]!.id, status: 'arrived' });
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
  await page.keyboard.press('Enter');
}

const selectedText = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');

describe('the schedule at the front desk', () => {
  it('a receptionist, with the keyboard only, books a cleaning in the next free slot and takes it from confirmed to completed', async () => {
    const { page } = app;
    await signIn(page, 'recepcion', 'user-password-1');
    await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
    await ui(page.getByRole('grid', { name: /^Agenda del/ })).visible();

    // Find the patient from anywhere (/), open her record, then Alt+B books for her.
    await page.keyboard.press('/');
    await page.keyboard.type('Valentina Araya');
    await ui(page.getByRole('option', { name: /Valentina Araya/ })).visible();
    await page.keyboard.press('Enter');
    await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
    await page.keyboard.press('Alt+b');
    const form = page.getByRole('region', { name: 'Agendar cita' });
    await ui(form).visible();
    await ui(form.getByText('Próxima hora libre:')).visible();

    // The type list has the keyboard (once the form has loaded the types and moved focus there):
    // the arrows choose a cleaning, whose length (45 min) looks for the next slot again.
    await expect.poll(() => form.getByLabel('Tipo de cita').evaluate((el) => el === document.activeElement), { timeout: 15_000 }).toBe(true);
    for (let i = 0; i < 8 && !(await selectedText(page, 'Tipo de cita')).startsWith('Limpieza'); i++) await page.keyboard.press('ArrowDown');
    expect(await selectedText(page, 'Tipo de cita')).toContain('Limpieza');
    await ui(form.getByLabel('Duración (min)')).hasValue('45');
    await ui(form.getByText('Próxima hora libre:')).visible();
    await expectAccessible(page);
    await screenshot(page, 'schedule-booking-es');
    await page.keyboard.press('Control+Enter');
    await ui(page.getByText(/Cita agendada: Valentina Araya Fuentes/)).visible();

    // The new appointment is selected on the grid, with the keyboard on it: one letter per step.
    const selected = page.getByRole('region', { name: 'Cita seleccionada' });
    await ui(selected).containsText('Valentina Araya Fuentes');
    await ui(selected).containsText('Agendada');
    const card = page.getByRole('button', { name: /^\d{1,2}:\d{2} Valentina Araya Fuentes/ });
    await ui(card).visible();
    for (const [key, status] of [
      ['c', 'Confirmada'],
      ['a', 'Llegó'],
      ['s', 'En sillón'],
      ['f', 'Atendida'],
    ] as const) {
      await page.keyboard.press(key);
      await ui(selected.getByTestId('appointment-status')).containsText(status);
      await ui(page.getByRole('button', { name: new RegExp(`Valentina Araya Fuentes, Limpieza, ${status}`) })).visible();
    }
    await expectAccessible(page);
    await screenshot(page, 'schedule-day-es');
  });

  it('a receptionist drags an appointment onto a busy chair and sees the conflict', async () => {
    const { page } = app;
    const card = page.getByRole('button', { name: /Tomás Vidal Lagos/ });
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const target = (await page.getByRole('columnheader', { name: 'Sillón 2' }).boundingBox())!;
    const y = from.y + 8;
    await page.mouse.move(from.x + from.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, y, { steps: 3 });
    await page.mouse.move(target.x + target.width / 2, y, { steps: 8 });
    await page.mouse.up();
    const warning = page.getByRole('alert').filter({ hasText: 'Se guardó, pero hay conflictos' });
    await ui(warning).visible();
    await ui(warning).containsText('El sillón ya está ocupado a esa hora');
    // Both cards are flagged on the grid.
    await ui(page.getByRole('button', { name: /Tomás Vidal Lagos.*Conflicto/ })).visible();
    await ui(page.getByRole('button', { name: /^\d{1,2}:\d{2} Camila Reyes Mora.*Conflicto/ })).visible();
    await expectAccessible(page);
    await screenshot(page, 'schedule-conflict-es');
  });

  it('shows the week and the waiting room, in Spanish and in English', async () => {
    const { page } = app;
    const views = page.getByRole('tablist', { name: 'Vistas de la agenda' });
    await views.getByRole('tab', { name: 'Semana' }).click();
    const week = page.getByRole('grid', { name: /^Semana del/ });
    await ui(week).visible();
    await ui(page.getByRole('button', { name: /Tomás Vidal Lagos/ })).visible();
    // From the view tab, Tab lands in the week's grid, and the arrows walk it: right to the next day, down to the next slot.
    await views.getByRole('tab', { name: 'Semana' }).focus();
    await page.keyboard.press('Tab');
    const focusedCell = () => page.evaluate(() => (document.activeElement?.getAttribute('role') === 'gridcell' ? document.activeElement.getAttribute('aria-label') : null));
    await expect.poll(() => week.evaluate((grid) => grid.contains(document.activeElement))).toBe(true);
    // A cell is read as "jue 3, 10:15: libre": its day, then its time.
    const dayOf = (label: string | null) => /^(.+), \d\d:\d\d: /.exec(label ?? '')?.[1];
    // The cursor starts on today at the current time. On a Sunday that is the week's last day, and after hours its
    // last row, where ArrowRight and ArrowDown have nowhere to go: first one day left (none on a Monday) and to the top.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cell'))).toMatch(/^\d+:0$/);
    const first = await focusedCell();
    expect(dayOf(first)).toBeTruthy();
    await page.keyboard.press('ArrowRight');
    await expect.poll(focusedCell).not.toBe(first);
    const right = await focusedCell();
    expect(dayOf(right)).not.toBe(dayOf(first));
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedCell).not.toBe(right);
    expect(dayOf(await focusedCell())).toBe(dayOf(right));
    await expectAccessible(page);
    await screenshot(page, 'schedule-week-es');
    await views.getByRole('tab', { name: 'Sala de espera' }).click();
    const room = page.getByRole('table', { name: 'Sala de espera' });
    await ui(room.getByRole('rowheader', { name: 'Camila Reyes Mora' })).visible();
    await ui(room).containsText('Llegó');
    await expectAccessible(page);
    await screenshot(page, 'schedule-waiting-es');

    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('heading', { name: 'Schedule', level: 2 })).visible();
    await ui(page.getByRole('table', { name: 'Waiting room' })).containsText('Arrived');
    await page.getByRole('table', { name: 'Waiting room' }).getByRole('button', { name: 'Seat' }).click();
    await ui(page.getByRole('table', { name: 'Waiting room' })).containsText('Seated');
    await expectAccessible(page);
    await screenshot(page, 'schedule-waiting-en');
    const viewsEn = page.getByRole('tablist', { name: 'Schedule views' });
    await viewsEn.getByRole('tab', { name: 'Week' }).click();
    await ui(page.getByRole('grid', { name: /^Week of/ })).visible();
    await expectAccessible(page);
    await screenshot(page, 'schedule-week-en');
    await viewsEn.getByRole('tab', { name: 'Day' }).click();
    await ui(page.getByRole('grid', { name: /^Schedule for/ })).visible();
    await page.getByRole('button', { name: /^\d{1,2}:\d{2} Camila Reyes Mora/ }).click();
    await ui(page.getByRole('region', { name: 'Selected appointment' })).containsText('Seated');
    await expectAccessible(page);
    await screenshot(page, 'schedule-day-en');
  });
});

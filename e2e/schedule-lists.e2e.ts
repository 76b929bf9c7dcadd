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
let tomorrow: string;

/** A date in the practice's zone, days from today. */
function localDate(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

beforeAll(async () => {
  browser = await launchBrowser();
  // The practice, its chairs, a dentist working every day, and a patient with tomorrow's appointment,
  // prepared through the contract as the admin's workstation would.
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-schedule-lists-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  const chair = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
  await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 2' });
  const dentist = await call(core, 'admin', 'schedule.providers.create', {
    givenNames: 'Camila',
    firstSurname: 'Rojas',
    secondSurname: '',
    kind: 'dentist',
    colour: '#2f6fde',
    userId: null,
    defaultOperatoryId: chair.id,
    sortOrder: 0,
  });
  await call(core, 'admin', 'schedule.hours.set', {
    providerId: dentist.id,
    intervals: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, start: '09:00', end: '13:00', operatoryId: null },
      { weekday, start: '14:00', end: '19:00', operatoryId: null },
    ]),
    validFrom: localDate(0),
  });
  const patient = await call(core, 'admin', 'patients.create', {
    draft: {
      givenNames: 'José Luis',
      firstSurname: 'González',
      secondSurname: 'Pérez',
      phones: [{ number: '9 6123 4567', kind: 'mobile', whatsapp: true }],
    },
    alerts: [],
  });
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Ana', firstSurname: 'Muñoz', secondSurname: 'Soto', phones: [{ number: '9 2222 3333', kind: 'mobile' }] },
    alerts: [],
  });
  tomorrow = localDate(1);
  const booked = await call(core, 'admin', 'schedule.book', {
    patientId: patient.id,
    providerId: dentist.id,
    operatoryId: chair.id,
    typeId: null,
    startLocal: `${tomorrow}T10:30`,
    durationMin: 30,
    notes: '',
    override: true,
  });
  expect(booked.appointments).toHaveLength(1);
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

describe('the schedule lists at the front desk', () => {
  it('a receptionist sends a WhatsApp reminder for tomorrow and records that the patient confirmed', async () => {
    const { page } = app;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, 'recepcion', 'user-password-1');
    await page.getByRole('navigation').getByRole('button', { name: 'Listas', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Listas de la agenda' });
    await ui(panel.getByRole('tab', { name: 'Mañana', selected: true })).visible();

    const card = panel.getByRole('listitem', { name: 'José Luis González Pérez, 10:30' });
    await ui(card).visible();
    await ui(card.getByTestId('confirmation')).containsText('Sin recordatorio');
    await card.getByRole('button', { name: 'Preparar recordatorio para José Luis González Pérez' }).click();

    // The text is in the patient's language (Spanish), with the first name and the time.
    const text = card.getByRole('textbox', { name: /Texto del recordatorio para José Luis González Pérez/ });
    await ui(text).visible();
    const body = await text.inputValue();
    expect(body).toContain('Hola José');
    expect(body).toContain('10:30');
    expect(body).toContain('Clínica Dental Los Aromos');

    // The link opens WhatsApp on the patient's number with exactly that text.
    const link = card.getByRole('link', { name: 'Abrir WhatsApp para José Luis González Pérez' });
    expect(await link.getAttribute('href')).toBe(`https://wa.me/56961234567?text=${encodeURIComponent(body)}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    await expectAccessible(page);
    await screenshot(page, 'schedule-tomorrow-es');

    // Copying the text records that the reminder went out.
    await card.getByRole('button', { name: 'Copiar texto para José Luis González Pérez' }).click();
    await ui(card.getByRole('status')).containsText('Texto copiado');
    await ui(card.getByTestId('confirmation')).containsText('Recordatorio enviado');

    // The patient answers on WhatsApp: confirmed.
    await card.getByRole('group', { name: 'Respuesta de José Luis González Pérez' }).getByLabel('Por').selectOption('whatsapp');
    await card.getByRole('button', { name: 'Confirmó', exact: true }).click();
    await ui(card.getByTestId('confirmation')).containsText('Confirmada');
    await ui(card).containsText('Último recordatorio: WhatsApp');
  });

  it('find next opening lists free slots and books one for a patient', async () => {
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Listas de la agenda' });
    await panel.getByRole('tab', { name: 'Buscar próximo horario' }).click();
    const form = panel.getByRole('form', { name: 'Buscar próximo horario' });
    await form.getByLabel('Profesional').selectOption({ label: 'Camila Rojas' });
    await form.getByLabel('Duración (minutos)').fill('45');
    await form.getByLabel('Momento del día').selectOption('morning');
    await form.getByRole('combobox', { name: 'Paciente para agendar' }).fill('Ana Muñoz');
    await ui(page.getByRole('option', { name: /^Ana Muñoz/ })).visible();
    await page.keyboard.press('Enter');
    await ui(form.getByText('Agendar para')).visible();
    await form.getByRole('button', { name: 'Buscar horarios' }).click();

    const results = panel.getByRole('region', { name: 'Horarios libres' });
    await ui(results).visible();
    const slots = results.getByRole('button', { name: /^Agendar aquí: / });
    await expect.poll(() => slots.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = (await slots.first().getAttribute('aria-label'))!;
    // Mornings only, on the grid, within working hours.
    expect(first).toMatch(/ (09|1[0-2]):\d\d, /);
    await results.scrollIntoViewIfNeeded();
    await expectAccessible(page);
    await screenshot(page, 'schedule-openings-es');

    await slots.first().click();
    await ui(panel.getByText(/Cita agendada para Ana Muñoz Soto/)).visible();
    // The slot is taken now: a new search no longer offers it first.
    await form.getByRole('button', { name: 'Buscar horarios' }).click();
    await expect.poll(async () => results.getByRole('button', { name: first, exact: true }).count(), { timeout: 15_000 }).toBe(0);
  });

  it('shows the lists in English', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const panel = page.getByRole('region', { name: 'Schedule lists' });
    await ui(panel).visible();
    await expectAccessible(page);
    await screenshot(page, 'schedule-openings-en');
    await panel.getByRole('tab', { name: 'Tomorrow' }).click();
    const card = panel.getByRole('listitem', { name: 'José Luis González Pérez, 10:30' });
    await ui(card.getByTestId('confirmation')).containsText('Confirmed');
    await card.getByRole('button', { name: 'Prepare reminder for José Luis González Pérez' }).click();
    await ui(card.getByRole('link', { name: 'Open WhatsApp for José Luis González Pérez' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'schedule-tomorrow-en');
  });
  it('the admin sets up the schedule: settings, hours, holidays and reminder templates with a live preview', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'es-CL' });
    try {
      const page = await context.newPage();
      await page.goto(app.host.url);
      await signIn(page, 'admin', 'admin-password-1');
      await page.getByRole('navigation').getByRole('button', { name: 'Config. agenda', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Configuración de la agenda' });
      await ui(panel.getByRole('form', { name: 'Ajustes de la agenda' })).visible();
      await panel.getByLabel('Intervalo de la grilla').selectOption('15');
      await panel.getByLabel('Dirección (para recordatorios)').fill('Av. Los Aromos 123, Providencia');
      await panel.getByRole('button', { name: 'Guardar ajustes' }).click();
      await ui(panel.getByText('Cambios guardados.')).visible();
      await expectAccessible(page);
      await screenshot(page, 'schedule-setup-es');

      await panel.getByRole('tab', { name: 'Horarios' }).click();
      await ui(panel.getByRole('form', { name: 'Horario semanal' })).visible();
      await ui(panel.getByLabel('Inicio (lunes)').first()).hasValue('09:00');
      await expectAccessible(page);
      await screenshot(page, 'schedule-setup-hours-es');

      await panel.getByRole('tab', { name: 'Feriados' }).click();
      await ui(panel.getByRole('cell', { name: 'Navidad' }).first()).visible();

      await panel.getByRole('tab', { name: 'Plantillas' }).click();
      const reminder = panel.getByRole('region', { name: 'Recordatorio en Español' });
      await ui(reminder).visible();
      await ui(reminder.getByLabel(/Vista previa de/)).containsText('Av. Los Aromos 123');
      await expectAccessible(page);
      await screenshot(page, 'schedule-setup-templates-es');

      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
      const en = page.getByRole('region', { name: 'Schedule setup' });
      await en.getByRole('tab', { name: 'Settings' }).click();
      await ui(en.getByRole('form', { name: 'Schedule settings' })).visible();
      await expectAccessible(page);
      await screenshot(page, 'schedule-setup-en');
    } finally {
      await context.close();
    }
  });
});

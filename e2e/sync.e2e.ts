import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { freePort } from '../test/main/sync-support';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/** Short retries so a reconnect shows within the test's patience; live delivery itself is the 25 s long-poll. */
const SYNC = { maxBackoffMs: 300 };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Santiago', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let browser: Browser;
let front: RunningApp;
let chair: RunningApp;
const dirs: string[] = [];
let ids: { chair: string; dentist: string; type: string; patients: string[] };

beforeAll(async () => {
  browser = await launchBrowser();
  const dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-sync-'));
  dirs.push(dataDir);
  const { core } = await setUpPractice(dataDir);
  await call(core, 'admin', 'schedule.setup.addDefaults', {});
  await call(core, 'admin', 'schedule.settings.update', { officeStart: '00:00', officeEnd: '24:00', officeDays: [1, 2, 3, 4, 5, 6, 7], gridMinutes: 15 });
  const chair1 = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
  const dentist = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Carolina', firstSurname: 'Rojas', kind: 'dentist', colour: '#2563eb', defaultOperatoryId: chair1.id });
  await call(core, 'admin', 'schedule.hours.set', { providerId: dentist.id, intervals: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
  const patients = [];
  for (const [given, surname] of [['Valentina', 'Araya'], ['Tomás', 'Vidal'], ['Camila', 'Reyes']] as const) {
    patients.push((await call(core, 'admin', 'patients.create', { draft: { givenNames: given, firstSurname: surname, secondSurname: 'Mora' } })).id);
  }
  const type = (await call(core, 'admin', 'schedule.types.list', {})).find((t) => t.name === 'Control')!;
  ids = { chair: chair1.id, dentist: dentist.id, type: type.id, patients };
  await core.close();
  front = await openApp(browser, { dataDir, passphrase: PASSPHRASE, sync: SYNC });
  await call(front.core, 'admin', 'auth.signIn', ADMIN);
  await call(front.core, 'admin', 'sync.becomeHub', { port: await freePort() });
});

afterAll(async () => {
  await chair?.close();
  await front?.close();
  await browser?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page) {
  await page.getByLabel('Usuario', { exact: true }).fill(ADMIN.username);
  await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
  await page.keyboard.press('Enter');
  await ui(page.getByRole('grid', { name: /^Agenda del/ })).visible();
}

const book = (app: RunningApp, patient: string, time: string) =>
  call(app.core, 'admin', 'schedule.book', { patientId: patient, providerId: ids.dentist, operatoryId: ids.chair, typeId: ids.type, startLocal: `${today}T${time}` });

describe('two workstations sharing one office hub', () => {
  it('a new computer joins from its first screen, and a booking on one shows on the other', async () => {
    const pairing = await call(front.core, 'admin', 'sync.createPairing', {});
    const chairDir = mkdtempSync(join(tmpdir(), 'dental-e2e-sync-chair-'));
    dirs.push(chairDir);
    chair = await openApp(browser, { dataDir: chairDir, sync: SYNC });
    const page = chair.page;

    // The first screen offers to join; the whole form is filled by keyboard.
    await page.getByRole('radio', { name: /Unirse a una consulta existente/ }).check();
    const form = page.getByRole('form', { name: 'Unirse a una consulta existente' });
    await ui(form).visible();
    await expectAccessible(page);
    await form.getByLabel('Dirección del hub').fill(`127.0.0.1:${front.core.sync.servedHub!.port}`);
    await form.getByLabel('Código de emparejamiento').fill(pairing.code.toLowerCase());
    await form.getByLabel('Nombre de este equipo').fill('Sillón 1');
    await form.getByLabel('Frase de contraseña de este equipo').fill(PASSPHRASE);
    await form.getByLabel('Repita la frase de contraseña').fill(PASSPHRASE);
    await screenshot(page, 'sync-join-es');
    await form.getByLabel('Repita la frase de contraseña').press('Enter');
    // The practice arrives, then the usual sign-in.
    await ui(page.getByLabel('Usuario', { exact: true }), 60_000).visible();
    await signIn(page);
    await call(chair.core, 'admin', 'auth.signIn', ADMIN);

    await signIn(front.page);
    await book(front, ids.patients[0]!, '09:00');
    await ui(page.getByRole('button', { name: /^\d{1,2}:\d{2} Valentina Araya Mora/ })).visible();
    // The status indicator is always there, and says so.
    await ui(page.getByRole('button', { name: /^Sincronización: En línea/ })).visible();
  });

  it('bookings of the same chair and time made while the hub is away are flagged on both, and listed in the sync panel', async () => {
    await front.core.sync.suspend();
    const page = chair.page;
    await ui(page.getByRole('button', { name: /^Sincronización: Sin conexión/ })).visible();
    await book(front, ids.patients[1]!, '11:00');
    await book(chair, ids.patients[2]!, '11:00');
    await ui(page.getByRole('button', { name: /^Sincronización: Sin conexión · 1 cambio pendiente|^Sincronización: Sin conexión · \d+ cambios pendientes/ })).visible();
    await screenshot(page, 'sync-offline-es');

    await front.core.sync.resume(front.core.vault.store());
    for (const p of [front.page, page]) {
      await ui(p.getByRole('button', { name: /Tomás Vidal Mora.*Conflicto/ }), 30_000).visible();
      await ui(p.getByRole('button', { name: /^\d{1,2}:\d{2} Camila Reyes Mora.*Conflicto/ }), 30_000).visible();
    }

    await page.getByRole('button', { name: /^Sincronización:/ }).click();
    const panel = page.getByRole('region', { name: 'Sincronización' });
    await ui(panel).visible();
    const conflicts = panel.getByRole('list', { name: 'Conflictos por revisar' });
    await ui(conflicts.getByText(/Dos citas en el mismo sillón y horario/)).visible();
    await ui(panel.getByRole('table', { name: 'Equipos' })).visible();
    await expectAccessible(page);
    // In the picture: the flagged cards (the grid opens at the current time) and the list of conflicts.
    await page.getByRole('button', { name: /Tomás Vidal Mora.*Conflicto/ }).scrollIntoViewIfNeeded();
    await conflicts.scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-panel-es');

    await page.getByRole('combobox', { name: /Idioma|Language/ }).selectOption('en');
    await ui(page.getByRole('region', { name: 'Sync' })).visible();
    await ui(page.getByRole('button', { name: /^Sync: Online/ })).visible();
    await ui(page.getByRole('list', { name: 'Conflicts to review' }).getByText(/Two appointments in the same chair and time/)).visible();
    await expectAccessible(page);
    await page.getByRole('button', { name: /Tomás Vidal Mora.*Conflict/ }).scrollIntoViewIfNeeded();
    await page.getByRole('list', { name: 'Conflicts to review' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'sync-panel-en');

    // Reviewing it: a person decides, and the list empties on both.
    await page.getByRole('button', { name: /^Mark as reviewed/ }).click();
    await ui(page.getByText('No conflicts to review.')).visible();
    // The review is an edit like any other: it reaches the front desk too.
    await expect.poll(() => call(front.core, 'admin', 'sync.conflicts', { includeResolved: false }).then((c) => c.filter((x) => x.kind === 'overlap').length), { timeout: 15_000 }).toBe(0);
  });

  it('the admin revokes the chair’s computer from the device list, by keyboard, and the chair is told', async () => {
    // In English: the admin chose it on the chair in the test before, and a user's language follows them to the
    // front desk once that preference has synced; chosen here too, so the test does not race it.
    const page = front.page;
    await page.getByRole('combobox', { name: /Idioma|Language/ }).selectOption('en');
    await ui(page.getByRole('heading', { name: 'Schedule', level: 2 })).visible();
    await page.getByRole('button', { name: /^Sync:/ }).click();
    const devices = page.getByRole('region', { name: 'Sync' }).getByRole('table', { name: 'Computers' });
    const revoke = devices.getByRole('button', { name: 'Revoke the computer Sillón 1' });
    await revoke.focus();
    await page.keyboard.press('Enter');
    // The question takes the keyboard; cancelling gives it back to the button.
    const question = devices.getByRole('group', { name: 'Revoke the computer Sillón 1' });
    await ui(question).containsText('Revoke “Sillón 1”?');
    const confirm = question.getByRole('button', { name: 'Revoke', exact: true });
    await expect.poll(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'sync-revoke-en');
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => revoke.evaluate((b) => b === document.activeElement)).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(() => confirm.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await ui(devices.getByRole('row', { name: /Sillón 1/ })).containsText('Revoked');
    await expect.poll(() => call(chair.core, 'admin', 'sync.status', {}).then((s) => s.state), { timeout: 15_000 }).toBe('revoked');
  });
});

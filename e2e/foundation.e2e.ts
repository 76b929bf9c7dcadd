import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(page: Page, username: string, password: string, labels = { user: 'Usuario', password: 'Contraseña', submit: 'Ingresar' }) {
  await page.getByLabel(labels.user, { exact: true }).fill(username);
  await page.getByLabel(labels.password, { exact: true }).fill(password);
  await page.getByRole('button', { name: labels.submit }).click();
}

describe('first run, sign-in and the workspace', () => {
  let app: RunningApp;
  afterAll(async () => app?.close());

  it('sets up a practice in Spanish, with its first admin and a passphrase', async () => {
    app = await openApp(browser);
    const { page } = app;
    await ui(page.getByRole('heading', { name: 'Configurar la consulta' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'setup-es');
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('heading', { name: 'Set up the practice' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'setup-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await ui(page.getByRole('heading', { name: 'Configurar la consulta' })).visible();

    await page.getByLabel('Nombre de la consulta').fill('Clínica Dental Los Aromos');
    await ui(page.getByLabel('País')).hasValue('CL');
    await ui(page.getByLabel('Zona horaria')).hasValue('America/Santiago');
    await ui(page.getByLabel('Moneda')).hasValue('CLP');
    await page.getByLabel('Nombres', { exact: true }).fill('Ana María');
    await page.getByLabel('Primer apellido').fill('Pérez');
    await page.getByLabel('Segundo apellido').fill('Soto');
    await page.getByLabel('Nombre de usuario').fill('admin');
    await page.getByLabel('Contraseña', { exact: true }).fill('clave-admin-1');
    await page.getByLabel('Repita la contraseña').fill('clave-admin-2');
    await page.getByLabel('Frase de seguridad', { exact: true }).fill('corta');
    await page.getByLabel('Repita la frase de seguridad').fill('corta');
    await page.getByRole('button', { name: 'Crear consulta' }).click();
    // A mismatch is caught before anything is sent; the field says so.
    await ui(page.getByLabel('Repita la contraseña')).hasAttribute('aria-invalid', 'true');
    await page.getByLabel('Repita la contraseña').fill('clave-admin-1');
    await page.getByRole('button', { name: 'Crear consulta' }).click();
    // Main's validation comes back translated, next to its field, and nothing was created.
    await ui(page.getByText('La frase de seguridad debe tener al menos 12 caracteres.')).visible();
    await ui(page.getByLabel('Frase de seguridad', { exact: true })).hasAttribute('aria-invalid', 'true');
    await expectAccessible(page);
    await screenshot(page, 'setup-errors-es');
    expect(app.core.vault.state).toBe('setup');

    await page.getByLabel('Frase de seguridad', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Repita la frase de seguridad').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Crear consulta' }).click();
    await ui(page.getByRole('heading', { name: 'Agenda', level: 2 }), 20_000).visible();
    expect(app.core.vault.state).toBe('ready');
    await expectAccessible(page);
    await screenshot(page, 'workspace-es');
  });

  it('signs out, refuses a wrong password, and signs in again', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await ui(page.getByRole('button', { name: 'Ingresar' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'signin-es');
    await signIn(page, 'admin', 'no-es-la-clave');
    await ui(page.getByRole('alert')).containsText('Usuario o contraseña incorrectos');
    await expectAccessible(page);
    await screenshot(page, 'signin-wrong-es');
    await signIn(page, 'admin', 'clave-admin-1');
    await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
  });

  it('opens panels from the command palette and lists every shortcut with ?', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Paleta de comandos' });
    await ui(palette).visible();
    await palette.getByRole('combobox', { name: 'Buscar comandos' }).fill('usuar');
    await expectAccessible(page);
    await screenshot(page, 'palette-es');
    await page.keyboard.press('Enter');
    await ui(palette).hidden();
    await ui(page.getByRole('heading', { name: 'Usuarios', level: 2 })).visible();

    await page.getByRole('heading', { name: 'Usuarios', level: 2 }).click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Atajos de teclado' });
    await ui(help).visible();
    for (const text of ['Ctrl', 'K', 'L']) await ui(help.getByText(text, { exact: true }).first()).visible();
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await ui(help).hidden();
  });

  it('adds a user from the users panel', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Usuarios', exact: true }).click();
    const panel = page.getByRole('region', { name: 'Usuarios' });
    await panel.getByLabel('Nombres', { exact: true }).fill('Rosa');
    await panel.getByLabel('Primer apellido').fill('Muñoz');
    await panel.getByLabel('Nombre de usuario').fill('recepcion');
    await panel.getByLabel('Rol', { exact: true }).selectOption('receptionist');
    await panel.getByLabel('Contraseña inicial').fill('clave-recepcion');
    await panel.getByRole('button', { name: 'Crear usuario' }).click();
    await ui(panel.getByRole('cell', { name: 'recepcion' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'users-es');
  });

  it('shows the practice settings and the audit log', async () => {
    const { page } = app;
    await page.getByRole('navigation').getByRole('button', { name: 'Consulta', exact: true }).click();
    await ui(page.getByRole('heading', { name: 'Consulta', level: 2 })).visible();
    await expectAccessible(page);
    await screenshot(page, 'practice-es');
    await page.getByRole('navigation').getByRole('button', { name: 'Auditoría', exact: true }).click();
    await ui(page.getByRole('heading', { name: 'Registro de auditoría', level: 2 })).visible();
    await ui(page.getByRole('table').first()).visible();
    await expectAccessible(page);
    await screenshot(page, 'audit-es');
  });

  it('switches to English, and the choice sticks to the user', async () => {
    const { page } = app;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('heading', { name: 'Schedule', level: 2 })).visible();
    await ui(page.locator('html')).hasAttribute('lang', 'en');
    await expectAccessible(page);
    await screenshot(page, 'workspace-en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The sign-in screen follows this workstation's own choice (Spanish); the user's returns after signing in.
    await signIn(page, 'admin', 'clave-admin-1');
    await ui(page.getByRole('heading', { name: 'Schedule', level: 2 })).visible();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Search commands' }).fill('clinical');
    await expectAccessible(page);
    await screenshot(page, 'palette-en');
    await page.keyboard.press('Escape');
  });
});

describe('the screen lock', () => {
  it('locks itself after the idle time, and only the password unlocks it', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const app = await openApp(browser, {
      dataDir,
      passphrase: PASSPHRASE,
      beforeGoto: (page) => page.clock.install(),
    });
    try {
      const { page } = app;
      await signIn(page, 'admin', 'admin-password-1');
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
      // Nine minutes idle: still open. The default lock time is ten minutes.
      await page.clock.fastForward('09:00');
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
      await page.clock.fastForward('01:05');
      const unlock = page.getByRole('button', { name: 'Desbloquear' });
      await ui(unlock).visible();
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).hidden();
      await expectAccessible(page);
      await screenshot(page, 'lock-es');
      // Main locked the session too: the contract refuses work until it is unlocked.
      const refused = await app.core.dispatch('users.list', {}, (await page.context().cookies())[0]!.value);
      expect(refused).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });

      await page.getByLabel('Contraseña', { exact: true }).fill('otra-clave');
      await unlock.click();
      await ui(page.getByRole('alert')).visible();
      await page.getByLabel('Contraseña', { exact: true }).fill('admin-password-1');
      await unlock.click();
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();

      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
      await page.keyboard.press('Control+l');
      await ui(page.getByRole('button', { name: 'Unlock' })).visible();
      await expectAccessible(page);
      await screenshot(page, 'lock-en');
    } finally {
      await app.close();
    }
  });
});

describe('permissions enforced in main', () => {
  it('refuses a receptionist the clinical preferences, even when asked for through the palette', async () => {
    const { core, dataDir } = await setUpPractice();
    await addUser(core, 'receptionist', 'recepcion');
    await core.close();
    const app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
    try {
      const { page } = app;
      await signIn(page, 'recepcion', 'user-password-1');
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
      // The rail does not offer it to this role...
      await ui(page.getByRole('button', { name: 'Clínica', exact: true })).hasCount(0);
      // ...and asking anyway is refused by main, with a translated reason.
      await page.keyboard.press('Control+k');
      await page.getByRole('combobox', { name: 'Buscar comandos' }).fill('preferencias clinicas');
      await page.keyboard.press('Enter');
      const panel = page.getByRole('region', { name: 'Preferencias clínicas' });
      await ui(panel.getByRole('alert')).containsText('No tiene permiso para esta acción (clinical.read)');
      await ui(panel.getByRole('radio')).hasCount(0);
      await expectAccessible(page);
      await screenshot(page, 'refused-es');
    } finally {
      await app.close();
    }
  });
});

describe('guessing at the sign-in', () => {
  it('locks a name out after ten failures, saying for how long, until an admin unblocks it', async () => {
    const { core, dataDir } = await setUpPractice();
    await addUser(core, 'receptionist', 'recepcion');
    await core.close();
    // The waits between failures pass on this clock, not the wall's.
    let now = Date.now();
    const app = await openApp(browser, { dataDir, passphrase: PASSPHRASE, now: () => now });
    try {
      const { page } = app;
      await ui(page.getByRole('button', { name: 'Ingresar' })).visible();
      for (let i = 1; i <= 10; i++) {
        await signIn(page, 'recepcion', `no-es-la-clave-${i}`);
        await ui(page.getByRole('alert')).containsText(i < 3 ? 'Usuario o contraseña incorrectos' : i < 10 ? 'espere' : 'bloqueado por 15 min');
        now += 61_000;
      }
      await expectAccessible(page);
      await screenshot(page, 'signin-locked-out-es');
      // Even the right password waits.
      await signIn(page, 'recepcion', 'user-password-1');
      await ui(page.getByRole('alert')).containsText('Demasiados intentos fallidos');

      await signIn(page, 'admin', 'admin-password-1');
      await page.getByRole('navigation').getByRole('button', { name: 'Usuarios', exact: true }).click();
      const panel = page.getByRole('region', { name: 'Usuarios' });
      await ui(panel.getByText('Ingreso bloqueado', { exact: true })).visible();
      await expectAccessible(page);
      await screenshot(page, 'users-locked-out-es');
      const unblock = panel.getByRole('button', { name: 'Desbloquear ingreso de Test receptionist' });
      await unblock.focus();
      await page.keyboard.press('Enter');
      await ui(panel.getByText('Test receptionist ya puede volver a intentar ingresar.')).visible();
      await ui(panel.getByText('Ingreso bloqueado', { exact: true })).hidden();
      await page.getByRole('button', { name: 'Cerrar sesión' }).click();
      await signIn(page, 'recepcion', 'user-password-1');
      await ui(page.getByRole('heading', { name: 'Agenda', level: 2 })).visible();
    } finally {
      await app.close();
    }
  });
});

describe('a database that needs its passphrase', () => {
  it('asks for it, refuses a wrong one, and opens with the right one', async () => {
    const { core, dataDir } = await setUpPractice();
    await core.close();
    const app = await openApp(browser, { dataDir, locale: 'en-US' });
    try {
      const { page } = app;
      const field = page.getByLabel('Frase de seguridad', { exact: true });
      await ui(field).visible();
      await field.fill('not the passphrase');
      await page.getByRole('button', { name: 'Abrir' }).click();
      await ui(page.getByText('La frase de seguridad no es correcta', { exact: false }), 15_000).visible();
      await expectAccessible(page);
      await screenshot(page, 'database-locked-es');
      await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
      await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Open' }).click();
      await ui(page.getByRole('button', { name: 'Sign in' }), 15_000).visible();
      await expectAccessible(page);
      await screenshot(page, 'signin-en');
    } finally {
      await app.close();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * Colour alone carries no meaning on the odontogram: every status in the
 * legend has its own colour and its own pattern, and the surfaces on the
 * chart carry the same pattern as their legend entry.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;

const STATUSES = ['planned', 'completed', 'existing', 'existing_other', 'referred', 'condition'] as const;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-legend-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'dentist', 'dentista');
  await call(core, 'dentist', 'auth.signIn', { username: 'dentista', password: 'user-password-1' } as never);
  const patient = await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Ramón', firstSurname: 'Ibáñez', secondSurname: 'Cortés', birthDate: '1968-02-11', phones: [{ number: '9 6123 4567' }] },
    alerts: [],
  });
  // One finding per status, each on its own tooth (universal numbering inside: 3 = FDI 16, 14 = FDI 26, …).
  const teeth = ['3', '4', '5', '12', '13', '14'];
  for (const [i, status] of STATUSES.entries()) {
    await call(core, 'dentist', 'chart.apply', { patientId: patient.id, action: { type: 'recordFinding', area: { kind: 'surface', tooth: teeth[i]!, surfaces: 'O' }, code: 'RES-C1', status } });
  }
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
  const page = app.page;
  await page.getByLabel('Usuario', { exact: true }).fill('dentista');
  await page.getByLabel('Contraseña', { exact: true }).fill('user-password-1');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('ramon iba');
  await page.getByRole('option', { name: /Ramón/ }).first().click();
  await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the chart legend tells every status apart', () => {
  it('each legend entry has its own colour and its own pattern, and the chart draws the same patterns, in Spanish and in English', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Odontograma', exact: true }).last().click();
    await ui(page.getByRole('application', { name: 'Odontograma' })).visible();
    const legend = page.getByRole('list', { name: 'Leyenda' });
    await ui(legend.getByRole('listitem')).hasCount(STATUSES.length);
    await ui(legend).containsText('Realizado');
    await ui(legend).containsText('Existente');

    const entries = await legend.getByRole('listitem').evaluateAll((items) =>
      items.map((li) => {
        const swatch = li.querySelector('svg.swatch');
        return { status: li.getAttribute('data-status'), pattern: swatch?.getAttribute('data-pattern'), colour: swatch?.getAttribute('data-colour'), text: (li.textContent ?? '').trim() };
      }),
    );
    expect(entries.map((e) => e.status).sort()).toEqual([...STATUSES].sort());
    for (const key of ['pattern', 'colour', 'text'] as const) {
      const values = entries.map((e) => e[key]);
      expect(values.every(Boolean), `every entry has a ${key}`).toBe(true);
      expect(new Set(values).size, `legend entries share a ${key}: ${values.join(', ')}`).toBe(STATUSES.length);
    }

    // Each status painted on the chart fills its surface with a pattern of its own.
    const fills = await page.locator('.odontogram polygon[data-status]').evaluateAll((zones) => zones.map((z) => ({ status: z.getAttribute('data-status'), fill: (z as SVGElement).style.fill })));
    expect(fills.map((f) => f.status).sort()).toEqual([...STATUSES].sort());
    expect(new Set(fills.map((f) => f.fill)).size).toBe(STATUSES.length);
    for (const f of fills) expect(f.fill).toMatch(/^url\(/);
    await page.getByRole('application', { name: 'Odontograma' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-legend-es');

    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    const legendEn = page.getByRole('list', { name: 'Legend' });
    await ui(legendEn).containsText('Completed');
    await ui(legendEn.getByRole('listitem')).hasCount(STATUSES.length);
    await page.getByRole('application', { name: 'Odontogram' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'chart-legend-en');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });
});

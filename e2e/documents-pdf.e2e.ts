import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { makeLetterPdf } from '../test/main/documents-support';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

/*
 * PDFs in the viewer: a real three-page referral letter made by pdfkit,
 * attached through the picker, drawn by pdf.js on a canvas (its first page as
 * the card's thumbnail too), paged by keyboard, zoomed, annotated on page 2;
 * and a PDF from the watched folder getting its thumbnail without anyone
 * opening it.
 */

let browser: Browser;
let app: RunningApp;
let dataDir: string;
let letter: Buffer;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-documents-pdf-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'hygienist', 'higienista');
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', phones: [{ number: '9 6123 4567' }] },
    alerts: [],
  });
  await core.close();
  letter = await makeLetterPdf(3);
  app = await openApp(browser, {
    dataDir,
    passphrase: PASSPHRASE,
    // A CSP refusal (a worker, a font, an eval) shows as a console error or a security-policy violation: none may happen.
    beforeGoto: async (page) => {
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`)));
    },
  });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page, username: string, password = 'user-password-1') {
  await page.getByLabel('Usuario', { exact: true }).fill(username);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
}

async function openDocuments(page: Page) {
  await page.keyboard.press('Control+f');
  await page.keyboard.type('rosa val');
  await page.getByRole('option', { name: /Rosa/ }).first().click();
  await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
  await page.getByRole('tab', { name: 'Documentos', exact: true }).click();
}

/** What the page canvas shows: how many pixels are not paper-white, and the colour of the page's top band. */
function canvasPixels(canvas: Locator) {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 245 || data[i + 1]! < 245 || data[i + 2]! < 245) inked++;
    const at = (Math.floor(c.height * 0.03) * c.width + Math.floor(c.width * 0.9)) * 4;
    return { width: c.width, height: c.height, inked, band: [data[at]!, data[at + 1]!, data[at + 2]!] };
  });
}

const BLUE = [0x1d, 0x4e, 0xd8];
const RED = [0xb9, 0x1c, 0x1c];
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 12);

describe('PDFs in the documents viewer', () => {
  it('a hygienist attaches a three-page letter, reads it page by page, zooms and annotates page 2 (Spanish)', async () => {
    const page = app.page;
    await signIn(page, 'higienista');
    await openDocuments(page);
    await page.getByLabel('Tipo', { exact: true }).selectOption('letter');
    await page.getByLabel('Elegir archivos…').setInputFiles([{ name: 'derivacion-endodoncia.pdf', mimeType: 'application/pdf', buffer: letter }]);
    await ui(page.getByText('Se adjuntó 1 archivo.')).visible();
    // The card's thumbnail is the first page, drawn in this browser when attaching.
    const thumb = page.locator('.document-card', { hasText: 'derivacion-endodoncia.pdf' }).locator('.document-thumb img');
    await ui(thumb).visible();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalHeight)).toBe(240);
    await expectAccessible(page);
    await screenshot(page, 'documents-pdf-tab-es');

    await page.getByRole('button', { name: /^Abrir Carta de laboratorio o derivación del / }).click();
    const viewer = page.getByRole('dialog', { name: /^Carta de laboratorio o derivación del / });
    await ui(viewer.getByText('Página 1 de 3')).visible();
    const canvas = viewer.locator('canvas.pdf-page');
    await ui(canvas).hasAttribute('data-painted', '1');
    const first = await canvasPixels(canvas);
    expect(first.inked).toBeGreaterThan(first.width * first.height * 0.05);
    expect(near(first.band, BLUE), `page 1 band ${first.band}`).toBe(true);
    await ui(viewer.getByRole('button', { name: 'Página anterior' })).hasAttribute('aria-disabled', 'true');
    await expectAccessible(page);
    await screenshot(page, 'documents-pdf-viewer-es');

    // The keyboard: PageDown to page 2 (its band is red), + to zoom, drawn again sharper.
    const stage = viewer.getByRole('application', { name: /^Documento PDF: derivacion-endodoncia\.pdf, página \d+ de 3/ });
    await stage.focus();
    await page.keyboard.press('PageDown');
    await ui(viewer.getByText('Página 2 de 3')).visible();
    await ui(canvas).hasAttribute('data-painted', '2');
    expect(near((await canvasPixels(canvas)).band, RED)).toBe(true);
    const before = (await canvasPixels(canvas)).width;
    await page.keyboard.press('+');
    await ui(viewer.getByText('Zoom 150 %')).visible();
    await expect.poll(async () => (await canvasPixels(canvas)).width).toBeGreaterThan(before * 1.4);
    // Drawn sharper, shown at the same size as the zoomed frame it fills.
    const frame = (await viewer.locator('.image-frame').boundingBox())!;
    const shown = (await canvas.boundingBox())!;
    expect(Math.abs(shown.width - frame.width)).toBeLessThan(2);
    expect(Math.abs(shown.height - frame.height)).toBeLessThan(2);
    await viewer.getByRole('button', { name: 'Ajustar al ancho' }).click();
    await ui(viewer.getByRole('button', { name: 'Ajustar al ancho' })).hasAttribute('aria-pressed', 'true');
    await ui(viewer.getByText('Zoom 100 %')).visible();

    // An arrow on page 2: listed with its page, drawn on page 2 only.
    await viewer.getByLabel('Herramienta').selectOption('arrow');
    await viewer.getByRole('button', { name: 'Agregar al centro' }).click();
    await ui(viewer.getByText(/^Flecha \(página 2\) · /)).visible();
    await ui(viewer.locator('line[data-kind="arrow"]')).hasCount(1);
    await expectAccessible(page);
    await screenshot(page, 'documents-pdf-annotated-es');
    await stage.focus();
    await page.keyboard.press('PageUp');
    await ui(viewer.getByText('Página 1 de 3')).visible();
    await ui(viewer.locator('line[data-kind="arrow"]')).hasCount(0);
    await page.keyboard.press('End');
    await ui(viewer.getByText('Página 3 de 3')).visible();
    await ui(viewer.getByRole('button', { name: 'Página siguiente' })).hasAttribute('aria-disabled', 'true');
    await viewer.getByRole('button', { name: 'Página anterior' }).click();
    await ui(viewer.getByText('Página 2 de 3')).visible();
    await ui(viewer.locator('line[data-kind="arrow"]')).hasCount(1);
    // PageDown works from the page buttons too.
    await page.keyboard.press('PageDown');
    await ui(viewer.getByText('Página 3 de 3')).visible();
    await viewer.getByRole('button', { name: 'Cerrar' }).click();
    await ui(viewer).hidden();
    await ui(page.getByText('1 anotación')).visible();
  });

  it('the same viewer in English', async () => {
    const page = app.page;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('tab', { name: 'Documents', exact: true })).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-pdf-tab-en');
    await page.getByRole('button', { name: /^Open Lab or referral letter of / }).click();
    const viewer = page.getByRole('dialog', { name: /^Lab or referral letter of / });
    await ui(viewer.getByText('Page 1 of 3')).visible();
    const canvas = viewer.locator('canvas.pdf-page');
    await ui(canvas).hasAttribute('data-painted', '1');
    expect((await canvasPixels(canvas)).inked).toBeGreaterThan(1000);
    await viewer.getByRole('application', { name: /^PDF document: derivacion-endodoncia\.pdf, page 1 of 3\. / }).focus();
    await page.keyboard.press('PageDown');
    await ui(viewer.getByText('Page 2 of 3')).visible();
    await ui(canvas).hasAttribute('data-painted', '2');
    await ui(viewer.getByText(/^Arrow \(page 2\) · /)).visible();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await ui(viewer.getByText('Zoom 200%')).visible();
    await ui(viewer.getByRole('button', { name: 'Next page' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-pdf-viewer-en');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
    await ui(page.getByRole('tab', { name: 'Documentos', exact: true })).visible();
  });

  it('a PDF from the watched folder gets its thumbnail in the list, without anyone opening it', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await signIn(page, ADMIN.username, ADMIN.password);
    await openDocuments(page);
    const folder = mkdtempSync(join(tmpdir(), 'dental-e2e-pdf-folder-'));
    try {
      await page.getByLabel('Carpeta (en esta estación)').fill(folder);
      await page.getByRole('button', { name: 'Guardar carpeta' }).click();
      await ui(page.getByText(`Vigilando ${folder}`, { exact: false })).visible();
      const exported = join(folder, 'interconsulta.pdf');
      writeFileSync(exported, await makeLetterPdf(2, 'Interconsulta'));
      const past = new Date(Date.now() - 60_000);
      utimesSync(exported, past, past);
      await page.getByRole('button', { name: 'Importar ahora' }).click();
      const card = page.locator('.document-card', { hasText: 'interconsulta.pdf' });
      await ui(card).visible();
      expect(existsSync(exported)).toBe(false);
      // The tab drew the missing thumbnail and stored it: it is in the database, for every workstation.
      await ui(card.locator('.document-thumb img')).visible();
      const stored = await app.core.vault.store().db.selectFrom('documents').select(['thumbnail', 'thumbnail_mime', 'source']).where('file_name', '=', 'interconsulta.pdf').executeTakeFirstOrThrow();
      expect(stored).toMatchObject({ thumbnail_mime: 'image/jpeg', source: 'folder' });
      expect(stored.thumbnail!.length).toBeGreaterThan(1000);
      await expectAccessible(page);
      await card.locator('.document-thumb').evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await screenshot(page, 'documents-pdf-folder-es');
      await page.getByRole('button', { name: 'Dejar de vigilar' }).click();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    // pdf.js and its worker ran under the CSP without a refusal: no worker, font, fetch or style blocked, no eval tried from a pdf.js file.
    // (zod probes Function('') once and catches the refusal; that report is not ours.)
    // A damaged PDF (right magic bytes, nothing after): kept, with the generic icon, and the viewer says why it cannot show it.
    await page.getByLabel('Tipo', { exact: true }).selectOption('letter');
    await page.getByLabel('Elegir archivos…').setInputFiles([{ name: 'danada.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\nthis is not really a PDF\n', 'latin1') }]);
    await ui(page.getByText('Se adjuntó 1 archivo.')).visible();
    const damaged = page.locator('.document-card', { hasText: 'danada.pdf' });
    await ui(damaged.locator('.document-thumb svg')).visible();
    await ui(damaged.locator('.document-thumb img')).hasCount(0);
    await damaged.getByRole('button', { name: /^Abrir / }).click();
    const viewer = page.getByRole('dialog', { name: /^Carta de laboratorio o derivación del / });
    await ui(viewer.getByText('Este PDF no se puede mostrar aquí', { exact: false })).visible();
    await ui(viewer.getByRole('button', { name: 'Guardar una copia' })).visible();
    await expectAccessible(page);
    await viewer.getByRole('button', { name: 'Cerrar' }).click();
    await ui(viewer).hidden();

    expect(errors.filter((e) => /pdf/i.test(e) || /CSP violation: (worker-src|font-src|connect-src|img-src|style-src|default-src)/.test(e))).toEqual([]);
  });
});

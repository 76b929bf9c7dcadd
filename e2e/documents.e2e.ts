import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, addUser, call, PASSPHRASE, setUpPractice } from '../test/support/practice';
import { makePdf, makePng } from '../test/main/documents-support';
import { expectAccessible, launchBrowser, openApp, type RunningApp, screenshot } from './support/app';
import { ui } from './support/expect-ui';

let browser: Browser;
let app: RunningApp;
let dataDir: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'dental-e2e-documents-'));
  const { core } = await setUpPractice(dataDir);
  await addUser(core, 'hygienist', 'higienista');
  await addUser(core, 'receptionist', 'recepcion');
  await call(core, 'admin', 'patients.create', {
    draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11', phones: [{ number: '9 6123 4567' }] },
    alerts: [],
  });
  await core.close();
  app = await openApp(browser, { dataDir, passphrase: PASSPHRASE });
});

afterAll(async () => {
  await app?.close();
  await browser?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A real JPEG, encoded by the browser's own canvas: a bitewing-like grey gradient with two "teeth". */
async function makeJpeg(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext('2d')!;
    const gradient = g.createLinearGradient(0, 0, 640, 480);
    gradient.addColorStop(0, '#202020');
    gradient.addColorStop(1, '#707070');
    g.fillStyle = gradient;
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = '#d8d8d8';
    g.fillRect(120, 120, 150, 260);
    g.fillRect(360, 110, 160, 270);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

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
  await ui(page.getByRole('region', { name: 'Ficha del paciente' })).visible();
}

describe('documents and imaging', () => {
  it('a hygienist attaches two radiographs, compares them and annotates one (Spanish)', async () => {
    const page = app.page;
    await signIn(page, 'higienista');
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Documentos', exact: true }).click();
    await ui(page.getByText('Este paciente aún no tiene documentos.')).visible();
    await expectAccessible(page);

    // Type, date and teeth first; both files through the picker.
    await page.getByLabel('Tipo', { exact: true }).selectOption('radiograph');
    await page.getByLabel('Dientes', { exact: false }).first().fill('18, 17');
    const jpeg = await makeJpeg(page);
    await page.getByLabel('Elegir archivos…').setInputFiles([
      { name: 'bitewing-derecha.jpg', mimeType: 'image/jpeg', buffer: jpeg },
      { name: 'periapical-18.png', mimeType: 'image/png', buffer: makePng(400, 300, 9) },
    ]);
    await ui(page.getByText('Se adjuntaron 2 archivos.')).visible();
    const opens = page.getByRole('button', { name: /^Abrir Radiografía del / });
    await ui(opens).hasCount(2);
    // Thumbnails were drawn in the browser and stored: both cards show an image.
    await ui(page.locator('.document-thumb img')).hasCount(2);
    await expectAccessible(page);

    // A file that is not an image, whatever its name says.
    await page.getByLabel('Elegir archivos…').setInputFiles([{ name: 'falsa.png', mimeType: 'image/png', buffer: Buffer.from('no soy una imagen') }]);
    await ui(page.getByText('falsa.png: El archivo no es JPEG, PNG ni PDF', { exact: false })).visible();

    // A referral letter dropped on the zone (a real drop event carrying a File), typed as a letter first.
    await page.getByLabel('Tipo', { exact: true }).selectOption('letter');
    const pdf = makePdf('Derivacion a endodoncia').toString('base64');
    await page.locator('.drop-zone').evaluate((zone, data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'derivacion.pdf', { type: 'application/pdf' }));
      zone.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
      zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }, pdf);
    await ui(page.getByText('Se adjuntó 1 archivo.')).visible();
    await page.getByRole('button', { name: /^Abrir Carta de laboratorio o derivación del / }).click();
    const letter = page.getByRole('dialog', { name: /^Carta de laboratorio o derivación del / });
    await ui(letter.getByText('Página 1 de 1')).visible();
    await ui(letter.locator('canvas.pdf-page')).hasAttribute('data-painted', '1');
    await expectAccessible(page);
    await letter.getByRole('button', { name: 'Cerrar' }).click();
    await ui(letter).hidden();
    await page.getByLabel('Tipo', { exact: true }).selectOption('radiograph');

    // Compare the two side by side.
    const checks = page.getByRole('checkbox', { name: /^Comparar Radiografía/ });
    await checks.nth(0).check();
    await checks.nth(1).check();
    await page.getByRole('button', { name: 'Comparar seleccionadas' }).click();
    const compare = page.getByRole('dialog', { name: 'Comparación de imágenes' });
    await ui(compare).visible();
    const stages = compare.getByRole('application', { name: /^Imagen: / });
    await ui(stages).hasCount(2);
    await ui(compare.locator('.image-frame img')).hasCount(2);
    await expect.poll(() => compare.locator('.image-frame img').evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toBe(true);

    // Annotate the left one with the mouse: an arrow dragged over the image.
    const left = compare.getByRole('region', { name: /^Izquierda: / });
    await left.getByLabel('Herramienta').selectOption('arrow');
    const box = (await left.getByRole('application').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.55, { steps: 5 });
    await page.mouse.up();
    await ui(left.getByText(/^Flecha · /)).visible();
    await ui(left.locator('line[data-kind="arrow"]')).hasCount(1);
    // Zoom on the right one by keyboard only: the left one stays as it was.
    const right = compare.getByRole('region', { name: /^Derecha: / });
    await right.getByRole('application').focus();
    await page.keyboard.press('+');
    await ui(right.getByText('Zoom 150 %')).visible();
    await ui(left.getByText('Zoom 100 %')).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-compare-es');
    await compare.getByRole('button', { name: 'Cerrar' }).click();
    await ui(compare).hidden();

    // The viewer: keyboard zoom, pan, invert, reset, and a text note added without the mouse.
    await ui(page.getByText('1 anotación')).visible();
    await opens.first().click();
    const viewer = page.getByRole('dialog', { name: /^Radiografía del / });
    await ui(viewer).visible();
    const stage = viewer.getByRole('application', { name: /^Imagen: / });
    await stage.focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await ui(viewer.getByText('Zoom 200 %')).visible();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('i');
    await ui(viewer.getByRole('button', { name: 'Invertir' })).hasAttribute('aria-pressed', 'true');
    await expect.poll(() => viewer.locator('.image-frame img').evaluate((img) => getComputedStyle(img).filter)).toContain('invert(1)');
    await page.keyboard.press('0');
    await ui(viewer.getByText('Zoom 100 %')).visible();
    await ui(viewer.getByRole('button', { name: 'Invertir' })).hasAttribute('aria-pressed', 'false');
    await viewer.getByLabel('Brillo').fill('140');
    await expect.poll(() => viewer.locator('.image-frame img').evaluate((img) => getComputedStyle(img).filter)).toContain('brightness(1.4)');
    await viewer.getByLabel('Herramienta').selectOption('text');
    await viewer.getByLabel('Texto de la anotación').fill('Caries distal');
    await viewer.getByRole('button', { name: 'Agregar al centro' }).click();
    await ui(viewer.getByText(/^Texto «Caries distal» · /)).visible();
    await ui(viewer.locator('svg text', { hasText: 'Caries distal' })).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-viewer-es');
    await viewer.getByRole('button', { name: 'Cerrar' }).click();
    await ui(viewer).hidden();

    // From the chart: the radiographs of tooth 18.
    await page.getByRole('tab', { name: 'Odontograma', exact: true }).last().click();
    const board = page.getByRole('application', { name: 'Odontograma' });
    await board.focus();
    await page.keyboard.press('ArrowRight');
    await ui(page.getByTestId('chart-selection')).containsText('18');
    await page.getByRole('button', { name: 'Radiografías de este diente' }).click();
    await ui(page.getByText('Mostrando los documentos del diente 18.')).visible();
    await ui(opens).hasCount(2);
    await page.getByLabel('Filtrar por diente').fill('36');
    await page.getByLabel('Filtrar por diente').press('Enter');
    await ui(page.getByText('No hay documentos del diente 36.')).visible();
    await page.getByRole('button', { name: 'Ver todos' }).click();
    await ui(opens).hasCount(2);
    await expectAccessible(page);
    await screenshot(page, 'documents-tab-es');
  });

  it('the same screens in English', async () => {
    const page = app.page;
    await page.getByRole('combobox', { name: 'Idioma', exact: true }).selectOption('en');
    await ui(page.getByRole('tab', { name: 'Documents', exact: true })).visible();
    const opens = page.getByRole('button', { name: /^Open Radiograph of / });
    await ui(opens).hasCount(2);
    await ui(page.getByText('Tick two images to compare them side by side.')).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-tab-en');

    const checks = page.getByRole('checkbox', { name: /^Compare Radiograph/ });
    await checks.nth(0).check();
    await checks.nth(1).check();
    await page.getByRole('button', { name: 'Compare selected' }).click();
    const compare = page.getByRole('dialog', { name: 'Image comparison' });
    await ui(compare.locator('.image-frame img')).hasCount(2);
    await ui(compare.getByText(/^Arrow · /)).visible();
    await expectAccessible(page);
    await screenshot(page, 'documents-compare-en');
    await compare.getByRole('button', { name: 'Close' }).click();

    await opens.first().click();
    const viewer = page.getByRole('dialog', { name: /^Radiograph of / });
    await ui(viewer.getByText(/^Text “Caries distal” · /)).visible();
    await viewer.getByRole('application', { name: /^Image: / }).focus();
    await page.keyboard.press('I');
    await ui(viewer.getByRole('button', { name: 'Invert' })).hasAttribute('aria-pressed', 'true');
    await expectAccessible(page);
    await screenshot(page, 'documents-viewer-en');
    await viewer.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('es');
  });

  it('the front desk attaches an ID and sees the letters, but never the radiographs', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await signIn(page, 'recepcion');
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Documentos', exact: true }).click();
    await ui(page.getByText('Contenido clínico: requiere permiso clínico para verse.')).hasCount(2);
    await ui(page.getByRole('button', { name: /^Abrir Radiografía/ })).hasCount(0);
    await ui(page.getByRole('checkbox', { name: /^Comparar Radiografía/ })).hasCount(0);
    await page.getByLabel('Tipo', { exact: true }).selectOption('id');
    await page.getByLabel('Dientes', { exact: false }).first().fill('');
    await page.getByLabel('Elegir archivos…').setInputFiles([{ name: 'carnet.png', mimeType: 'image/png', buffer: makePng(120, 80, 3) }]);
    await ui(page.getByText('Se adjuntó 1 archivo.')).visible();
    await page.getByRole('button', { name: /^Abrir Identificación del / }).click();
    const viewer = page.getByRole('dialog', { name: /^Identificación del / });
    await ui(viewer.getByRole('application', { name: /^Imagen: carnet\.png/ })).visible();
    // Annotating is clinical: no tools for the front desk.
    await ui(viewer.getByLabel('Herramienta')).hasCount(0);
    await expectAccessible(page);
    await viewer.getByRole('button', { name: 'Cerrar' }).click();
    await expectAccessible(page);
    await screenshot(page, 'documents-tab-receptionist-es');
  });

  it('the admin names this workstation’s import folder; what the sensor drops there is imported for the open patient and removed', async () => {
    const page = app.page;
    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.getByLabel('Usuario', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await ui(page.getByRole('combobox', { name: 'Buscar paciente' })).visible();
    await openPatient(page, 'rosa val', /Rosa/);
    await page.getByRole('tab', { name: 'Documentos', exact: true }).click();
    const folder = mkdtempSync(join(tmpdir(), 'dental-e2e-sensor-'));
    try {
      await page.getByLabel('Carpeta (en esta estación)').fill(folder);
      await page.getByRole('button', { name: 'Guardar carpeta' }).click();
      await ui(page.getByText(`Vigilando ${folder}`, { exact: false })).visible();
      const cards = page.locator('.document-card');
      const before = await cards.count();
      const exported = join(folder, 'IMG_0042.png');
      writeFileSync(exported, makePng(200, 150, 42));
      const past = new Date(Date.now() - 60_000);
      utimesSync(exported, past, past);
      await page.getByRole('button', { name: 'Importar ahora' }).click();
      await ui(cards).hasCount(before + 1);
      await ui(page.getByText('IMG_0042.png', { exact: true })).visible();
      // No one opened it, yet the tab drew its thumbnail and stored it.
      await ui(page.locator('.document-card', { hasText: 'IMG_0042.png' }).locator('.document-thumb img')).visible();
      expect(existsSync(exported)).toBe(false);
      await expectAccessible(page);
      await screenshot(page, 'documents-import-folder-es');
      await page.getByRole('button', { name: 'Dejar de vigilar' }).click();
      await ui(page.getByText('Esta estación no tiene carpeta de importación.')).visible();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

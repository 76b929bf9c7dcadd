import { v7 as uuidv7 } from 'uuid';
import { CHROMIUM, launchBrowser } from '../e2e/support/app';
import { createAppCore } from '../src/main/app-core';
import { startBrowserHost } from '../src/main/host/browser-host';
import { makeLetterPdf, makePng } from '../test/main/documents-support';
import { type BenchContext, type BenchSuite, info, summarize, timeAsync } from './harness';

/*
 * Documents and imaging, on a fresh practice (the large demo has no files):
 * - documents.attach_5mb_main: documents.attach of a 5 MB radiograph through
 *   the dispatcher (decode, magic bytes, SHA-256, ten 512 KiB chunks and the
 *   record in one encrypted transaction, the outbox and the audit entry);
 * - documents.attach_5mb_to_thumbnail: the real app in Chromium through the
 *   browser host: from handing the file to the picker to its thumbnail on
 *   screen (reading it, drawing the thumbnail on a canvas, the upload, the
 *   write, the list's refetch and paint);
 * - documents.viewer_first_paint: a click on a thumbnail to the first frame
 *   after the full image has decoded in the viewer (each document opened
 *   once, cold: its bytes fetched, reassembled and checked in main).
 * - documents.thumbnails_backfill_10x5mb: the ten radiographs attached through
 *   the dispatcher have no thumbnail (as folder imports arrive); from opening
 *   the documents tab to all ten drawn by the tab and on screen (each file
 *   fetched, decoded, drawn small, stored with documents.setThumbnail). One
 *   sample: it happens once per document.
 * - documents.viewer_pdf_first_page: a click on a 10-page PDF letter (made by
 *   pdfkit, text and vector) to the first frame after pdf.js painted page 1
 *   on the canvas; each PDF opened once. The first open also loads pdf.js and
 *   starts its worker (its time is logged apart too).
 */

const MAIN_SAMPLES = 10;
const UI_SAMPLES = 6;
const PDF_SAMPLES = 6;
const PDF_PAGES = 10;
const PASSPHRASE = 'bench passphrase for documents';
const ADMIN = { username: 'admin', password: 'admin-password-1' };

async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; messageKey: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.messageKey}`);
  return r.value;
}

async function run(ctx: BenchContext): Promise<void> {
  const dataDir = ctx.tempDir('documents');
  const core = await createAppCore({ dataDir });
  try {
    await ok(
      core.dispatch(
        'app.setup',
        {
          practice: { name: 'Clínica Bench', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'es' },
          admin: { givenNames: 'Ana', firstSurname: 'Bench', secondSurname: '', ...ADMIN },
          key: { kind: 'passphrase', passphrase: PASSPHRASE },
        },
        'bench',
      ),
    );
    const patient = await ok(core.dispatch('patients.create', { draft: { givenNames: 'Rosa', firstSurname: 'Valdés', secondSurname: 'Rojas', birthDate: '1968-04-11' }, alerts: [] }, 'bench'));
    const patientId = (patient as { id: string }).id;
    // Noise does not compress: each PNG is ~5.1 MB, a different file every time (no content-addressed shortcut).
    const files = Array.from({ length: MAIN_SAMPLES + UI_SAMPLES }, (_, i) => makePng(2300, 2200, 100 + i));
    info(`documents: ${(files[0]!.length / 1024 / 1024).toFixed(2)} MB radiographs`);

    if (ctx.wants('documents.attach_5mb_main')) {
      const samples: number[] = [];
      for (let i = 0; i < MAIN_SAMPLES; i++) {
        const input = { documentId: uuidv7(), patientId, fileName: `rx-${i}.png`, dataBase64: files[i]!.toString('base64'), takenOn: '2026-03-04', kind: 'radiograph', teeth: [] };
        samples.push((await timeAsync(() => ok(core.dispatch('documents.attach', input, 'bench')))).ms);
      }
      ctx.emit(summarize('documents.attach_5mb_main', samples));
    }

    const wantsUi = ['documents.attach_5mb_to_thumbnail', 'documents.viewer_first_paint', 'documents.thumbnails_backfill_10x5mb', 'documents.viewer_pdf_first_page'].some((b) => ctx.wants(b));
    if (!wantsUi) return;
    if (!CHROMIUM.found) return info(`documents: browser benches skipped. ${CHROMIUM.message}`);
    const host = await startBrowserHost({ core });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'es-CL' });
      await page.goto(host.url);
      await page.getByLabel('Usuario', { exact: true }).fill(ADMIN.username);
      await page.getByLabel('Contraseña', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Ingresar' }).click();
      await page.getByRole('combobox', { name: 'Buscar paciente' }).waitFor();
      await page.keyboard.press('Control+f');
      await page.keyboard.type('rosa val');
      await page.getByRole('option', { name: /Rosa/ }).first().click();
      const tabOpened = performance.now();
      await page.getByRole('tab', { name: 'Documentos', exact: true }).click();
      const thumbs = page.locator('.document-thumb img');
      await page.getByText('Elegir archivos…').waitFor();
      // The radiographs attached above have no thumbnail: the tab draws them. Wait for all, so the attach bench counts only its own.
      const attachedInMain = ctx.wants('documents.attach_5mb_main') ? MAIN_SAMPLES : 0;
      await page.waitForFunction((n) => [...document.querySelectorAll<HTMLImageElement>('.document-thumb img')].filter((img) => img.complete && img.naturalWidth > 0).length >= n, attachedInMain, { timeout: 120_000, polling: 100 });
      if (attachedInMain > 0 && ctx.wants('documents.thumbnails_backfill_10x5mb')) ctx.emit(summarize('documents.thumbnails_backfill_10x5mb', [performance.now() - tabOpened]));
      const before = await thumbs.count();

      const attach: number[] = [];
      for (let i = 0; i < UI_SAMPLES; i++) {
        const file = files[MAIN_SAMPLES + i]!;
        const expected = before + i + 1;
        const started = performance.now();
        await page.getByLabel('Elegir archivos…').setInputFiles([{ name: `bitewing-${i}.png`, mimeType: 'image/png', buffer: file }]);
        await page.waitForFunction((n) => [...document.querySelectorAll<HTMLImageElement>('.document-thumb img')].filter((img) => img.complete && img.naturalWidth > 0).length >= n, expected, { timeout: 60_000, polling: 'raf' });
        attach.push(performance.now() - started);
      }
      ctx.emit(summarize('documents.attach_5mb_to_thumbnail', attach));

      const paint: number[] = [];
      const opens = page.getByRole('button', { name: /^Abrir / });
      const count = Math.min(UI_SAMPLES, await opens.count());
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        await opens.nth(i).click();
        await page.waitForFunction(
          () =>
            new Promise<boolean>((resolve) => {
              const img = document.querySelector<HTMLImageElement>('dialog .image-frame img');
              if (!img || !img.complete || img.naturalWidth === 0) return resolve(false);
              // The first frame painted after the image decoded.
              void img.decode().then(() => requestAnimationFrame(() => resolve(true)));
            }),
          undefined,
          { timeout: 60_000, polling: 'raf' },
        );
        paint.push(performance.now() - started);
        await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
        await page.getByRole('dialog').waitFor({ state: 'hidden' });
      }
      ctx.emit(summarize('documents.viewer_first_paint', paint));

      if (ctx.wants('documents.viewer_pdf_first_page')) {
        // Each letter a different file (its title), with a thumbnail already, so the tab draws nothing meanwhile.
        const thumbnail = { mime: 'image/png' as const, dataBase64: makePng(24, 34, 7).toString('base64') };
        for (let i = 0; i < PDF_SAMPLES; i++) {
          const pdf = await makeLetterPdf(PDF_PAGES, `Derivación ${i + 1}`);
          if (i === 0) info(`documents: ${PDF_PAGES}-page PDF letters of ${(pdf.length / 1024).toFixed(0)} kB`);
          const input = { documentId: uuidv7(), patientId, fileName: `carta-${i}.pdf`, dataBase64: pdf.toString('base64'), takenOn: '2026-03-05', kind: 'letter', teeth: [], thumbnail };
          await ok(core.dispatch('documents.attach', input, 'bench'));
        }
        const pdfPaint: number[] = [];
        for (let i = 0; i < PDF_SAMPLES; i++) {
          const open = page.locator('.document-card', { hasText: `carta-${i}.pdf` }).getByRole('button', { name: /^Abrir / });
          await open.waitFor({ timeout: 60_000 });
          const started = performance.now();
          await open.click();
          await page.waitForFunction(
            () =>
              new Promise<boolean>((resolve) => {
                if (!document.querySelector('dialog canvas.pdf-page[data-painted="1"]')) return resolve(false);
                // The first frame after page 1 was drawn on the canvas.
                requestAnimationFrame(() => resolve(true));
              }),
            undefined,
            { timeout: 60_000, polling: 'raf' },
          );
          pdfPaint.push(performance.now() - started);
          await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
          await page.getByRole('dialog').waitFor({ state: 'hidden' });
        }
        info(`documents: viewer_pdf_first_page, the first open (pdf.js loaded, its worker started): ${pdfPaint[0]!.toFixed(1)} ms`);
        ctx.emit(summarize('documents.viewer_pdf_first_page', pdfPaint));
      }
    } finally {
      await browser.close();
      await host.close();
    }
  } finally {
    await core.close();
  }
}

export const documentsSuite: BenchSuite = {
  area: 'documents',
  benches: ['documents.attach_5mb_main', 'documents.attach_5mb_to_thumbnail', 'documents.viewer_first_paint', 'documents.thumbnails_backfill_10x5mb', 'documents.viewer_pdf_first_page'],
  run,
};

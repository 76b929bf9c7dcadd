import type * as PdfJsModule from 'pdfjs-dist';
import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';

/*
 * PDFs drawn in the renderer with pdf.js, from the bytes the contract already
 * carries: nothing is written to disk, nothing is fetched. pdf.js and its
 * worker are loaded on the first PDF only (a separate chunk and a worker file
 * Vite emits next to the bundle, so worker-src 'self' allows it).
 *
 * Everything that could reach outside or run code is off: no eval (the CSP
 * forbids it anyway), no URLs for standard fonts, CMaps, ICC profiles or wasm
 * (fonts a PDF does not embed fall back to system fonts), no fetch in the
 * worker, no XFA forms, and pdf.js never runs a PDF's own JavaScript outside
 * its viewer's sandbox, which is not loaded.
 */

type PdfJs = typeof PdfJsModule;
let loading: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loading ??= Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]).then(([lib, worker]) => {
    lib.GlobalWorkerOptions.workerSrc = worker.default;
    return lib;
  });
  return loading;
}

export type PdfDocument = PDFDocumentProxy;

/** Opens a PDF from its bytes (copied: pdf.js hands its buffer to the worker). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  return lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useWorkerFetch: false,
    useWasm: false,
    useSystemFonts: true,
    enableXfa: false,
    disableRange: true,
    disableStream: true,
    disableAutoFetch: true,
    verbosity: 0,
  }).promise;
}

export function base64ToBytes(dataBase64: string): Uint8Array {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A page's size at scale 1, in CSS pixels (PDF points). */
export function pageSize(page: PDFPageProxy): { w: number; h: number } {
  const viewport = page.getViewport({ scale: 1 });
  return { w: viewport.width, h: viewport.height };
}

/** The largest canvas drawn for one page: enough for 8× zoom of a fitted page on most screens, far under Chromium's limits. */
const MAX_CANVAS_PIXELS = 16_000_000;

/**
 * Draws a page on a canvas at `scale` (CSS pixels per PDF point, device
 * pixels included), white behind it as on paper. The canvas is capped in
 * area, so a deep zoom gets a little soft rather than exhausting memory.
 * Returns the task, so a newer draw of the same canvas can cancel it.
 */
export function drawPage(page: PDFPageProxy, canvas: HTMLCanvasElement, scale: number): RenderTask {
  const base = page.getViewport({ scale: 1 });
  const cap = Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, base.width * base.height));
  const viewport = page.getViewport({ scale: Math.max(0.05, Math.min(scale, cap)) });
  canvas.width = Math.max(1, Math.floor(viewport.width));
  canvas.height = Math.max(1, Math.floor(viewport.height));
  return page.render({ canvas, viewport, background: '#ffffff' });
}

/** True when a render was cancelled by a newer one (not a failure). */
export function isCancelled(error: unknown): boolean {
  return error instanceof Error && error.name === 'RenderingCancelledException';
}

/** The first page, at most `maxPx` on its longest side, on a canvas in memory. */
export async function drawFirstPage(bytes: Uint8Array, maxPx: number): Promise<HTMLCanvasElement> {
  const pdf = await openPdf(bytes);
  try {
    const page = await pdf.getPage(1);
    const size = pageSize(page);
    const canvas = document.createElement('canvas');
    await drawPage(page, canvas, maxPx / Math.max(size.w, size.h)).promise;
    return canvas;
  } finally {
    void pdf.destroy();
  }
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserHost, startBrowserHost } from '../../src/main/host/browser-host';
import { en } from '../../src/shared/i18n/en';
import { es } from '../../src/shared/i18n/es';
import { call, callError, setUpPractice, tempDir } from '../support/practice';
import { chairsideFixture } from './chairside-support';
import { makeLetterPdf, makePng } from './documents-support';

/*
 * PDFs as documents with pages (migration 0018): annotations carry the page
 * they are drawn on, images stay one page, every one audited; the thumbnail a
 * renderer draws of a PDF's first page is stored once. And the browser host
 * serves the pdf.js worker (an .mjs file) as JavaScript, or a module worker
 * would refuse to start.
 */

const TODAY = '2026-03-04';
const b64 = (bytes: Buffer) => bytes.toString('base64');
const arrow = { kind: 'arrow', from: { x: 0.2, y: 0.2 }, to: { x: 0.5, y: 0.5 }, colour: 'red' } as const;

let host: BrowserHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function resolveKey(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('PDF documents', () => {
  it('annotates a PDF page by page; the page is stored, returned, audited and synced', async () => {
    const f = await chairsideFixture();
    const pdf = await makeLetterPdf(3);
    const letter = await call(f.core, f.hygienist, 'documents.attach', { documentId: uuidv7(), patientId: f.camila.id, fileName: 'derivacion.pdf', dataBase64: b64(pdf), takenOn: TODAY, kind: 'letter', teeth: [] });
    expect(letter).toMatchObject({ mime: 'application/pdf', thumbnail: null, annotationCount: 0 });

    const onTwo = await call(f.core, f.dentist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: letter.id, page: 2, shape: arrow });
    expect(onTwo).toMatchObject({ page: 2, shape: arrow });
    const onOne = await call(f.core, f.dentist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: letter.id, shape: { kind: 'text', at: { x: 0.5, y: 0.1 }, text: 'Ver pieza 3.6', colour: 'yellow' } });
    expect(onOne.page).toBe(1);

    const viewed = await call(f.core, f.dentist, 'documents.get', { documentId: letter.id });
    expect(Buffer.from(viewed.dataBase64, 'base64').equals(pdf)).toBe(true);
    // Ordered by page, then by time.
    expect(viewed.annotations.map((a) => [a.page, a.shape.kind])).toEqual([
      [1, 'text'],
      [2, 'arrow'],
    ]);
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id }))[0]!.annotationCount).toBe(2);

    // Saving the same annotation again (a retry, or moving it) may change its page.
    await call(f.core, f.dentist, 'documents.annotations.save', { annotationId: onTwo.id, documentId: letter.id, page: 3, shape: arrow });
    expect((await call(f.core, f.dentist, 'documents.get', { documentId: letter.id })).annotations.map((a) => a.page)).toEqual([1, 3]);

    const db = f.core.vault.store().db;
    const audit = await db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'documents.annotate').execute();
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').page)).toEqual([2, 1, 3]);
    // The page travels with the row to the hub (the outbox carries the whole row).
    const outbox = await db.selectFrom('sync_outbox').select(['op', 'fields']).where('table_name', '=', 'document_annotations').orderBy('hlc').execute();
    expect(outbox.map((o) => [o.op, (JSON.parse(o.fields) as { page?: number }).page])).toEqual([
      ['insert', 2],
      ['insert', 1],
      ['update', 3],
    ]);
  });

  it('keeps an image to one page, and a page number within bounds; says so in both languages', async () => {
    const f = await chairsideFixture();
    const rx = await call(f.core, f.hygienist, 'documents.attach', { documentId: uuidv7(), patientId: f.camila.id, fileName: 'rx.png', dataBase64: b64(makePng(64, 48, 5)), takenOn: TODAY, kind: 'radiograph', teeth: [], width: 64, height: 48 });
    expect((await call(f.core, f.dentist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: rx.id, shape: arrow })).page).toBe(1);
    const refused = await callError(f.core, f.dentist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: rx.id, page: 2, shape: arrow });
    expect(refused).toMatchObject({ code: 'VALIDATION', messageKey: 'patientDocuments.errors.imageOnePage' });
    for (const catalog of [es, en]) expect(typeof resolveKey(catalog, refused.messageKey)).toBe('string');

    const pdf = await call(f.core, f.hygienist, 'documents.attach', { documentId: uuidv7(), patientId: f.camila.id, fileName: 'carta.pdf', dataBase64: b64(await makeLetterPdf(1)), takenOn: TODAY, kind: 'letter', teeth: [] });
    for (const page of [0, -1, 1.5, 10_001]) {
      expect(await callError(f.core, f.dentist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: pdf.id, page, shape: arrow })).toMatchObject({ code: 'VALIDATION' });
    }
    // Nothing half-written: only the one good annotation exists.
    expect(await f.core.vault.store().db.selectFrom('document_annotations').select('id').execute()).toHaveLength(1);
    // Annotating stays clinical: the front desk may not, on a PDF either.
    expect(await callError(f.core, f.receptionist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: pdf.id, page: 1, shape: arrow })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('stores the first thumbnail a renderer draws of a PDF, once', async () => {
    const f = await chairsideFixture();
    const letter = await call(f.core, f.receptionist, 'documents.attach', { documentId: uuidv7(), patientId: f.camila.id, fileName: 'derivacion.pdf', dataBase64: b64(await makeLetterPdf(2)), takenOn: TODAY, kind: 'letter', teeth: [] });
    const first = { mime: 'image/jpeg' as const, dataBase64: b64(Buffer.from('first page, small')) };
    await call(f.core, f.receptionist, 'documents.setThumbnail', { documentId: letter.id, thumbnail: first, width: null, height: null });
    await call(f.core, f.hygienist, 'documents.setThumbnail', { documentId: letter.id, thumbnail: { mime: 'image/jpeg', dataBase64: b64(Buffer.from('a second workstation')) }, width: null, height: null });
    const [listed] = await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id });
    expect(listed).toMatchObject({ thumbnail: first, width: null, height: null });
  });

  it('the browser host serves the pdf.js worker (.mjs) as JavaScript, under the one CSP', async () => {
    const { core } = await setUpPractice();
    const dir = join(tempDir(), 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'pdf.worker.min-abc.mjs'), 'export {};');
    host = await startBrowserHost({ core, rendererDir: dir });
    const res = await fetch(`${host.origin}/assets/pdf.worker.min-abc.mjs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("worker-src 'self'");
    expect(await res.text()).toBe('export {};');
    await core.close();
  });
});

import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, DOCUMENT_MAX_BYTES } from '../../src/shared/documents/kinds';
import { sniffDocument } from '../../src/shared/documents/sniff';
import { es } from '../../src/shared/i18n/es';
import { en } from '../../src/shared/i18n/en';
import { call, callError, tempDir } from '../support/practice';
import { chairsideFixture } from './chairside-support';
import { makePdf, makePng } from './documents-support';



const b64 = (bytes: Buffer) => bytes.toString('base64');
const TODAY = '2026-03-04';

function attachInput(patientId: string, bytes: Buffer, extra: Partial<{ fileName: string; kind: 'radiograph' | 'intraoral_photo' | 'letter' | 'id' | 'other'; teeth: string[]; takenOn: string }> = {}) {
  return { documentId: uuidv7(), patientId, fileName: extra.fileName ?? 'rx.png', dataBase64: b64(bytes), takenOn: extra.takenOn ?? TODAY, kind: extra.kind ?? 'radiograph', teeth: extra.teeth ?? [] };
}

/** Every file under a folder, recursively (the database, its WAL, key files, any blob folder). */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? allFiles(join(dir, e.name)) : [join(dir, e.name)]));
}

function resolveKey(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('documents', () => {
  it('attaches, lists by tooth, views and tags a radiograph; a PDF too', async () => {
    const f = await chairsideFixture();
    const png = makePng(64, 48, 7);
    const rx = await call(f.core, f.hygienist, 'documents.attach', { ...attachInput(f.camila.id, png, { teeth: ['3', '14'] }), width: 64, height: 48 });
    expect(rx).toMatchObject({ kind: 'radiograph', mime: 'image/png', byteSize: png.length, teeth: ['3', '14'], restricted: false, source: 'upload', voided: null });
    // The name says PDF; the bytes say PNG, and the bytes win.
    const letter = await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, makePdf(), { fileName: 'derivacion.png', kind: 'letter' }));
    expect(letter.mime).toBe('application/pdf');

    const all = await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id });
    expect(all.map((d) => d.id).sort()).toEqual([rx.id, letter.id].sort());
    const tooth3 = await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id, tooth: '3' });
    expect(tooth3.map((d) => d.id)).toEqual([rx.id]);
    expect(await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id, tooth: '30' })).toEqual([]);

    const viewed = await call(f.core, f.dentist, 'documents.get', { documentId: rx.id });
    expect(Buffer.from(viewed.dataBase64, 'base64').equals(png)).toBe(true);

    const retagged = await call(f.core, f.dentist, 'documents.update', { documentId: rx.id, teeth: ['30'], takenOn: '2026-02-01' });
    expect(retagged).toMatchObject({ teeth: ['30'], takenOn: '2026-02-01' });
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id, tooth: '30' })).map((d) => d.id)).toEqual([rx.id]);

    const actions = (await f.core.vault.store().db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    for (const action of ['documents.attach', 'documents.list', 'documents.view', 'documents.update']) expect(actions).toContain(action);
  });

  it('refuses by magic bytes, not by name, and says why in both languages', async () => {
    const f = await chairsideFixture();
    const text = Buffer.from('this is not an image, whatever its name says');
    const refused = await callError(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, text, { fileName: 'rx.png' }));
    expect(refused).toMatchObject({ code: 'VALIDATION', messageKey: 'patientDocuments.errors.unsupported' });
    const tooBig = Buffer.concat([makePng(4, 4), Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    const large = await callError(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, tooBig));
    expect(large.code).toBe('VALIDATION');
    for (const key of ['patientDocuments.errors.unsupported', 'patientDocuments.errors.tooLarge', 'patientDocuments.errors.empty']) {
      expect(typeof resolveKey(es, key)).toBe('string');
      expect(typeof resolveKey(en, key)).toBe('string');
    }
    expect(sniffDocument(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('image/jpeg');
    expect(sniffDocument(Buffer.from('GIF89a'))).toBeNull();
    // Nothing half-written.
    expect(await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id })).toEqual([]);
    expect(await f.core.vault.store().db.selectFrom('document_chunks').select('id').execute()).toEqual([]);
  });

  it('stores a large file in content-addressed chunks, once however often it is attached', async () => {
    const f = await chairsideFixture();
    const big = makePng(1200, 1000, 3); // ~1.2 MB of noise: three chunks
    const first = await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, big));
    const db = f.core.vault.store().db;
    const chunks = await db.selectFrom('document_chunks').selectAll().execute();
    expect(chunks).toHaveLength(Math.ceil(big.length / CHUNK_BYTES));
    await call(f.core, f.dentist, 'documents.attach', attachInput(f.camila.id, big, { kind: 'other' }));
    expect(await db.selectFrom('document_chunks').select('id').execute()).toHaveLength(chunks.length);
    const outbox = await db.selectFrom('sync_outbox').select('table_name').where('table_name', '=', 'document_chunks').execute();
    expect(outbox).toHaveLength(chunks.length);
    const viewed = await call(f.core, f.dentist, 'documents.get', { documentId: first.id });
    expect(Buffer.from(viewed.dataBase64, 'base64').equals(big)).toBe(true);
    // Chunks are facts: the database refuses to change them.
    await expect(db.updateTable('document_chunks').set({ data: 'AAAA' }).where('id', '=', chunks[0]!.id).execute()).rejects.toThrow(/append-only/);
  });

  it('annotations are data over the image, audited, removable as a tombstone', async () => {
    const f = await chairsideFixture();
    const rx = await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, makePng(32, 32)));
    const arrow = await call(f.core, f.hygienist, 'documents.annotations.save', {
      annotationId: uuidv7(),
      documentId: rx.id,
      shape: { kind: 'arrow', from: { x: 0.1, y: 0.1 }, to: { x: 0.5, y: 0.6 }, colour: 'yellow' },
    });
    await call(f.core, f.hygienist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: rx.id, shape: { kind: 'text', at: { x: 0.5, y: 0.5 }, text: 'caries distal', colour: 'red' } });
    const bad = await callError(f.core, f.hygienist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: rx.id, shape: { kind: 'line', from: { x: -1, y: 0 }, to: { x: 2, y: 0 }, colour: 'red' } });
    expect(bad.code).toBe('VALIDATION');
    let viewed = await call(f.core, f.dentist, 'documents.get', { documentId: rx.id });
    expect(viewed.annotations.map((a) => a.shape.kind)).toEqual(['arrow', 'text']);
    // The image itself is untouched by annotating.
    expect(Buffer.from(viewed.dataBase64, 'base64').equals(makePng(32, 32))).toBe(true);
    await call(f.core, f.dentist, 'documents.annotations.remove', { annotationId: arrow.id });
    viewed = await call(f.core, f.dentist, 'documents.get', { documentId: rx.id });
    expect(viewed.annotations.map((a) => a.shape.kind)).toEqual(['text']);
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id }))[0]!.annotationCount).toBe(1);
    const kept = await f.core.vault.store().db.selectFrom('document_annotations').select(['id', 'deleted_at']).execute();
    expect(kept).toHaveLength(2);
    const actions = (await f.core.vault.store().db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'documents.annotate')).toHaveLength(2);
    expect(actions).toContain('documents.removeAnnotation');
  });

  it('the front desk attaches and sees letters, never the pixels of a radiograph; voiding keeps the row', async () => {
    const f = await chairsideFixture();
    const rx = await call(f.core, f.receptionist, 'documents.attach', { ...attachInput(f.camila.id, makePng(16, 16)), thumbnail: { mime: 'image/png', dataBase64: b64(makePng(4, 4)) } });
    const id = await call(f.core, f.receptionist, 'documents.attach', attachInput(f.camila.id, makePdf('Cedula'), { kind: 'id', fileName: 'cedula.pdf' }));
    const seen = await call(f.core, f.receptionist, 'documents.list', { patientId: f.camila.id });
    expect(seen.find((d) => d.id === rx.id)).toMatchObject({ restricted: true, thumbnail: null });
    expect(seen.find((d) => d.id === id.id)).toMatchObject({ restricted: false });
    expect((await callError(f.core, f.receptionist, 'documents.get', { documentId: rx.id })).code).toBe('FORBIDDEN');
    expect((await call(f.core, f.receptionist, 'documents.get', { documentId: id.id })).document.kind).toBe('id');
    expect((await callError(f.core, f.receptionist, 'documents.annotations.save', { annotationId: uuidv7(), documentId: rx.id, shape: { kind: 'text', at: { x: 0, y: 0 }, text: 'x', colour: 'red' } })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, f.receptionist, 'documents.void', { documentId: rx.id, reason: 'duplicado' })).code).toBe('FORBIDDEN');
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id })).find((d) => d.id === rx.id)?.thumbnail).not.toBeNull();

    const voided = await call(f.core, f.dentist, 'documents.void', { documentId: rx.id, reason: 'Paciente equivocado' });
    expect(voided.voided).toMatchObject({ reason: 'Paciente equivocado' });
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id })).map((d) => d.id)).toEqual([id.id]);
    expect((await call(f.core, f.dentist, 'documents.list', { patientId: f.camila.id, includeVoided: true })).map((d) => d.id).sort()).toEqual([rx.id, id.id].sort());
    expect(await f.core.vault.store().db.selectFrom('documents').select('id').execute()).toHaveLength(2);
    expect((await callError(f.core, f.dentist, 'documents.void', { documentId: id.id, reason: '' })).code).toBe('VALIDATION');
  });

  it('writes no plaintext image or PDF bytes anywhere on disk', async () => {
    const f = await chairsideFixture();
    const png = makePng(300, 200, 11);
    const pdf = makePdf('Informe confidencial de laboratorio');
    await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, png));
    await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, pdf, { kind: 'letter', fileName: 'informe.pdf' }));
    // Needles: raw slices of each file, and the same bytes as the base64 they are stored as.
    const needles = [png.subarray(2000, 2064), png.subarray(40_000, 40_064), pdf.subarray(0, 40), Buffer.from('Informe confidencial'), Buffer.from(b64(png).slice(4000, 4080)), Buffer.from(b64(pdf).slice(0, 60))];
    const search = () => {
      const files = allFiles(f.dataDir);
      expect(files.some((p) => p.endsWith('.db-wal') || p.endsWith('-wal'))).toBe(true);
      for (const path of files) {
        const bytes = readFileSync(path);
        for (const needle of needles) expect(bytes.includes(needle), `${path} holds plaintext`).toBe(false);
      }
      return files;
    };
    search();
    await f.core.close();
    const after = allFiles(f.dataDir);
    for (const path of after) for (const needle of needles) expect(readFileSync(path).includes(needle)).toBe(false);
  });

  it('imports from the watched folder for the open patient or into the inbox, then removes the source file', async () => {
    const f = await chairsideFixture();
    const folder = join(tempDir('dental-sensor-'), 'exports');
    mkdirSync(folder);
    const drop = (name: string, bytes: Buffer) => {
      const path = join(folder, name);
      writeFileSync(path, bytes);
      const past = new Date(Date.now() - 60_000);
      utimesSync(path, past, past);
      return path;
    };
    expect((await callError(f.core, 'admin', 'documents.folder.set', { path: join(folder, 'missing') })).messageKey).toBe('patientDocuments.folder.notAFolder');
    expect((await callError(f.core, f.hygienist, 'documents.folder.set', { path: folder })).code).toBe('FORBIDDEN');
    const status = await call(f.core, 'admin', 'documents.folder.set', { path: folder });
    expect(status).toMatchObject({ path: folder, watching: true });

    // No patient open: the unfiled inbox.
    const unfiled = drop('IMG0001.png', makePng(20, 20, 5));
    await call(f.core, f.hygienist, 'documents.folder.scan', {});
    expect(existsSync(unfiled)).toBe(false);
    const inbox = await call(f.core, f.hygienist, 'documents.inbox', {});
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ patientId: null, source: 'folder', kind: 'radiograph', thumbnail: null });

    // The hygienist has Camila's documents open: imports go to her.
    await call(f.core, f.hygienist, 'documents.folder.target', { patientId: f.camila.id });
    const filed = drop('IMG0002.png', makePng(20, 20, 6));
    const notOurs = drop('study.xml', Buffer.from('<study/>'));
    expect((await call(f.core, f.hygienist, 'documents.folder.scan', {})).imported).toBe(1);
    expect(existsSync(filed)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
    expect((await call(f.core, f.hygienist, 'documents.folder.get', {})).problem).toMatchObject({ messageKey: 'patientDocuments.errors.unsupported', fileName: 'study.xml' });
    const list = await call(f.core, f.hygienist, 'documents.list', { patientId: f.camila.id });
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ source: 'folder', createdBy: expect.any(String) });

    // Assigning the unfiled one, and a thumbnail made later by the renderer.
    await call(f.core, f.hygienist, 'documents.update', { documentId: inbox[0]!.id, patientId: f.camila.id, teeth: ['8'] });
    await call(f.core, f.hygienist, 'documents.setThumbnail', { documentId: inbox[0]!.id, thumbnail: { mime: 'image/png', dataBase64: b64(makePng(4, 4)) }, width: 20, height: 20 });
    expect(await call(f.core, f.hygienist, 'documents.inbox', {})).toEqual([]);
    const tooth8 = await call(f.core, f.hygienist, 'documents.list', { patientId: f.camila.id, tooth: '8' });
    expect(tooth8[0]).toMatchObject({ id: inbox[0]!.id, width: 20 });
    expect(tooth8[0]!.thumbnail).not.toBeNull();
    const actions = (await f.core.vault.store().db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'documents.importFolder')).toHaveLength(2);
    expect(actions).toContain('documents.assign');
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  it('tells open windows what changed', async () => {
    const f = await chairsideFixture();
    await call(f.core, f.hygienist, 'documents.attach', attachInput(f.camila.id, makePng(8, 8)));
    expect(f.events.find((e) => e.name === 'documents.changed')?.payload).toEqual({ patientIds: [f.camila.id], inbox: false });
  });
});

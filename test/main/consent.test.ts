import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { call, callError } from '../support/practice';
import { lastAudit, pdfText } from './chairside-support';
import { rxFixture } from './prescriptions-support';

/** A small valid PNG (a dark stroke on white), as the signature pad sends it. */
function signaturePng(): string {
  const width = 60;
  const height = 20;
  const raw = Buffer.alloc((width * 3 + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    const x = Math.round((y / height) * (width - 1));
    raw.fill(0x11, y * (width * 3 + 1) + 1 + x * 3, y * (width * 3 + 1) + 1 + x * 3 + 9);
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe('consent forms', () => {
  it('ships our templates in both languages and fills the placeholders from the stored patient', async () => {
    const { core, camila } = await rxFixture();
    const templates = await call(core, 'dra', 'consent.templates.list', {});
    const types = new Set(templates.map((t) => `${t.procedureType}:${t.language}`));
    for (const type of ['extraction', 'endodontics', 'implant', 'general']) for (const language of ['es', 'en']) expect(types.has(`${type}:${language}`)).toBe(true);
    const preview = await call(core, 'dra', 'consent.preview', { patientId: camila.id, templateId: 'consent-template:extraction:es', procedure: 'Exodoncia del 3.8', date: '2026-12-04' });
    expect(preview.body).toContain('Yo, Camila Andrea Fuentes Araya, RUT 12.345.678-5');
    expect(preview.body).toContain('Exodoncia del 3.8');
    expect(preview.body).toContain('Daniela Rojas Muñoz');
    expect(preview.body).toContain('04-12-2026');
    expect(preview.body).not.toMatch(/\{[a-z]+\}/);
  });

  it('archives the signed PDF byte for byte; reprinting gives the same bytes; the database refuses any change', async () => {
    const { core, camila } = await rxFixture();
    const signed = await call(core, 'dra', 'consent.sign', {
      patientId: camila.id,
      templateId: 'consent-template:implant:en',
      procedure: 'Implant at 4.6',
      signerName: 'Camila Andrea Fuentes Araya',
      method: 'drawn',
      signaturePng: signaturePng(),
      agreed: true,
    });
    expect(signed).toMatchObject({ procedureType: 'implant', language: 'en', signatureMethod: 'drawn', witnessName: 'Test dentist' });
    const stored = await core.vault.store().db.selectFrom('signed_consents').selectAll().where('id', '=', signed.id).executeTakeFirstOrThrow();
    const bytes = Buffer.from(stored.pdf, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(signed.pdfSha256);

    const first = await call(core, 'dra', 'consent.print', { consentId: signed.id });
    const second = await call(core, 'hig', 'consent.print', { consentId: signed.id });
    expect(first.pdfBase64).toBe(stored.pdf);
    expect(second.pdfBase64).toBe(stored.pdf);
    expect(first.sha256).toBe(signed.pdfSha256);
    expect((await lastAudit(core)).action).toBe('consent.print');

    const sqlite = core.vault.store().database.sqlite;
    expect(() => sqlite.prepare("UPDATE signed_consents SET signer_name = 'Otra persona' WHERE id = ?").run(signed.id)).toThrow(/signed consents can never be altered/);
    expect(() => sqlite.prepare("UPDATE signed_consents SET pdf = '' WHERE id = ?").run(signed.id)).toThrow(/signed consents can never be altered/);
    expect(() => sqlite.prepare('DELETE FROM signed_consents WHERE id = ?').run(signed.id)).toThrow(/signed consents can never be altered/);
    expect((await core.vault.store().db.selectFrom('signed_consents').select('pdf').executeTakeFirstOrThrow()).pdf).toBe(stored.pdf);

    // Editing the template afterwards does not touch what was signed.
    await call(core, 'dra', 'consent.templates.save', { id: 'consent-template:implant:en', procedureType: 'implant', language: 'en', title: 'Changed', body: 'Changed {patient}' });
    // The legal text is the dentists' and the admin's: a hygienist who takes consent cannot rewrite it.
    expect(await callError(core, 'hig', 'consent.templates.save', { id: 'consent-template:implant:en', procedureType: 'implant', language: 'en', title: 'Mine', body: 'Mine {patient}' })).toMatchObject({
      code: 'FORBIDDEN',
      params: { permission: 'consent.manage' },
    });
    expect((await call(core, 'dra', 'consent.print', { consentId: signed.id })).pdfBase64).toBe(stored.pdf);
    expect((await call(core, 'dra', 'consent.list', { patientId: camila.id }))[0]!.title).toBe('Informed consent for dental implant surgery');
  });

  it('a typed signature needs the name and the agreement; a drawn one needs a PNG; the receptionist cannot take consent', async () => {
    const { core, camila } = await rxFixture();
    const base = { patientId: camila.id, templateId: 'consent-template:general:es', signerName: 'Camila Fuentes' };
    expect(await callError(core, 'dra', 'consent.sign', { ...base, method: 'typed', agreed: false })).toMatchObject({ code: 'VALIDATION', fields: { agreed: 'validation.consentAgree' } });
    expect(await callError(core, 'dra', 'consent.sign', { ...base, method: 'drawn', agreed: true })).toMatchObject({ code: 'VALIDATION', fields: { signaturePng: 'validation.signature' } });
    expect(await callError(core, 'dra', 'consent.sign', { ...base, method: 'drawn', signaturePng: Buffer.alloc(200, 1).toString('base64'), agreed: true })).toMatchObject({
      code: 'VALIDATION',
      fields: { signaturePng: 'validation.signature' },
    });
    expect((await callError(core, 'recep', 'consent.sign', { ...base, method: 'typed', agreed: true })).code).toBe('FORBIDDEN');
    expect(await core.vault.store().db.selectFrom('signed_consents').selectAll().execute()).toHaveLength(0);

    const typed = await call(core, 'hig', 'consent.sign', { ...base, method: 'typed', agreed: true, procedure: 'Destartraje' });
    const text = pdfText(Buffer.from((await call(core, 'dra', 'consent.print', { consentId: typed.id })).pdfBase64, 'base64'));
    expect(text).toContain('Camila Fuentes');
    expect(text).toContain('Destartraje');
    expect(text).toContain('escribiendo su nombre');
  });
});

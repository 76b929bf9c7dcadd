import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { practiceTimeFormat } from '../../src/shared/practice/datetime';
import { SITES } from '../../src/shared/perio/sites';
import { call } from '../support/practice';
import { type ChairsideFixture, chairsideFixture, lastAudit, pdfText } from './chairside-support';

async function chartSomething(f: ChairsideFixture) {
  const patientId = f.camila.id;
  await call(f.core, 'admin', 'schedule.settings.update', { address: 'Av. Providencia 1234, Providencia', phone: '+56 2 2345 6789' });
  await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'surface', tooth: '19', surfaces: 'MOD' }, code: 'RES-C3', status: 'planned' } });
  await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'setToothState', tooth: '1', state: 'missing' } });
  await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '8' }, code: 'COR-CER', status: 'completed' } });
  await call(f.core, f.dentist, 'chart.apply', { patientId, action: { type: 'recordFinding', area: { kind: 'quadrant', quadrant: 'LR' }, code: 'PER-RA', status: 'planned' } });
}

/** As the screens write it: Santiago's wall clock, dd-mm-aaaa and 24 h, whatever the language. */
const santiago = (iso: string) => practiceTimeFormat({ language: 'es', country: 'CL', timeZone: 'America/Santiago' }).dateTime(iso);

/** Every content stream of the PDF, inflated: the drawing operators themselves. */
function pdfContent(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const parts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = source.indexOf('endstream', start);
    try {
      parts.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // Not a deflated stream (fonts, images): nothing drawn there.
    }
  }
  return parts.join('\n');
}

function decode(result: { pdfBase64: string }): { bytes: Buffer; text: string } {
  const bytes = Buffer.from(result.pdfBase64, 'base64');
  return { bytes, text: pdfText(bytes) };
}

describe('chairside prints', () => {
  it('print the chart with the practice header, the odontogram and the findings per tooth, in Spanish and English', async () => {
    const f = await chairsideFixture();
    await chartSomething(f);
    const es = await call(f.core, f.dentist, 'chairside.print', { kind: 'chart', patientId: f.camila.id });
    expect(es.fileName).toMatch(/^odontograma-fuentes-camila-\d{4}-\d{2}-\d{2}\.pdf$/);
    const { bytes, text } = decode(es);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(text).toContain('Clínica Dental Los Aromos');
    expect(text).toContain('Av. Providencia 1234, Providencia');
    expect(text).toContain('Camila Andrea Fuentes Araya');
    expect(text).toContain('RUT 12.345.678-5');
    expect(text).toContain('Odontograma');
    // Findings per tooth in FDI: 36 MOD planned, 18 missing, 11 crown, and the quadrant.
    expect(text).toContain('Planificado: RES-C3 — Restauración de resina compuesta, 3 superficies · superficies: MOD');
    expect(text).toContain('Ausente');
    expect(text).toContain('Realizado: COR-CER');
    expect(text).toContain('Cuadrante inferior derecho');
    for (const label of ['36', '18', '11', '48']) expect(text.split('\n')).toContain(label);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chairside.print', entity: 'patient', entity_id: f.camila.id });

    const en = decode(await call(f.core, f.dentist, 'chairside.print', { kind: 'chart', patientId: f.camila.id, language: 'en' })).text;
    expect(en).toContain('Dental chart');
    expect(en).toContain('Planned: RES-C3 — Composite restoration, 3 surfaces · surfaces: MOD');
    expect(en).toContain('Lower right quadrant');
  });

  it('the chart print tells statuses apart without colour: each one’s pattern on surfaces and in the legend, its line on rings', async () => {
    const f = await chairsideFixture();
    await chartSomething(f);
    const { bytes } = decode(await call(f.core, f.dentist, 'chairside.print', { kind: 'chart', patientId: f.camila.id }));
    const drawing = pdfContent(bytes);
    // A pattern is drawn clipped to its surface or swatch: the planned MOD surfaces (3), the legend's five patterned statuses, the planned list items.
    const clips = drawing.match(/\bW n\b/g) ?? [];
    expect(clips.length).toBeGreaterThanOrEqual(3 + 5 + 2);
    // Rings and the legend's lines are dashed per status (planned, existing…), solid for completed.
    expect(drawing).toMatch(/\[[\d. ]+\] 0 d/);
  });

  it('print a perio exam with its table and indices, and a signed note with its addendum', async () => {
    const f = await chairsideFixture();
    await chartSomething(f);
    const { exam } = await call(f.core, f.hygienist, 'perio.exam.start', { patientId: f.camila.id, date: '2026-03-04' });
    const readings = Object.fromEntries(
      exam.teeth.filter((t) => !exam.missing.includes(t)).map((t, i) => [t, { sites: Object.fromEntries(SITES.map((s, j) => [s, { pd: (i + j) % 7 === 0 ? 6 : 3, gm: 1, bleeding: j === 0 }])) }]),
    );
    const saved = await call(f.core, f.hygienist, 'perio.exam.save', { examId: exam.id, revision: 0, exam: { date: exam.date, teeth: exam.teeth, missing: exam.missing, readings: readings as never } });
    const signed = await call(f.core, f.hygienist, 'perio.exam.sign', { examId: exam.id, revision: saved.revision });
    const perio = await call(f.core, f.dentist, 'chairside.print', { kind: 'perio', patientId: f.camila.id });
    expect(perio.fileName).toBe('periodontograma-fuentes-camila-2026-03-04.pdf');
    const { text } = decode(perio);
    expect(text).toContain('Periodontograma');
    expect(text).toContain('Camila Andrea Fuentes Araya');
    expect(text).toContain('Sangrado al sondaje');
    expect(text).toContain(`${saved.summary.bleeding.percent} % (${saved.summary.bleeding.marked} de ${saved.summary.bleeding.examined} sitios)`);
    expect(text).toContain(`Firmado por Test hygienist el ${santiago(signed.signedAt!)}`);
    expect(text).toContain('04-03-2026');
    for (const row of ['PS', 'MG', 'NIC', 'SS']) expect(text.split('\n')).toContain(row);
    expect(await lastAudit(f.core)).toMatchObject({ action: 'chairside.print', details: JSON.stringify({ kind: 'perio', language: 'es', examId: exam.id }) });

    const draft = await call(f.core, f.dentist, 'notes.saveDraft', {
      patientId: f.camila.id,
      baseVersionId: null,
      templateId: 'note-template:soap:es',
      visitDate: '2026-03-04',
      content: { sections: [{ key: 'subjective', heading: 'Subjetivo', text: 'Dolor al frío en 36 → desde ayer.' }, { key: 'plan', heading: 'Plan', text: 'Resina MOD.' }] },
      links: { teeth: ['19'] },
    });
    const signedNote = await call(f.core, f.dentist, 'notes.sign', { noteId: draft.note.id, versionId: draft.versionId });
    await call(f.core, f.dentist, 'notes.addAddendum', { noteId: draft.note.id, text: 'Sin dolor al control.' });
    const note = decode(await call(f.core, f.dentist, 'chairside.print', { kind: 'note', patientId: f.camila.id, noteId: draft.note.id, language: 'en' })).text;
    expect(note).toContain('Evolución SOAP');
    expect(note).toContain(`Signed by Test dentist on ${santiago(signedNote.signedAt!)}`);
    // A character Helvetica cannot print is replaced, not garbled.
    expect(note).toContain('Dolor al frío en 36 ? desde ayer.');
    expect(note).toContain('Teeth: 36');
    expect(note).toContain('Sin dolor al control.');
  });
});

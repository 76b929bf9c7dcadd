import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/schedule/time';
import { call, tempDir } from '../support/practice';
import { bookInput, scheduleFixture } from './schedule-support';

const hasPoppler = existsSync('/usr/bin/pdftotext');

describe('the calendar export', () => {
  it('writes a provider’s appointments as RFC 5545 that ical.js reads back, without clinical data', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'patients.setAlerts', { patientId: f.camila.id, alerts: ['allergy_latex'] });
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { notes: 'Dolor molar, sensible al frío' }))).appointments[0]!;
    const b = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, typeId: f.cleaning.id, startLocal: `${addDays(f.monday, 1)}T15:30` }))).appointments[0]!;
    const cancelled = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${addDays(f.monday, 2)}T09:00` }))).appointments[0]!;
    await call(f.core, 'admin', 'schedule.setStatus', { id: cancelled.id, status: 'cancelled', reason: 'patient_request' });
    // The hygienist's appointment stays out of the dentist's calendar.
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${f.monday}T11:00` }));
    await call(f.core, 'admin', 'schedule.setStatus', { id: a.id, status: 'confirmed' });

    const out = await call(f.core, 'admin', 'schedule.exportIcs', { providerId: f.dentist.id, from: f.monday, to: addDays(f.monday, 6) });
    expect(out.count).toBe(2);
    expect(out.fileName).toBe(`agenda-catalina-gonzalez-${f.monday}-${addDays(f.monday, 6)}.ics`);
    expect(out.ics).not.toContain('Dolor');
    expect(out.ics).not.toContain('latex');

    const component = new ICAL.Component(ICAL.parse(out.ics));
    ICAL.TimezoneService.register(component.getFirstSubcomponent('vtimezone')!);
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => [e.uid, e.summary, e.location, e.startDate.toString(), e.duration.toSeconds() / 60])).toEqual([
      [a.id, 'Camila Andrea Fuentes Soto · Control', 'Sillón 1', `${f.monday}T09:00:00`, 30],
      [b.id, 'Tomás Núñez Soto · Limpieza', 'Sillón 1', `${addDays(f.monday, 1)}T15:30:00`, 45],
    ]);
    expect(events.map((e) => e.component.getFirstPropertyValue('status'))).toEqual(['CONFIRMED', 'TENTATIVE']);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe(new Date(a.startUtc).toISOString());
    expect(String(component.getFirstPropertyValue('x-wr-calname'))).toBe('Agenda de Catalina González');

    // Without names, as the practice may choose.
    const anonymous = await call(f.core, 'admin', 'schedule.exportIcs', { providerId: f.dentist.id, from: f.monday, to: addDays(f.monday, 6), includePatientNames: false });
    expect(anonymous.ics).not.toContain('Camila');
    expect(anonymous.ics).toContain('SUMMARY:Control');
  });
});

describe('the day sheet', () => {
  it('prints a valid PDF with the practice header and every appointment of the day', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.settings.update', { address: 'Av. Providencia 1234, Providencia', phone: '+56 2 2345 0000' });
    await call(f.core, 'admin', 'patients.setAlerts', { patientId: f.camila.id, alerts: ['allergy_latex', 'anticoagulants'] });
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { notes: 'Trae radiografías' }));
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, providerId: f.hygienist.id, operatoryId: f.chair2.id, typeId: f.cleaning.id, startLocal: `${f.monday}T10:30` }));
    const lunch = (await call(f.core, 'admin', 'schedule.blockoutTypes.list', {})).find((t) => t.name === 'Almuerzo')!;
    await call(f.core, 'admin', 'schedule.blockouts.create', { typeId: lunch.id, operatoryId: f.chair1.id, startLocal: `${f.monday}T13:00`, endLocal: `${f.monday}T14:00` });
    // Enough appointments to need a second page.
    for (let i = 0; i < 48; i++) {
      const minutes = 14 * 60 + i * 10;
      const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${f.monday}T${time}`, durationMin: 10 }));
    }

    const out = await call(f.core, 'admin', 'schedule.daySheetPdf', { date: f.monday });
    const pdf = Buffer.from(out.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toContain('%%EOF');
    expect(out.count).toBe(50);
    expect(out.pages).toBeGreaterThanOrEqual(2);
    expect(out.fileName).toBe(`agenda-${f.monday}.pdf`);

    if (!hasPoppler) return; // pdftotext (poppler-utils) reads the text where installed
    const dir = tempDir();
    const file = join(dir, 'agenda.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Clínica Dental Los Aromos');
    expect(text).toContain('Av. Providencia 1234, Providencia · +56 2 2345 0000');
    expect(text).toMatch(/Agenda del día: \S+, \d+ de \S+ de \d{4}/);
    expect(text).toContain('Sillón 1 — citas: 1');
    expect(text).toContain('Sillón 2 — citas: 49');
    expect(text).toContain('Camila Andrea Fuentes Soto');
    expect(text).toContain('Alergia al látex, Usa anticoagulantes');
    expect(text).toContain('Notas: Trae radiografías');
    expect(text).toContain('Almuerzo');
    expect(text).toContain('9 8765 4321');
    expect(text).toMatch(/Página 1 de \d/);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Pages:\\s+${out.pages}`));

    const one = await call(f.core, 'admin', 'schedule.daySheetPdf', { date: f.monday, operatoryId: f.chair1.id, language: 'en' });
    writeFileSync(file, Buffer.from(one.pdfBase64, 'base64'));
    const english = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(one.count).toBe(1);
    expect(english).toContain('Day sheet');
    expect(english).toContain('Latex allergy');
    expect(english).not.toContain('Tomás');
    if (process.env.SCHEDULE_PDF_PREVIEW) writeFileSync(process.env.SCHEDULE_PDF_PREVIEW, pdf);
  });
});

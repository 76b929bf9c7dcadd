import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, writeIcs } from '../../src/shared/schedule/ical';
import {
  formatReminderDate,
  formatReminderTime,
  renderTemplate,
  type TemplateValues,
  unknownVariables,
  whatsappLink,
} from '../../src/shared/schedule/reminders';
import { scheduleTexts } from '../../src/shared/schedule/texts';

const values: TemplateValues = {
  patientName: 'José',
  patientFullName: 'José Ñúñez Peña',
  date: 'lunes, 23 de noviembre',
  time: '09:30',
  provider: 'Catalina González',
  practice: 'Clínica Dental Los Aromos',
  address: 'Av. Providencia 1234, of. 56',
  phone: '+56 2 2345 6789',
  type: 'Limpieza',
};

describe('reminder templates', () => {
  it('fills the default Spanish template with Spanish variable names', () => {
    const text = renderTemplate(scheduleTexts('es').templates.reminder, values);
    expect(text).toBe(
      'Hola José, le recordamos su hora en Clínica Dental Los Aromos el lunes, 23 de noviembre a las 09:30 con Catalina González.\n' +
        'Dirección: Av. Providencia 1234, of. 56\n' +
        'Por favor responda SÍ para confirmar, o escríbanos si necesita cambiarla.',
    );
  });

  it('fills the default English template with English variable names', () => {
    const text = renderTemplate(scheduleTexts('en').templates.reminder, { ...values, date: 'Monday, November 23', time: '9:30 AM' });
    expect(text).toContain('Hello José, this is a reminder of your appointment at Clínica Dental Los Aromos on Monday, November 23 at 9:30 AM with Catalina González.');
    expect(text).toContain('Address: Av. Providencia 1234, of. 56');
  });

  it('accepts either language’s names, any case and accents, and leaves unknown ones as written', () => {
    expect(renderTemplate('{Nombre} / {name} / {DIRECCIÓN} / {teléfono} / {tipo} / {apodo}', values)).toBe(
      'José / José / Av. Providencia 1234, of. 56 / +56 2 2345 6789 / Limpieza / {apodo}',
    );
    expect(unknownVariables('Hola {nombre}, {apodo} {fecha} {x y}')).toEqual(['{apodo}', '{x y}']);
    expect(unknownVariables(scheduleTexts('es').templates.booking)).toEqual([]);
    expect(unknownVariables(scheduleTexts('en').templates.booking)).toEqual([]);
  });

  it('leaves out a line whose variables all came out empty', () => {
    const text = renderTemplate(scheduleTexts('es').templates.booking, { ...values, address: '', phone: '' });
    expect(text).not.toContain('Dirección');
    expect(text).not.toContain('avísenos');
    expect(text.split('\n')).toHaveLength(1);
  });

  it('writes dates and times as each language does', () => {
    expect(formatReminderDate('2026-11-23', 'es', 'CL')).toBe('lunes, 23 de noviembre');
    expect(formatReminderDate('2026-11-23', 'en', 'CL')).toMatch(/^Monday,? (23 November|November 23)$/);
    expect(formatReminderTime('09:30', 'es', 'CL')).toBe('09:30');
    expect(formatReminderTime('15:05', 'es', 'CL')).toBe('15:05');
    expect(formatReminderTime('15:05', 'en', 'US')).toMatch(/^3:05\s?PM$/);
  });
});

describe('the wa.me link', () => {
  it('uses the number’s digits only and percent-encodes accents, line breaks, & and ?', () => {
    const url = whatsappLink('+56 9 8765-4321', 'Hola José,\n¿confirma su hora? Sí & gracias #1 100%');
    expect(url).toBe(
      'https://wa.me/56987654321?text=Hola%20Jos%C3%A9%2C%0A%C2%BFconfirma%20su%20hora%3F%20S%C3%AD%20%26%20gracias%20%231%20100%25',
    );
  });

  it('round-trips any text through the query string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const url = new URL(whatsappLink('+56987654321', text));
        expect(url.host).toBe('wa.me');
        expect(url.pathname).toBe('/56987654321');
        expect([...url.searchParams.keys()]).toEqual(['text']);
        expect(url.searchParams.get('text')).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the iCalendar writer', () => {
  const calendar = () =>
    writeIcs({
      name: 'Agenda de Catalina González',
      zone: 'America/Santiago',
      from: '2026-03-30',
      to: '2026-04-10',
      now: '2026-03-01T10:00:00.000Z',
      events: [
        {
          uid: '0190f2a4-0000-7000-8000-000000000001',
          startLocal: '2026-04-03T09:00',
          durationMin: 45,
          summary: 'Ñúñez Peña, José; control · Limpieza\\profunda',
          location: 'Sillón 1',
          description: null,
          status: 'CONFIRMED',
          lastModified: '2026-03-01T09:00:00.000Z',
        },
        {
          uid: '0190f2a4-0000-7000-8000-000000000002',
          startLocal: '2026-04-06T09:00',
          durationMin: 90,
          summary: 'A'.repeat(50) + 'áéíóú'.repeat(10),
          location: 'Sillón 2',
          description: 'Línea 1\nLínea 2',
          status: 'TENTATIVE',
          lastModified: '2026-03-01T09:00:00.000Z',
        },
      ],
    });

  it('escapes text, uses CRLF and folds lines at 75 octets without splitting a character', () => {
    const text = calendar();
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const folded = foldLine(`SUMMARY:${'ñ'.repeat(60)}`);
    expect(folded.split('\r\n ').join('')).toBe(`SUMMARY:${'ñ'.repeat(60)}`);
  });

  it('parses with ical.js: UIDs, texts, and 09:00 local on both sides of the April change', () => {
    const jcal = ICAL.parse(calendar());
    const component = new ICAL.Component(jcal);
    const zone = component.getFirstSubcomponent('vtimezone')!;
    ICAL.TimezoneService.register(zone);
    const events = component.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(['0190f2a4-0000-7000-8000-000000000001', '0190f2a4-0000-7000-8000-000000000002']);
    expect(events[0]!.summary).toBe('Ñúñez Peña, José; control · Limpieza\\profunda');
    expect(events[0]!.location).toBe('Sillón 1');
    expect(events[1]!.summary).toBe('A'.repeat(50) + 'áéíóú'.repeat(10));
    expect(events[1]!.description).toBe('Línea 1\nLínea 2');
    // Friday 3 April is still summer time (-03); Monday 6 April is winter time (-04).
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-04-03T12:00:00.000Z');
    expect(events[0]!.endDate.toJSDate().toISOString()).toBe('2026-04-03T12:45:00.000Z');
    expect(events[1]!.startDate.toJSDate().toISOString()).toBe('2026-04-06T13:00:00.000Z');
    expect(events[1]!.duration.toSeconds()).toBe(90 * 60);
    expect(events[0]!.startDate.toString()).toBe('2026-04-03T09:00:00');
    expect(component.getFirstPropertyValue('version')).toBe('2.0');
    expect(String(component.getFirstPropertyValue('prodid'))).toContain('Consulta Dental');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { practiceTimeFormat } from '../../src/shared/practice/datetime';

const santiago = { country: 'CL', timeZone: 'America/Santiago' } as const;
// 14:09:05 in Santiago in December (summer time, UTC−3).
const SIGNED = '2026-12-02T17:09:05.110Z';

describe('practice time format', () => {
  it("writes an instant on Santiago's wall clock, dd-mm-aaaa and 24 h, in Spanish and in English", () => {
    for (const language of ['es', 'en'] as const) {
      const f = practiceTimeFormat({ language, ...santiago });
      expect(f.dateTime(SIGNED)).toBe('02-12-2026 14:09');
      expect(f.date(SIGNED)).toBe('02-12-2026');
      expect(f.time(SIGNED)).toBe('14:09');
      expect(f.time(SIGNED, true)).toBe('14:09:05');
      expect(f.day('2026-03-04')).toBe('04-03-2026');
      expect(f.dayOf('2026-12-03T02:30:00Z')).toBe('2026-12-02');
    }
  });

  it('takes the order, separator and clock from the country, not the language', () => {
    const us = practiceTimeFormat({ language: 'es', country: 'US', timeZone: 'America/New_York' });
    expect(us.date(SIGNED)).toBe('12/02/2026');
    expect(us.time(SIGNED)).toMatch(/^12:09\s?p\.?\s?m\.?$/i);
    expect(practiceTimeFormat({ language: 'en', country: 'AR', timeZone: 'America/Argentina/Buenos_Aires' }).dateTime(SIGNED)).toBe('02/12/2026 14:09');
  });

  it('reads a typed date back the way it writes it, and refuses dates that do not exist', () => {
    const f = practiceTimeFormat({ language: 'en', ...santiago });
    expect(f.parseDay('03-12-2026')).toBe('2026-12-03');
    expect(f.parseDay('3/12/2026')).toBe('2026-12-03');
    // ISO (year first, four digits) is unambiguous, so a pasted "2026-12-03" is read too.
    expect(f.parseDay('2026-12-03')).toBe('2026-12-03');
    for (const bad of ['31-02-2026', '2026-02-31', '12-2026', '03-12-26', 'hoy', '']) expect(f.parseDay(bad), bad).toBeNull();
    const us = practiceTimeFormat({ language: 'en', country: 'US', timeZone: 'America/New_York' });
    expect(us.parseDay('12/03/2026')).toBe('2026-12-03');
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        expect(f.parseDay(f.day(iso))).toBe(iso);
        expect(us.parseDay(us.day(iso))).toBe(iso);
      }),
    );
  });

  it('reads a typed time of day on either clock, and refuses times that do not exist', () => {
    const f = practiceTimeFormat({ language: 'en', ...santiago });
    expect(f.twelveHour).toBe(false);
    expect(['14:30', '14.30', '1430', '14h30', '9', '9:05', '2:30 pm', '2:30 p. m.', '12 am'].map((text) => f.parseTime(text))).toEqual([
      '14:30',
      '14:30',
      '14:30',
      '14:30',
      '09:00',
      '09:05',
      '14:30',
      '14:30',
      '00:00',
    ]);
    for (const bad of ['24:00', '12:60', '13 pm', '0 am', 'noon', '', '1:5']) expect(f.parseTime(bad), bad).toBeNull();
    const us = practiceTimeFormat({ language: 'es', country: 'US', timeZone: 'America/New_York' });
    expect(us.twelveHour).toBe(true);
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      expect(f.parseTime(f.wallTime(hhmm))).toBe(hhmm);
      expect(us.parseTime(us.wallTime(hhmm)), us.wallTime(hhmm)).toBe(hhmm);
    }
  });

  it('words are in the user language', () => {
    expect(practiceTimeFormat({ language: 'es', ...santiago }).longDay('2026-12-03')).toBe('jueves, 3 de diciembre de 2026');
    expect(practiceTimeFormat({ language: 'en', ...santiago }).longDay('2026-12-03')).toBe('Thursday, December 3, 2026');
  });

  it('never gives back a raw ISO string, whatever it is handed', () => {
    const f = practiceTimeFormat({ language: 'en', ...santiago });
    const iso = /\d{4}-\d{2}-\d{2}/;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), (text) => {
        for (const out of [f.dateTime(text), f.date(text), f.time(text), f.day(text), f.longDay(text), f.shortDay(text)]) expect(out).not.toMatch(iso);
      }),
    );
  });

  it('an unknown zone shows UTC, never the workstation zone', () => {
    expect(practiceTimeFormat({ language: 'es', country: 'CL', timeZone: 'Mars/Olympus' }).time(SIGNED)).toBe('17:09');
  });
});

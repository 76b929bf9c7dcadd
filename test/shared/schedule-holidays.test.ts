import { describe, expect, it } from 'vitest';
import { effectiveHolidays } from '../../src/shared/schedule/availability';
import { chileHolidays, easterSunday, nationalHolidays } from '../../src/shared/schedule/holidays';

const dates = (year: number) => chileHolidays(year).map((h) => h.date.slice(5));

describe('Easter, by the computus', () => {
  it('matches the published dates', () => {
    expect([2024, 2025, 2026, 2027, 2028, 2029, 2030].map(easterSunday)).toEqual([
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2028-04-16',
      '2029-04-01',
      '2030-04-21',
    ]);
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible
  });
});

describe("Chile's national holidays, by rule", () => {
  // Checked against the official calendars: fixed dates, Holy Week, the solstice (Law 21.357),
  // the Monday rule (Law 19.668), 17 and 20 September (Laws 20.215, 20.983), 31 October (Law 20.299).
  it.each([
    [2024, ['01-01', '03-29', '03-30', '05-01', '05-21', '06-20', '06-29', '07-16', '08-15', '09-18', '09-19', '09-20', '10-12', '10-31', '11-01', '12-08', '12-25']],
    [2025, ['01-01', '04-18', '04-19', '05-01', '05-21', '06-20', '06-29', '07-16', '08-15', '09-18', '09-19', '10-12', '10-31', '11-01', '12-08', '12-25']],
    [2026, ['01-01', '04-03', '04-04', '05-01', '05-21', '06-21', '06-29', '07-16', '08-15', '09-18', '09-19', '10-12', '10-31', '11-01', '12-08', '12-25']],
    [2027, ['01-01', '03-26', '03-27', '05-01', '05-21', '06-21', '06-28', '07-16', '08-15', '09-17', '09-18', '09-19', '10-11', '10-31', '11-01', '12-08', '12-25']],
    [2028, ['01-01', '04-14', '04-15', '05-01', '05-21', '06-20', '06-26', '07-16', '08-15', '09-18', '09-19', '10-09', '10-27', '11-01', '12-08', '12-25']],
    [2029, ['01-01', '03-30', '03-31', '05-01', '05-21', '06-20', '07-02', '07-16', '08-15', '09-17', '09-18', '09-19', '10-15', '11-01', '11-02', '12-08', '12-25']],
    [2030, ['01-01', '04-19', '04-20', '05-01', '05-21', '06-21', '06-29', '07-16', '08-15', '09-18', '09-19', '09-20', '10-12', '10-31', '11-01', '12-08', '12-25']],
  ])('%i', (year, expected) => {
    expect(dates(year)).toEqual(expected);
  });

  it('adds 2 January when it is a Monday (Law 20.983)', () => {
    expect(dates(2023)).toContain('01-02');
    expect(dates(2024)).not.toContain('01-02');
  });

  it('ships Spanish and English names', () => {
    const goodFriday = chileHolidays(2026).find((h) => h.date === '2026-04-03')!;
    expect(goodFriday).toEqual({ date: '2026-04-03', name: 'Viernes Santo', nameEn: 'Good Friday' });
  });

  it('ships nothing for other countries: their practices add their own', () => {
    expect(nationalHolidays('AR', '2026-01-01', '2026-12-31')).toEqual([]);
    expect(nationalHolidays('CL', '2026-09-01', '2026-09-30').map((h) => h.date)).toEqual(['2026-09-18', '2026-09-19']);
  });

  it("lets the practice add closed days and open on a national holiday", () => {
    const map = effectiveHolidays(nationalHolidays('CL', '2026-10-01', '2026-10-31'), [
      { id: 'a', date: '2026-10-31', name: '', closed: false },
      { id: 'b', date: '2026-10-26', name: 'Aniversario de la clínica', closed: true },
    ]);
    expect(map.get('2026-10-31')).toMatchObject({ closed: false, source: 'practice', name: 'Día de las Iglesias Evangélicas y Protestantes' });
    expect(map.get('2026-10-26')).toMatchObject({ closed: true, name: 'Aniversario de la clínica' });
    expect(map.get('2026-10-12')).toMatchObject({ closed: true, source: 'national' });
  });
});

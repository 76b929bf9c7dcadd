import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStart } from '../../src/shared/schedule/grid';
import { expandSeries } from '../../src/shared/schedule/series';
import {
  addDays,
  addLocalMinutes,
  isLocalDate,
  isLocalDateTime,
  isoWeekday,
  localToUtcMs,
  offsetAt,
  resolveLocal,
  utcToLocal,
  ZoneCalendar,
  zoneTransitions,
} from '../../src/shared/schedule/time';

const SANTIAGO = 'America/Santiago';
const iso = (ms: number) => new Date(ms).toISOString();

describe('local dates and times', () => {
  it('accepts real dates and times only', () => {
    expect(isLocalDate('2028-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDateTime('2026-11-23T09:30')).toBe(true);
    expect(isLocalDateTime('2026-11-23T24:00')).toBe(false);
    expect(isLocalDateTime('2026-11-23 09:30')).toBe(false);
  });

  it('counts weekdays and days without any zone', () => {
    expect(isoWeekday('2026-11-23')).toBe(1); // Monday
    expect(isoWeekday('2026-11-22')).toBe(7); // Sunday
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addLocalMinutes('2026-11-23T23:30', 45)).toBe('2026-11-24T00:15');
  });
});

describe('America/Santiago across its changes of the clocks', () => {
  // 2026: clocks go back at 00:00 on Sunday 5 April (to 23:00 on Saturday 4 April),
  // and forward at 00:00 on Sunday 6 September (straight to 01:00).
  it('knows the offsets on either side', () => {
    expect(offsetAt(Date.parse('2026-03-02T12:00:00Z'), SANTIAGO)).toBe(-180);
    expect(offsetAt(Date.parse('2026-06-01T12:00:00Z'), SANTIAGO)).toBe(-240);
    expect(offsetAt(Date.parse('2026-11-23T12:00:00Z'), SANTIAGO)).toBe(-180);
  });

  it('keeps a 09:00 appointment at 09:00 local on both sides of the April change, one hour later in UTC', () => {
    const before = localToUtcMs('2026-04-03T09:00', SANTIAGO); // Friday, summer time (-03)
    const after = localToUtcMs('2026-04-06T09:00', SANTIAGO); // Monday, winter time (-04)
    expect(iso(before)).toBe('2026-04-03T12:00:00.000Z');
    expect(iso(after)).toBe('2026-04-06T13:00:00.000Z');
    expect(utcToLocal(before, SANTIAGO)).toBe('2026-04-03T09:00');
    expect(utcToLocal(after, SANTIAGO)).toBe('2026-04-06T09:00');
  });

  it('keeps a 09:00 appointment at 09:00 local on both sides of the September change, one hour earlier in UTC', () => {
    expect(iso(localToUtcMs('2026-09-04T09:00', SANTIAGO))).toBe('2026-09-04T13:00:00.000Z');
    expect(iso(localToUtcMs('2026-09-07T09:00', SANTIAGO))).toBe('2026-09-07T12:00:00.000Z');
  });

  it('keeps a weekly series at the same wall-clock time across both changes', () => {
    const starts = expandSeries('2026-03-27T09:00', 1, 4); // two Fridays before, two after 5 April
    expect(starts).toEqual(['2026-03-27T09:00', '2026-04-03T09:00', '2026-04-10T09:00', '2026-04-17T09:00']);
    const utcHours = starts.map((s) => new Date(localToUtcMs(s, SANTIAGO)).getUTCHours());
    expect(utcHours).toEqual([12, 12, 13, 13]);
  });

  it('reports the skipped hour of September as a gap, with the time it would become', () => {
    const gap = resolveLocal('2026-09-06T00:30', SANTIAGO);
    expect(gap.kind).toBe('gap');
    if (gap.kind === 'gap') expect(gap.shiftedLocal).toBe('2026-09-06T01:30');
    expect(resolveLocal('2026-09-06T01:00', SANTIAGO)).toMatchObject({ kind: 'ok', ambiguous: false });
  });

  it('refuses to book in the skipped hour, and names the time to use instead', () => {
    expect(checkStart('2026-09-06T00:30', SANTIAGO)).toEqual({ ok: false, messageKey: 'validation.localTimeSkipped', shiftedLocal: '2026-09-06T01:30' });
    expect(checkStart('2026-09-06T01:30', SANTIAGO)).toMatchObject({ ok: true });
    expect(checkStart('2026-09-07T09:03', SANTIAGO)).toMatchObject({ ok: false, messageKey: 'validation.offGrid' });
  });

  it('reads the repeated hour of April as its first occurrence (RFC 5545)', () => {
    const r = resolveLocal('2026-04-04T23:30', SANTIAGO);
    expect(r).toMatchObject({ kind: 'ok', ambiguous: true });
    if (r.kind === 'ok') expect(iso(r.utcMs)).toBe('2026-04-05T02:30:00.000Z'); // still -03
  });

  it('measures real minutes across the change: 23:30 for 60 minutes in April ends at 23:30 by the clock', () => {
    const calendar = new ZoneCalendar(SANTIAGO);
    expect(calendar.endLocal('2026-04-04T23:30', 60)).toBe('2026-04-04T23:30');
    // In September, 23:30 for 60 minutes ends at 01:30: the clock skips an hour.
    expect(calendar.endLocal('2026-09-05T23:30', 60)).toBe('2026-09-06T01:30');
    expect(calendar.endLocal('2026-11-23T09:30', 45)).toBe('2026-11-23T10:15');
  });

  it('finds the transitions to the minute, for the calendar export', () => {
    const t = zoneTransitions(SANTIAGO, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1));
    expect(t.map((x) => ({ at: iso(x.utcMs), from: x.offsetFrom, to: x.offsetTo }))).toEqual([
      { at: '2026-04-05T03:00:00.000Z', from: -180, to: -240 },
      { at: '2026-09-06T04:00:00.000Z', from: -240, to: -180 },
    ]);
  });

  it('round-trips every existing local time of the 2026 change days', () => {
    for (const date of ['2026-04-04', '2026-04-05', '2026-09-05', '2026-09-06']) {
      for (let m = 0; m < 1440; m += 5) {
        const local = `${date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        const r = resolveLocal(local, SANTIAGO);
        if (r.kind === 'ok') expect(utcToLocal(r.utcMs, SANTIAGO)).toBe(local);
        else expect(date).toBe('2026-09-06'); // the only gap
      }
    }
  });

  it('agrees with the exact conversion on every day for any zone (fast path vs slow path)', () => {
    const zones = ['America/Santiago', 'America/New_York', 'Europe/Madrid', 'America/Bogota', 'America/Punta_Arenas', 'Pacific/Chatham'];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 287 }), (zone, day, slot) => {
        const date = addDays('2024-01-01', day);
        const local = `${date}T${String(Math.floor((slot * 5) / 60)).padStart(2, '0')}:${String((slot * 5) % 60).padStart(2, '0')}`;
        const calendar = new ZoneCalendar(zone);
        expect(calendar.utc(local)).toBe(localToUtcMs(local, zone));
      }),
      { numRuns: 400 },
    );
  });
});

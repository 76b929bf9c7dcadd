import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Availability, type BlockoutRule, type ScheduleRules } from '../../src/shared/schedule/availability';
import { type Booked, candidateConflicts, type Candidate, setConflicts } from '../../src/shared/schedule/conflicts';
import { findOpenings, type OpeningsQuery } from '../../src/shared/schedule/openings';
import { expandSeries } from '../../src/shared/schedule/series';
import { allowedNextStatuses, type APPOINTMENT_STATUSES, checkTransition } from '../../src/shared/schedule/status';
import { localToUtcMs, ZoneCalendar } from '../../src/shared/schedule/time';

const ZONE = 'America/Santiago';
const MON = '2026-11-23';

/** Dr. A works Mon–Fri 09:00–13:00 and 14:00–18:00 in chair 1; hygienist H works Mon–Fri 09:00–17:00. */
function rules(extra: Partial<ScheduleRules> = {}): ScheduleRules {
  const weekdays = [1, 2, 3, 4, 5];
  return {
    calendar: new ZoneCalendar(ZONE),
    country: 'CL',
    office: { start: 9 * 60, end: 19 * 60, weekdays },
    hours: [
      ...weekdays.flatMap((weekday) => [
        { providerId: 'A', weekday, start: '09:00', end: '13:00', operatoryId: 'op1', validFrom: null, validUntil: null },
        { providerId: 'A', weekday, start: '14:00', end: '18:00', operatoryId: 'op1', validFrom: null, validUntil: null },
      ]),
      ...weekdays.map((weekday) => ({ providerId: 'H', weekday, start: '09:00', end: '17:00', operatoryId: 'op2', validFrom: null, validUntil: null })),
    ],
    exceptions: [],
    practiceHolidays: [],
    blockouts: [],
    ...extra,
  };
}

const availability = (r: ScheduleRules) => new Availability(r);

const booked = (id: string, startLocal: string, durationMin: number, over: Partial<Booked> = {}): Booked => ({
  id,
  patientId: `p-${id}`,
  providerId: 'A',
  operatoryId: 'op1',
  startLocal,
  durationMin,
  status: 'scheduled',
  ...over,
});

const candidate = (startLocal: string, durationMin: number, over: Partial<Candidate> = {}): Candidate => ({
  id: null,
  patientId: 'new-patient',
  providerId: 'A',
  operatoryId: 'op1',
  startLocal,
  durationMin,
  ...over,
});

const kinds = (list: { kind: string }[]) => list.map((c) => c.kind).sort();

const lunch: BlockoutRule = {
  id: 'lunch',
  typeId: 't-lunch',
  typeName: 'Almuerzo',
  colour: '#999999',
  forbidsBooking: true,
  operatoryId: null,
  providerId: 'H',
  startLocal: '2026-01-05T13:00',
  endLocal: '2026-01-05T14:00',
  weekdays: [1, 2, 3, 4, 5],
  untilDate: null,
  note: '',
};
const emergencies: BlockoutRule = {
  id: 'urg',
  typeId: 't-urg',
  typeName: 'Solo urgencias',
  colour: '#f97316',
  forbidsBooking: false,
  operatoryId: 'op1',
  providerId: null,
  startLocal: `${MON}T17:00`,
  endLocal: `${MON}T18:00`,
  weekdays: null,
  untilDate: null,
  note: '',
};

describe('conflict detection', () => {
  it('finds nothing for a booking inside working hours on a free chair', () => {
    expect(candidateConflicts(candidate(`${MON}T09:30`, 30), [booked('x', `${MON}T09:00`, 30)], availability(rules()), 'warn')).toEqual([]);
  });

  it('finds the provider double-booked, in another chair', () => {
    const found = candidateConflicts(candidate(`${MON}T09:15`, 30, { operatoryId: 'op9' }), [booked('x', `${MON}T09:00`, 30)], availability(rules()), 'warn');
    expect(found).toEqual([expect.objectContaining({ kind: 'provider_double_booked', otherAppointmentId: 'x', blocking: false, date: MON })]);
  });

  it('finds the chair double-booked, by another provider', () => {
    const found = candidateConflicts(candidate(`${MON}T09:15`, 30, { providerId: 'H', operatoryId: 'op1' }), [booked('x', `${MON}T09:00`, 30)], availability(rules()), 'warn');
    expect(kinds(found)).toEqual(['operatory_double_booked']);
  });

  it('finds the patient booked twice at overlapping times, with other providers and chairs', () => {
    const other = booked('x', `${MON}T10:00`, 60, { patientId: 'same', providerId: 'H', operatoryId: 'op2' });
    expect(kinds(candidateConflicts(candidate(`${MON}T10:30`, 30, { patientId: 'same' }), [other], availability(rules()), 'warn'))).toEqual(['patient_double_booked']);
  });

  it('treats touching appointments as free, and cancelled, missed or pinboard ones as not holding time', () => {
    const others = [
      booked('before', `${MON}T09:00`, 30),
      booked('cancelled', `${MON}T09:30`, 30, { status: 'cancelled' }),
      booked('noshow', `${MON}T09:30`, 30, { status: 'no_show' }),
      booked('pinned', `${MON}T09:30`, 30, { pinboard: true }),
      booked('after', `${MON}T10:00`, 30),
    ];
    expect(candidateConflicts(candidate(`${MON}T09:30`, 30), others, availability(rules()), 'warn')).toEqual([]);
  });

  it('finds a booking outside working hours, and one that spills past their end', () => {
    expect(kinds(candidateConflicts(candidate(`${MON}T13:00`, 30), [], availability(rules()), 'warn'))).toEqual(['outside_working_hours']);
    expect(kinds(candidateConflicts(candidate(`${MON}T12:45`, 30), [], availability(rules()), 'warn'))).toEqual(['outside_working_hours']);
    expect(kinds(candidateConflicts(candidate('2026-11-28T10:00', 30), [], availability(rules()), 'warn'))).toEqual(['outside_working_hours']); // a Saturday
  });

  it('finds a booking on a holiday, national or the practice’s own, and none where the practice opens on one', () => {
    expect(candidateConflicts(candidate('2026-12-08T10:00', 30), [], availability(rules()), 'warn')).toEqual([
      expect.objectContaining({ kind: 'holiday', label: 'Inmaculada Concepción' }),
    ]);
    const own = rules({ practiceHolidays: [{ id: 'h', date: MON, name: 'Aniversario', closed: true }, { id: 'o', date: '2026-12-08', name: '', closed: false }] });
    expect(kinds(candidateConflicts(candidate(`${MON}T10:00`, 30), [], availability(own), 'warn'))).toEqual(['holiday']);
    expect(candidateConflicts(candidate('2026-12-08T10:00', 30), [], availability(own), 'warn')).toEqual([]);
  });

  it('finds a booking on a day or part of a day off (exceptions), and allows one in extra hours', () => {
    const r = rules({
      exceptions: [
        { id: 'v', providerId: 'A', kind: 'off', startDate: '2026-12-14', endDate: '2026-12-18', start: null, end: null, note: 'Vacaciones' },
        { id: 'd', providerId: 'A', kind: 'off', startDate: MON, endDate: MON, start: '15:00', end: '16:00', note: 'Médico' },
        { id: 's', providerId: 'A', kind: 'extra', startDate: '2026-11-28', endDate: '2026-11-28', start: '09:00', end: '13:00', note: '' },
      ],
    });
    expect(candidateConflicts(candidate('2026-12-16T10:00', 30), [], availability(r), 'warn')).toEqual([expect.objectContaining({ kind: 'provider_off', label: 'Vacaciones' })]);
    expect(kinds(candidateConflicts(candidate(`${MON}T15:30`, 30), [], availability(r), 'warn'))).toEqual(['provider_off']);
    expect(candidateConflicts(candidate(`${MON}T14:30`, 30), [], availability(r), 'warn')).toEqual([]);
    expect(candidateConflicts(candidate('2026-11-28T10:00', 30), [], availability(r), 'warn')).toEqual([]);
  });

  it('finds a blockout of the provider, of the chair or of the whole practice; one that forbids booking blocks even under "warn"', () => {
    const r = rules({ blockouts: [lunch, emergencies] });
    const hygienistLunch = candidateConflicts(candidate(`${MON}T13:15`, 30, { providerId: 'H', operatoryId: 'op2' }), [], availability(r), 'warn');
    expect(hygienistLunch).toEqual([expect.objectContaining({ kind: 'blockout', blockoutId: 'lunch', label: 'Almuerzo', blocking: true })]);
    // The lunch of H does not concern A.
    expect(candidateConflicts(candidate(`${MON}T11:00`, 30), [], availability(r), 'warn')).toEqual([]);
    const urgent = candidateConflicts(candidate(`${MON}T17:00`, 30), [], availability(r), 'warn');
    expect(urgent).toEqual([expect.objectContaining({ kind: 'blockout', blockoutId: 'urg', blocking: false })]);
    const practiceWide = rules({ blockouts: [{ ...emergencies, id: 'meeting', operatoryId: null, forbidsBooking: true }] });
    expect(kinds(candidateConflicts(candidate(`${MON}T17:30`, 30, { providerId: 'H', operatoryId: 'op2' }), [], availability(practiceWide), 'warn'))).toEqual([
      'blockout',
      'outside_working_hours',
    ]);
  });

  it('makes every conflict blocking under the "block" policy', () => {
    const found = candidateConflicts(candidate(`${MON}T09:15`, 30), [booked('x', `${MON}T09:00`, 30)], availability(rules()), 'block');
    expect(found.every((c) => c.blocking)).toBe(true);
    expect(kinds(found)).toEqual(['operatory_double_booked', 'provider_double_booked']);
  });

  it('reports each double booking of a day once, on the later appointment', () => {
    const day = [
      booked('a', `${MON}T09:00`, 60),
      booked('b', `${MON}T09:30`, 30, { operatoryId: 'op2' }),
      booked('c', `${MON}T10:30`, 30, { providerId: 'H', operatoryId: 'op2' }),
    ];
    const found = setConflicts(day, availability(rules()), 'warn');
    expect(found.map((c) => [c.kind, c.appointmentId, c.otherAppointmentId])).toEqual([['provider_double_booked', 'b', 'a']]);
  });

  it('agrees with a brute-force pairwise check on random days', () => {
    const arb = fc.array(
      fc.record({
        slot: fc.integer({ min: 0, max: 40 }),
        length: fc.constantFrom(15, 30, 45, 60, 90),
        provider: fc.constantFrom('A', 'H'),
        chair: fc.constantFrom('op1', 'op2', 'op3'),
        patient: fc.constantFrom('p1', 'p2', 'p3', 'p4'),
      }),
      { maxLength: 14 },
    );
    const avail = availability(rules());
    fc.assert(
      fc.property(arb, (items) => {
        const day = items.map((it, i) =>
          booked(`a${String(i).padStart(2, '0')}`, `${MON}T${String(9 + Math.floor((it.slot * 15) / 60)).padStart(2, '0')}:${String((it.slot * 15) % 60).padStart(2, '0')}`, it.length, {
            providerId: it.provider,
            operatoryId: it.chair,
            patientId: it.patient,
          }),
        );
        const overlaps = setConflicts(day, avail, 'warn').filter((c) => c.kind.endsWith('double_booked'));
        let expected = 0;
        for (let i = 0; i < day.length; i++) {
          for (let j = i + 1; j < day.length; j++) {
            const a = day[i]!;
            const b = day[j]!;
            const as = localToUtcMs(a.startLocal, ZONE);
            const bs = localToUtcMs(b.startLocal, ZONE);
            if (!(as < bs + b.durationMin * 60_000 && bs < as + a.durationMin * 60_000)) continue;
            expected += Number(a.providerId === b.providerId) + Number(a.operatoryId === b.operatoryId) + Number(a.patientId === b.patientId);
          }
        }
        expect(overlaps).toHaveLength(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('compares instants on the night the clocks go back: 23:00 for 90 minutes overlaps 23:30 of the repeated hour', () => {
    const r = rules({ hours: [], office: { start: 0, end: 1440, weekdays: [1, 2, 3, 4, 5, 6, 7] } });
    const found = candidateConflicts(candidate('2026-04-04T23:30', 30), [booked('late', '2026-04-04T23:00', 90)], availability(r), 'warn');
    expect(kinds(found)).toContain('provider_double_booked');
  });
});

describe('series booking', () => {
  it('expands "every 2 weeks, 6 times" on the same weekday and time', () => {
    expect(expandSeries(`${MON}T10:00`, 2, 6)).toEqual([
      '2026-11-23T10:00',
      '2026-12-07T10:00',
      '2026-12-21T10:00',
      '2027-01-04T10:00',
      '2027-01-18T10:00',
      '2027-02-01T10:00',
    ]);
  });

  it('finds the conflicts of each occurrence separately', () => {
    const starts = expandSeries(`${MON}T10:00`, 2, 6);
    const avail = availability(
      rules({
        exceptions: [{ id: 'v', providerId: 'A', kind: 'off', startDate: '2027-01-04', endDate: '2027-01-08', start: null, end: null, note: '' }],
        practiceHolidays: [{ id: 'h', date: '2026-12-07', name: 'Jornada de capacitación', closed: true }],
      }),
    );
    const existing = [booked('busy', '2026-12-21T10:15', 30, { providerId: 'H', operatoryId: 'op1' })];
    const perOccurrence = starts.map((s, i) => candidateConflicts(candidate(s, 45, { occurrence: i }), existing, avail, 'warn').map((c) => `${c.occurrence}:${c.kind}`));
    expect(perOccurrence).toEqual([[], ['1:holiday'], ['2:operatory_double_booked'], ['3:provider_off'], [], []]);
  });
});

describe('find next opening', () => {
  const base = (over: Partial<OpeningsQuery> = {}): OpeningsQuery => ({
    from: MON,
    to: '2026-11-27',
    durationMin: 30,
    gridMin: 15,
    timeOfDay: 'any',
    weekdays: [],
    limit: 5,
    notBeforeMs: 0,
    providers: [{ id: 'A', defaultOperatoryId: 'op1' }],
    operatories: ['op1', 'op2'],
    operatoryFixed: false,
    patientId: null,
    ...over,
  });
  const run = (q: OpeningsQuery, r: ScheduleRules, appointments: Booked[] = []) => findOpenings(q, availability(r), async () => appointments);

  it('offers the first free gap of each stretch, in the provider’s own chair, on the grid', async () => {
    const appointments = [booked('x', `${MON}T09:00`, 40), booked('y', `${MON}T10:00`, 120)];
    const openings = await run(base({ limit: 3 }), rules(), appointments);
    expect(openings.map((o) => [o.startLocal, o.freeUntilLocal, o.operatoryId])).toEqual([
      // 09:40 is free, but the grid puts the first start at 09:45; 09:45–10:00 is too short for 30 min.
      [`${MON}T12:00`, `${MON}T13:00`, 'op1'],
      [`${MON}T14:00`, `${MON}T18:00`, 'op1'],
      ['2026-11-24T09:00', '2026-11-24T13:00', 'op1'],
    ]);
  });

  it('skips holidays, days off and blockouts, and honours the time of day', async () => {
    const r = rules({
      blockouts: [{ ...lunch, providerId: 'A', startLocal: '2026-01-05T09:00', endLocal: '2026-01-05T11:00' }],
      exceptions: [{ id: 'v', providerId: 'A', kind: 'off', startDate: '2026-12-07', endDate: '2026-12-07', start: null, end: null, note: '' }],
    });
    const mornings = await run(base({ from: '2026-12-07', to: '2026-12-10', timeOfDay: 'morning', limit: 2 }), r);
    // 7 Dec off, 8 Dec holiday; the blockout takes 09:00–11:00 each weekday.
    expect(mornings.map((o) => o.startLocal)).toEqual(['2026-12-09T11:00', '2026-12-10T11:00']);
    const afternoons = await run(base({ from: '2026-12-09', to: '2026-12-09', timeOfDay: 'afternoon' }), r);
    expect(afternoons.map((o) => o.startLocal)).toEqual(['2026-12-09T14:00']);
  });

  it('moves to another chair when the provider’s own is taken, and keeps clear of the patient’s other bookings', async () => {
    const taken = [booked('other', `${MON}T09:00`, 240, { providerId: 'H', operatoryId: 'op1' }), booked('mine', `${MON}T14:00`, 60, { patientId: 'pat', providerId: 'H', operatoryId: 'op2' })];
    const openings = await run(base({ to: MON, patientId: 'pat' }), rules(), taken);
    expect(openings.map((o) => [o.startLocal, o.operatoryId])).toEqual([
      [`${MON}T09:00`, 'op2'],
      [`${MON}T15:00`, 'op1'],
    ]);
  });

  it('offers nothing before "now", nor in a chair asked for that is busy', async () => {
    const now = localToUtcMs(`${MON}T16:05`, ZONE);
    const openings = await run(base({ to: MON, notBeforeMs: now }), rules());
    expect(openings.map((o) => o.startLocal)).toEqual([`${MON}T16:15`]);
    const fixed = await run(base({ to: MON, operatories: ['op2'], operatoryFixed: true }), rules(), [booked('h', `${MON}T09:00`, 600, { providerId: 'H', operatoryId: 'op2' })]);
    expect(fixed).toEqual([]);
  });

  it('stops reading appointments once it has enough', async () => {
    const asked: string[] = [];
    await findOpenings(base({ to: '2027-01-20', limit: 2 }), availability(rules()), async (from, to) => {
      asked.push(`${from}..${to}`);
      return [];
    });
    // One week of dates at a time: the first week has two openings already.
    expect(asked).toEqual(['2026-11-23..2026-11-29']);
  });
});

describe('the status workflow', () => {
  const t = (from: (typeof APPOINTMENT_STATUSES)[number], to: (typeof APPOINTMENT_STATUSES)[number], reason: 'patient_request' | null = null, date = MON) =>
    checkTransition({ from, to, appointmentDate: date, today: MON, reason });

  it('walks scheduled → confirmed → arrived → seated → completed', () => {
    expect([t('scheduled', 'confirmed'), t('confirmed', 'arrived'), t('arrived', 'seated'), t('seated', 'completed')].every((r) => r.ok)).toBe(true);
  });

  it('allows a cancellation with a reason, or a no-show, before the patient is seen', () => {
    expect(t('scheduled', 'cancelled', 'patient_request').ok).toBe(true);
    expect(t('confirmed', 'no_show').ok).toBe(true);
    expect(t('scheduled', 'cancelled')).toEqual({ ok: false, messageKey: 'errors.CANCEL_REASON_REQUIRED' });
  });

  it('refuses what makes no sense, with a clear key', () => {
    expect(t('scheduled', 'completed')).toEqual({ ok: false, messageKey: 'errors.STATUS_TRANSITION' });
    expect(t('seated', 'no_show')).toEqual({ ok: false, messageKey: 'errors.STATUS_TRANSITION' });
    expect(t('completed', 'scheduled')).toEqual({ ok: false, messageKey: 'errors.STATUS_FINAL' });
    expect(t('cancelled', 'confirmed')).toEqual({ ok: false, messageKey: 'errors.STATUS_FINAL' });
    expect(t('no_show', 'arrived')).toEqual({ ok: false, messageKey: 'errors.STATUS_FINAL' });
    expect(t('confirmed', 'confirmed')).toEqual({ ok: false, messageKey: 'errors.STATUS_SAME' });
    expect(t('scheduled', 'arrived', null, '2026-11-24')).toEqual({ ok: false, messageKey: 'errors.STATUS_TOO_EARLY' });
    // Confirming or cancelling ahead of the day is fine.
    expect(t('scheduled', 'confirmed', null, '2026-11-24').ok).toBe(true);
  });

  it('lets a mistaken step be taken back one place', () => {
    expect(t('arrived', 'confirmed').ok).toBe(true);
    expect(t('seated', 'arrived').ok).toBe(true);
    expect(t('seated', 'confirmed').ok).toBe(false);
  });

  it('never leaves an ending (completed, cancelled, no-show)', () => {
    for (const end of ['completed', 'cancelled', 'no_show'] as const) expect(allowedNextStatuses(end)).toEqual([]);
  });
});

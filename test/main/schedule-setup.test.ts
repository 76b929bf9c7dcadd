import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/schedule/time';
import { call, callError } from '../support/practice';
import { bookInput, practiceToday, scheduleFixture, signIn } from './schedule-support';

describe('setting the schedule up', () => {
  it('adds the usual types once, in the practice’s language', async () => {
    const f = await scheduleFixture();
    expect((await call(f.core, 'admin', 'schedule.types.list', {})).map((t) => t.name)).toEqual([
      'Control',
      'Limpieza',
      'Obturación',
      'Endodoncia',
      'Extracción',
      'Urgencia',
      'Evaluación inicial',
    ]);
    expect(await call(f.core, 'admin', 'schedule.setup.addDefaults', {})).toEqual({ appointmentTypes: 0, blockoutTypes: 0 });
    const updated = await call(f.core, 'admin', 'schedule.types.update', { id: f.cleaning.id, durationMin: 60, active: false });
    expect(updated).toMatchObject({ durationMin: 60, active: false });
    expect((await call(f.core, 'admin', 'schedule.types.list', {})).map((t) => t.name)).not.toContain('Limpieza');
    expect((await call(f.core, 'admin', 'schedule.types.list', { includeInactive: true })).map((t) => t.name)).toContain('Limpieza');
    expect((await callError(f.core, 'admin', 'schedule.book', bookInput(f, { typeId: f.cleaning.id }))).fields).toEqual({ typeId: 'validation.typeInactive' });
  });

  it('refuses to turn off a chair or a provider with appointments ahead, and lets the front desk read but not change the setup', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.book', bookInput(f));
    expect(await callError(f.core, 'admin', 'schedule.operatories.update', { id: f.chair1.id, active: false })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.OPERATORY_HAS_APPOINTMENTS',
      params: { count: 1 },
    });
    expect(await callError(f.core, 'admin', 'schedule.providers.update', { id: f.dentist.id, active: false })).toMatchObject({ messageKey: 'errors.PROVIDER_HAS_APPOINTMENTS' });
    expect((await call(f.core, 'admin', 'schedule.operatories.update', { id: f.chair2.id, name: 'Sillón 2 (ventana)', active: false })).active).toBe(false);
    expect((await call(f.core, 'admin', 'schedule.operatories.list', {})).map((o) => o.name)).toEqual(['Sillón 1']);
    const renamed = await call(f.core, 'admin', 'schedule.providers.update', { id: f.hygienist.id, colour: '#123456', kind: 'specialist' });
    expect(renamed).toMatchObject({ colour: '#123456', kind: 'specialist', displayName: 'Pamela Soto' });
    const desk = await signIn(f.core, 'receptionist', 'recepcion');
    expect((await call(f.core, desk, 'schedule.providers.list', {})).length).toBe(2);
    expect((await callError(f.core, desk, 'schedule.operatories.create', { name: 'Sillón 3' })).code).toBe('FORBIDDEN');
    expect((await callError(f.core, desk, 'schedule.settings.update', { gridMinutes: 5 })).code).toBe('FORBIDDEN');
  });

  it('changes weekly hours from a date on, keeping the earlier hours for the days before it', async () => {
    const f = await scheduleFixture();
    const from = addDays(f.monday, 7);
    const set = await call(f.core, 'admin', 'schedule.hours.set', {
      providerId: f.dentist.id,
      validFrom: from,
      intervals: [{ weekday: 1, start: '10:00', end: '14:00' }],
    });
    expect(set.intervals.map((i) => [i.weekday, i.start, i.end, i.validFrom])).toEqual([[1, '10:00', '14:00', from]]);
    const before = await call(f.core, 'admin', 'schedule.day', { date: f.monday });
    expect(before.workingHours.find((w) => w.providerId === f.dentist.id)!.intervals).toEqual([
      { start: '08:00', end: '13:00' },
      { start: '14:00', end: '20:00' },
    ]);
    const after = await call(f.core, 'admin', 'schedule.day', { date: from });
    expect(after.workingHours.find((w) => w.providerId === f.dentist.id)!.intervals).toEqual([{ start: '10:00', end: '14:00' }]);
    expect((await call(f.core, 'admin', 'schedule.day', { date: addDays(from, 1) })).workingHours.find((w) => w.providerId === f.dentist.id)!.intervals).toEqual([]);
    const overlap = await callError(f.core, 'admin', 'schedule.hours.set', {
      providerId: f.dentist.id,
      intervals: [
        { weekday: 2, start: '09:00', end: '12:00' },
        { weekday: 2, start: '11:00', end: '13:00' },
      ],
    });
    expect(overlap).toMatchObject({ code: 'VALIDATION', fields: { intervals: 'validation.hoursOverlap' }, params: { weekday: 2 } });
  });

  it('records vacations and extra hours as exceptions, and removes them', async () => {
    const f = await scheduleFixture();
    const vacation = await call(f.core, 'admin', 'schedule.exceptions.create', {
      providerId: f.dentist.id,
      kind: 'off',
      startDate: f.monday,
      endDate: addDays(f.monday, 4),
      note: 'Vacaciones',
    });
    expect((await call(f.core, 'admin', 'schedule.day', { date: addDays(f.monday, 2) })).workingHours.find((w) => w.providerId === f.dentist.id)!.intervals).toEqual([]);
    const booked = await call(f.core, 'admin', 'schedule.book', bookInput(f));
    expect(booked.conflicts).toEqual([expect.objectContaining({ kind: 'provider_off', label: 'Vacaciones' })]);
    expect((await callError(f.core, 'admin', 'schedule.exceptions.create', { providerId: f.dentist.id, kind: 'extra', startDate: f.monday, endDate: f.monday })).fields).toEqual({
      start: 'validation.extraNeedsTimes',
    });
    expect(await call(f.core, 'admin', 'schedule.exceptions.list', { from: f.monday, to: addDays(f.monday, 30) })).toHaveLength(1);
    await call(f.core, 'admin', 'schedule.exceptions.remove', { id: vacation.id });
    expect(await call(f.core, 'admin', 'schedule.exceptions.list', { from: f.monday, to: addDays(f.monday, 30) })).toEqual([]);
    expect((await call(f.core, 'admin', 'schedule.check', bookInput(f))).conflicts.map((c) => c.kind)).toEqual(['provider_double_booked', 'operatory_double_booked', 'patient_double_booked']);
  });

  it('lists Chile’s holidays with the practice’s own, and lets the practice open on one', async () => {
    const f = await scheduleFixture();
    const year = Number(practiceToday().slice(0, 4)) + 1;
    const list = await call(f.core, 'admin', 'schedule.holidays.list', { year });
    expect(list.find((h) => h.date === `${year}-09-18`)).toMatchObject({ name: 'Independencia Nacional', nameEn: 'Independence Day', source: 'national', closed: true, id: null });
    const open = await call(f.core, 'admin', 'schedule.holidays.create', { date: `${year}-12-08`, closed: false });
    expect(open).toMatchObject({ source: 'practice', closed: false, name: 'Inmaculada Concepción' });
    expect((await call(f.core, 'admin', 'schedule.day', { date: `${year}-12-08` })).holiday).toMatchObject({ closed: false });
    expect(await callError(f.core, 'admin', 'schedule.holidays.create', { date: `${year}-12-08` })).toMatchObject({ messageKey: 'errors.HOLIDAY_EXISTS' });
    const own = await call(f.core, 'admin', 'schedule.holidays.create', { date: `${year}-03-13`, name: 'Aniversario' });
    await call(f.core, 'admin', 'schedule.holidays.update', { id: own.id!, name: 'Aniversario de la clínica' });
    expect((await call(f.core, 'admin', 'schedule.holidays.list', { year })).find((h) => h.date === `${year}-03-13`)?.name).toBe('Aniversario de la clínica');
    await call(f.core, 'admin', 'schedule.holidays.remove', { id: own.id! });
    expect((await call(f.core, 'admin', 'schedule.holidays.list', { year })).find((h) => h.date === `${year}-03-13`)).toBeUndefined();
  });

  it('keeps blockouts, once or repeating, and tells every window which dates changed', async () => {
    const f = await scheduleFixture();
    const types = await call(f.core, 'admin', 'schedule.blockoutTypes.list', {});
    const meeting = types.find((t) => t.name === 'Reunión')!;
    const once = await call(f.core, 'admin', 'schedule.blockouts.create', { typeId: meeting.id, startLocal: `${f.monday}T17:00`, endLocal: `${addDays(f.monday, 1)}T10:00`, note: 'Jornada' });
    expect(f.events.at(-1)).toEqual({ name: 'schedule.changed', payload: { dates: [f.monday, addDays(f.monday, 1)], all: false } });
    const days = [await call(f.core, 'admin', 'schedule.day', { date: f.monday }), await call(f.core, 'admin', 'schedule.day', { date: addDays(f.monday, 1) })];
    expect(days.map((d) => d.blockouts.map((b) => `${b.start}-${b.end}`))).toEqual([['17:00-24:00'], ['00:00-10:00']]);
    const moved = await call(f.core, 'admin', 'schedule.blockouts.update', {
      id: once.id,
      blockout: { typeId: meeting.id, providerId: f.dentist.id, startLocal: `${f.monday}T08:00`, endLocal: `${f.monday}T09:00`, weekdays: [1], untilDate: addDays(f.monday, 21) },
    });
    expect(moved).toMatchObject({ weekdays: [1], providerId: f.dentist.id, untilDate: addDays(f.monday, 21) });
    expect(f.events.at(-1)).toEqual({ name: 'schedule.changed', payload: { dates: [], all: true } });
    expect((await call(f.core, 'admin', 'schedule.day', { date: addDays(f.monday, 14) })).blockouts.map((b) => b.start)).toEqual(['08:00']);
    expect((await call(f.core, 'admin', 'schedule.day', { date: addDays(f.monday, 28) })).blockouts).toEqual([]);
    expect(await call(f.core, 'admin', 'schedule.blockouts.list', { from: f.monday, to: addDays(f.monday, 30) })).toHaveLength(1);
    await call(f.core, 'admin', 'schedule.blockouts.remove', { id: once.id });
    expect(await call(f.core, 'admin', 'schedule.blockouts.list', { from: f.monday, to: addDays(f.monday, 30) })).toEqual([]);
    expect((await callError(f.core, 'admin', 'schedule.blockouts.create', { typeId: meeting.id, startLocal: `${f.monday}T10:00`, endLocal: `${f.monday}T09:00` })).fields).toEqual({
      endLocal: 'validation.timeOrder',
    });
  });

  it('keeps the grid, office hours, colours and the conflict policy as settings', async () => {
    const f = await scheduleFixture();
    expect(await call(f.core, 'admin', 'schedule.settings.get', {})).toMatchObject({ gridMinutes: 10, conflictPolicy: 'warn', colourBy: 'provider', icsIncludePatientNames: true });
    const next = await call(f.core, 'admin', 'schedule.settings.update', { gridMinutes: 15, officeStart: '08:00', officeEnd: '21:00', officeDays: [6, 1, 2] });
    expect(next).toMatchObject({ gridMinutes: 15, officeStart: '08:00', officeEnd: '21:00', officeDays: [1, 2, 6] });
    expect((await callError(f.core, 'admin', 'schedule.settings.update', { officeStart: '20:00', officeEnd: '09:00' })).fields).toEqual({ officeEnd: 'validation.timeOrder' });
    expect((await callError(f.core, 'admin', 'schedule.settings.update', { gridMinutes: 7 })).code).toBe('VALIDATION');
    expect((await call(f.core, 'admin', 'schedule.day', { date: f.monday })).settings.gridMinutes).toBe(15);
  });
});

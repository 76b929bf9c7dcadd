import { describe, expect, it } from 'vitest';
import { nationalHolidays } from '../../src/shared/schedule/holidays';
import { addDays } from '../../src/shared/schedule/time';
import { call, callError } from '../support/practice';
import { bookInput, count, practiceToday, scheduleFixture, signIn } from './schedule-support';

describe('booking', () => {
  it('books through the write path: the row, its first status fact, their outbox entries and one audit entry, and tells every window', async () => {
    const f = await scheduleFixture();
    const before = { outbox: await count(f.core, 'sync_outbox'), audit: await count(f.core, 'audit_log') };
    const { appointments, conflicts } = await call(f.core, 'admin', 'schedule.book', bookInput(f, { notes: 'Trae radiografías' }));
    expect(conflicts).toEqual([]);
    expect(appointments).toHaveLength(1);
    const a = appointments[0]!;
    expect(a).toMatchObject({
      patientName: 'Camila Andrea Fuentes Soto',
      providerId: f.dentist.id,
      operatoryId: f.chair1.id,
      typeName: 'Control',
      startLocal: `${f.monday}T09:00`,
      endLocal: `${f.monday}T09:30`,
      durationMin: 30,
      status: 'scheduled',
      confirmation: 'not_sent',
      colour: '#2563eb',
      notes: 'Trae radiografías',
      pinboard: false,
    });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(await count(f.core, 'sync_outbox')).toBe(before.outbox + 2);
    expect(await count(f.core, 'audit_log')).toBe(before.audit + 1);
    const db = f.core.vault.store().db;
    const audit = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'schedule.book', entity: 'appointment', entity_id: a.id });
    expect(f.events).toEqual([{ name: 'schedule.changed', payload: { dates: [f.monday], all: false } }]);
  });

  it('takes the length from the type unless given, and refuses bad input without writing', async () => {
    const f = await scheduleFixture();
    const { appointments } = await call(f.core, 'admin', 'schedule.book', bookInput(f, { typeId: f.cleaning.id }));
    expect(appointments[0]!.durationMin).toBe(45);
    const before = await count(f.core, 'appointments');
    const noLength = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { typeId: null }));
    expect(noLength).toMatchObject({ code: 'VALIDATION', fields: { durationMin: 'validation.durationRequired' } });
    const badTime = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T25:00` }));
    expect(badTime).toMatchObject({ code: 'VALIDATION', fields: { startLocal: 'validation.dateTime' } });
    const badLength = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { durationMin: 7 }));
    expect(badLength).toMatchObject({ code: 'VALIDATION', fields: { durationMin: 'validation.duration' } });
    const ghost = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: 'nobody' }));
    expect(ghost).toMatchObject({ code: 'VALIDATION', fields: { patientId: 'validation.patientNotFound' } });
    expect(await count(f.core, 'appointments')).toBe(before);
  });

  it('refuses a time the clocks skip, naming the time to use', async () => {
    const f = await scheduleFixture();
    // Chile: 00:00–00:59 on Sunday 5 September 2027 does not exist.
    const error = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: '2027-09-05T00:30' }));
    expect(error).toMatchObject({ code: 'VALIDATION', fields: { startLocal: 'validation.localTimeSkipped' }, params: { suggested: '2027-09-05T01:30' } });
  });

  it('warns of double bookings by default and books anyway', async () => {
    const f = await scheduleFixture();
    const first = await call(f.core, 'admin', 'schedule.book', bookInput(f));
    const second = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T09:15` }));
    expect(second.conflicts.map((c) => [c.kind, c.otherAppointmentId, c.blocking])).toEqual([
      ['provider_double_booked', first.appointments[0]!.id, false],
      ['operatory_double_booked', first.appointments[0]!.id, false],
    ]);
    expect(second.conflicts.every((c) => c.appointmentId === second.appointments[0]!.id)).toBe(true);
    // The patient booked twice, with another provider in another chair.
    const twice = await call(f.core, 'admin', 'schedule.book', bookInput(f, { providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${f.monday}T09:00` }));
    expect(twice.conflicts.map((c) => c.kind)).toEqual(['patient_double_booked']);
    // Outside working hours (the lunch gap).
    const lunch = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T13:00` }));
    expect(lunch.conflicts.map((c) => c.kind)).toEqual(['outside_working_hours']);
    // The day view flags them all.
    const day = await call(f.core, 'admin', 'schedule.day', { date: f.monday });
    expect(day.conflicts.map((c) => c.kind).sort()).toEqual(['operatory_double_booked', 'outside_working_hours', 'patient_double_booked', 'provider_double_booked']);
  });

  it('blocks conflicts under the "block" policy, unless overridden where the practice allows it', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.book', bookInput(f));
    await call(f.core, 'admin', 'schedule.settings.update', { conflictPolicy: 'block' });
    const before = { appointments: await count(f.core, 'appointments'), outbox: await count(f.core, 'sync_outbox') };
    const refused = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T09:15` }));
    expect(refused).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.SCHEDULE_CONFLICT', params: { count: 2, kinds: 'provider_double_booked,operatory_double_booked' } });
    expect({ appointments: await count(f.core, 'appointments'), outbox: await count(f.core, 'sync_outbox') }).toEqual(before);
    // The preview says the same without writing.
    const check = await call(f.core, 'admin', 'schedule.check', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T09:15` }));
    expect(check.blocked).toBe(true);
    const overridden = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T09:15`, override: true }));
    expect(overridden.conflicts.every((c) => c.blocking)).toBe(true);
    const audit = await f.core.vault.store().db.selectFrom('audit_log').select('details').where('action', '=', 'schedule.book').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toMatchObject({ override: true });
    await call(f.core, 'admin', 'schedule.settings.update', { allowOverride: false });
    const locked = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${f.monday}T09:20`, override: true }));
    expect(locked).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.SCHEDULE_CONFLICT_LOCKED' });
  });

  it('lets a blockout that forbids booking block even under "warn", and one that does not only warn', async () => {
    const f = await scheduleFixture();
    const types = await call(f.core, 'admin', 'schedule.blockoutTypes.list', {});
    const lunch = types.find((t) => t.name === 'Almuerzo')!;
    const urgent = types.find((t) => t.name === 'Solo urgencias')!;
    expect(lunch.forbidsBooking).toBe(true);
    await call(f.core, 'admin', 'schedule.blockouts.create', {
      typeId: lunch.id,
      providerId: f.dentist.id,
      startLocal: `${f.monday}T12:00`,
      endLocal: `${f.monday}T13:00`,
      weekdays: [1, 2, 3, 4, 5],
    });
    await call(f.core, 'admin', 'schedule.blockouts.create', { typeId: urgent.id, operatoryId: f.chair1.id, startLocal: `${f.monday}T17:00`, endLocal: `${f.monday}T18:00` });
    const blocked = await callError(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${addDays(f.monday, 7)}T12:30` }));
    expect(blocked).toMatchObject({ code: 'CONFLICT', params: { kinds: 'blockout' } });
    const warned = await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T17:00` }));
    expect(warned.conflicts).toEqual([expect.objectContaining({ kind: 'blockout', label: 'Solo urgencias', blocking: false })]);
    const day = await call(f.core, 'admin', 'schedule.day', { date: f.monday });
    expect(day.blockouts.map((b) => [b.typeName, b.start, b.end])).toEqual([
      ['Almuerzo', '12:00', '13:00'],
      ['Solo urgencias', '17:00', '18:00'],
    ]);
  });

  it('books a series, "every 2 weeks, 6 times", with the conflicts of each occurrence', async () => {
    const f = await scheduleFixture();
    const third = addDays(f.monday, 28);
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${third}T10:00` }));
    await call(f.core, 'admin', 'schedule.holidays.create', { date: addDays(f.monday, 14), name: 'Capacitación' });
    f.events.length = 0;
    const { appointments, conflicts } = await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T10:00`, series: { everyWeeks: 2, count: 6 } }));
    expect(appointments.map((a) => a.startLocal)).toEqual([0, 14, 28, 42, 56, 70].map((d) => `${addDays(f.monday, d)}T10:00`));
    expect(new Set(appointments.map((a) => a.seriesId)).size).toBe(1);
    expect(appointments[0]!.seriesId).not.toBeNull();
    // National holidays that happen to fall on an occurrence show too.
    const national = [0, 14, 28, 42, 56, 70].flatMap((d, i) => (nationalHolidays('CL', addDays(f.monday, d), addDays(f.monday, d)).length ? [[i, 'holiday', true]] : []));
    expect(conflicts.map((c) => [c.occurrence, c.kind, c.appointmentId === appointments[c.occurrence!]!.id])).toEqual(
      [[1, 'holiday', true], [2, 'provider_double_booked', true], [2, 'operatory_double_booked', true], ...national].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    expect(f.events).toHaveLength(1);
    expect((f.events[0]!.payload as { dates: string[] }).dates).toHaveLength(6);
  });
});

describe('moving and the pinboard', () => {
  it('moves to another chair and time, reports the new conflicts, and asks for confirmation again after a change of time', async () => {
    const f = await scheduleFixture();
    const { appointments } = await call(f.core, 'admin', 'schedule.book', bookInput(f));
    const other = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${f.monday}T11:00` }));
    const id = appointments[0]!.id;
    await call(f.core, 'admin', 'schedule.setStatus', { id, status: 'confirmed' });
    f.events.length = 0;
    const moved = await call(f.core, 'admin', 'schedule.move', { id, operatoryId: f.chair2.id, startLocal: `${f.monday}T11:15` });
    expect(moved.appointment).toMatchObject({ operatoryId: f.chair2.id, startLocal: `${f.monday}T11:15`, status: 'scheduled', confirmation: 'not_sent' });
    expect(moved.conflicts).toEqual([expect.objectContaining({ kind: 'operatory_double_booked', otherAppointmentId: other.appointments[0]!.id, appointmentId: id })]);
    expect(f.events).toEqual([{ name: 'schedule.changed', payload: { dates: [f.monday], all: false } }]);
    // A longer card (shift+arrow): only the length changes, confirmation stays.
    const longer = await call(f.core, 'admin', 'schedule.move', { id, durationMin: 60 });
    expect(longer.appointment).toMatchObject({ durationMin: 60, endLocal: `${f.monday}T12:15` });
    expect((await callError(f.core, 'admin', 'schedule.move', { id })).fields).toEqual({ startLocal: 'validation.nothingToChange' });
  });

  it('takes an appointment off the grid to the pinboard and places it back elsewhere', async () => {
    const f = await scheduleFixture();
    const { appointments } = await call(f.core, 'admin', 'schedule.book', bookInput(f));
    const id = appointments[0]!.id;
    const pinned = await call(f.core, 'admin', 'schedule.toPinboard', { id });
    expect(pinned.pinboard).toBe(true);
    expect((await call(f.core, 'admin', 'schedule.day', { date: f.monday })).appointments).toEqual([]);
    expect((await call(f.core, 'admin', 'schedule.pinboard', {})).map((a) => a.id)).toEqual([id]);
    expect(await callError(f.core, 'admin', 'schedule.move', { id, durationMin: 45 })).toMatchObject({ messageKey: 'errors.APPOINTMENT_ON_PINBOARD' });
    const tuesday = addDays(f.monday, 1);
    const placed = await call(f.core, 'admin', 'schedule.fromPinboard', { id, startLocal: `${tuesday}T15:00`, operatoryId: f.chair2.id });
    expect(placed.appointment).toMatchObject({ pinboard: false, startLocal: `${tuesday}T15:00`, operatoryId: f.chair2.id });
    expect(await call(f.core, 'admin', 'schedule.pinboard', {})).toEqual([]);
    expect((await call(f.core, 'admin', 'schedule.day', { date: tuesday })).appointments.map((a) => a.id)).toEqual([id]);
  });
});

describe('the status workflow', () => {
  it('walks a visit of today from scheduled to completed, recording who set each step and when', async () => {
    const f = await scheduleFixture();
    const desk = await signIn(f.core, 'receptionist', 'recepcion');
    const today = practiceToday();
    const { appointments } = await call(f.core, desk, 'schedule.book', bookInput(f, { startLocal: `${today}T08:00` }));
    const id = appointments[0]!.id;
    for (const status of ['confirmed', 'arrived', 'seated', 'completed'] as const) {
      expect((await call(f.core, desk, 'schedule.setStatus', { id, status })).status).toBe(status);
    }
    const detail = await call(f.core, desk, 'schedule.get', { id });
    expect(detail.history.map((h) => [h.status, h.byName])).toEqual([
      ['scheduled', 'Test receptionist'],
      ['confirmed', 'Test receptionist'],
      ['arrived', 'Test receptionist'],
      ['seated', 'Test receptionist'],
      ['completed', 'Test receptionist'],
    ]);
    expect(detail.history.every((h) => h.at && h.byUserId)).toBe(true);
    // An ending is final, and the facts cannot be edited.
    expect(await callError(f.core, desk, 'schedule.setStatus', { id, status: 'arrived' })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.STATUS_FINAL' });
    const db = f.core.vault.store().db;
    await expect(db.updateTable('appointment_status_history').set({ status: 'x' }).where('appointment_id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('appointment_status_history').where('appointment_id', '=', id).execute()).rejects.toThrow(/append-only/);
  });

  it('refuses invalid steps with a clear key, and a cancellation without its reason', async () => {
    const f = await scheduleFixture();
    const { appointments } = await call(f.core, 'admin', 'schedule.book', bookInput(f));
    const id = appointments[0]!.id;
    expect(await callError(f.core, 'admin', 'schedule.setStatus', { id, status: 'completed' })).toMatchObject({
      code: 'CONFLICT',
      messageKey: 'errors.STATUS_TRANSITION',
      params: { from: 'scheduled', to: 'completed' },
    });
    expect(await callError(f.core, 'admin', 'schedule.setStatus', { id, status: 'arrived' })).toMatchObject({ messageKey: 'errors.STATUS_TOO_EARLY' });
    expect(await callError(f.core, 'admin', 'schedule.setStatus', { id, status: 'cancelled' })).toMatchObject({
      code: 'VALIDATION',
      messageKey: 'errors.CANCEL_REASON_REQUIRED',
      fields: { reason: 'validation.required' },
    });
    expect(await callError(f.core, 'admin', 'schedule.setStatus', { id, status: 'scheduled' })).toMatchObject({ messageKey: 'errors.STATUS_SAME' });
  });

  it('keeps and counts cancellations and no-shows, lists them to rebook, and rebooks or dismisses them', async () => {
    const f = await scheduleFixture();
    const today = practiceToday();
    const first = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${today}T08:00` }))).appointments[0]!;
    const second = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T09:00` }))).appointments[0]!;
    const third = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T15:00` }))).appointments[0]!;
    await call(f.core, 'admin', 'schedule.setStatus', { id: first.id, status: 'no_show' });
    await call(f.core, 'admin', 'schedule.setStatus', { id: second.id, status: 'cancelled', reason: 'patient_illness', note: 'Resfrío' });
    await call(f.core, 'admin', 'schedule.setStatus', { id: third.id, status: 'cancelled', reason: 'patient_request' });
    const list = await call(f.core, 'admin', 'schedule.unscheduled', {});
    expect(list.total).toBe(3);
    expect(list.items.find((i) => i.appointment.id === second.id)).toMatchObject({ reason: 'patient_illness', phone: '9 8765 4321', providerName: 'Catalina González' });
    const mine = await call(f.core, 'admin', 'schedule.patientAppointments', { patientId: f.camila.id });
    expect(mine.counts).toEqual({ completed: 0, cancelled: 2, noShow: 1 });
    const day = await call(f.core, 'admin', 'schedule.day', { date: f.monday });
    expect(day.counts).toEqual({ booked: 0, cancelled: 2, noShow: 0, completed: 0 });
    expect(day.appointments).toEqual([]); // the cancelled ones freed their time

    const rebooked = await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${addDays(f.monday, 2)}T09:00`, rebookOf: second.id }));
    expect(rebooked.appointments[0]!.rebookedFromId).toBe(second.id);
    await call(f.core, 'admin', 'schedule.unscheduled.dismiss', { id: third.id });
    expect((await call(f.core, 'admin', 'schedule.unscheduled', {})).items.map((i) => i.appointment.id)).toEqual([first.id]);
    expect(await callError(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${addDays(f.monday, 3)}T09:00`, rebookOf: second.id }))).toMatchObject({
      messageKey: 'errors.NOT_ON_UNSCHEDULED_LIST',
    });
    // Counted still, never deleted.
    expect((await call(f.core, 'admin', 'schedule.patientAppointments', { patientId: f.camila.id })).counts).toEqual({ completed: 0, cancelled: 2, noShow: 1 });
  });

  it('shows who is waiting and for how long, and who is seated', async () => {
    const f = await scheduleFixture();
    const today = practiceToday();
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${today}T08:00` }))).appointments[0]!;
    const b = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${today}T19:00` }))).appointments[0]!;
    await call(f.core, 'admin', 'schedule.setStatus', { id: a.id, status: 'arrived' });
    await call(f.core, 'admin', 'schedule.setStatus', { id: b.id, status: 'arrived' });
    await call(f.core, 'admin', 'schedule.setStatus', { id: b.id, status: 'seated' });
    const room = await call(f.core, 'admin', 'schedule.waitingRoom', {});
    expect(room.map((r) => [r.appointment.patientName, r.appointment.status, r.operatoryName])).toEqual([
      ['Camila Andrea Fuentes Soto', 'arrived', 'Sillón 1'],
      ['Tomás Núñez Soto', 'seated', 'Sillón 2'],
    ]);
    expect(room[0]!.minutesWaiting).toBeGreaterThanOrEqual(0);
    expect(room[0]!.arrivedAt).not.toBeNull();
    expect(room[1]!.seatedAt).not.toBeNull();
  });
});

describe('lists', () => {
  it('keeps an ASAP list with preferences, filters it by a freed slot, and takes a patient off when booked', async () => {
    const f = await scheduleFixture();
    const entry = await call(f.core, 'admin', 'schedule.waitlist.add', {
      patientId: f.camila.id,
      providerId: f.dentist.id,
      weekdays: [1, 3],
      timeOfDay: 'morning',
      durationMin: 30,
      notes: 'Puede venir con una hora de aviso',
    });
    await call(f.core, 'admin', 'schedule.waitlist.add', { patientId: f.tomas.id, timeOfDay: 'afternoon' });
    expect(entry).toMatchObject({ patientName: 'Camila Andrea Fuentes Soto', phone: '9 8765 4321', weekdays: [1, 3], timeOfDay: 'morning' });
    expect(await call(f.core, 'admin', 'schedule.waitlist.list', {})).toHaveLength(2);
    const mondayMorning = await call(f.core, 'admin', 'schedule.waitlist.list', { fits: { startLocal: `${f.monday}T10:00`, durationMin: 45, providerId: f.dentist.id } });
    expect(mondayMorning.map((e) => e.patientName)).toEqual(['Camila Andrea Fuentes Soto']);
    const tuesdayAfternoon = await call(f.core, 'admin', 'schedule.waitlist.list', { fits: { startLocal: `${addDays(f.monday, 1)}T15:00`, durationMin: 30 } });
    expect(tuesdayAfternoon.map((e) => e.patientName)).toEqual(['Tomás Núñez Soto']);
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T10:00`, waitlistId: entry.id }));
    expect((await call(f.core, 'admin', 'schedule.waitlist.list', {})).map((e) => e.patientName)).toEqual(['Tomás Núñez Soto']);
    const removed = await f.core.vault.store().db.selectFrom('waitlist').select(['deleted_at', 'removed_reason']).where('id', '=', entry.id).executeTakeFirstOrThrow();
    expect(removed.removed_reason).toBe('booked');
    expect(removed.deleted_at).not.toBeNull();
  });

  it('finds the next openings through the contract, around what is booked', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T08:00`, durationMin: 120 }));
    const openings = await call(f.core, 'admin', 'schedule.findOpenings', {
      providerId: f.dentist.id,
      durationMin: 45,
      timeOfDay: 'morning',
      from: f.monday,
      to: addDays(f.monday, 6),
      limit: 2,
    });
    // The next day that is not a holiday (8 December is one).
    let next = addDays(f.monday, 1);
    while (nationalHolidays('CL', next, next).length) next = addDays(next, 1);
    expect(openings.map((o) => [o.startLocal, o.operatoryId])).toEqual([
      [`${f.monday}T10:00`, f.chair1.id],
      [`${next}T08:00`, f.chair1.id],
    ]);
    expect((await callError(f.core, 'admin', 'schedule.findOpenings', { durationMin: 30, from: f.monday, to: addDays(f.monday, 60) })).fields).toEqual({
      to: 'validation.openingsRange',
    });
  });

  it('lists the day to confirm, with phones and the last reminder', async () => {
    const f = await scheduleFixture();
    const tomorrow = addDays(practiceToday(), 1);
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${tomorrow}T09:00` }))).appointments[0]!;
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${tomorrow}T10:00` }));
    await call(f.core, 'admin', 'schedule.reminder.record', { appointmentId: a.id, channel: 'whatsapp' });
    const list = await call(f.core, 'admin', 'schedule.tomorrow', {});
    expect(list.date).toBe(tomorrow);
    expect(list.items.map((i) => [i.appointment.patientName, i.phone, i.whatsapp, i.appointment.confirmation, i.lastReminder?.channel ?? null])).toEqual([
      ['Camila Andrea Fuentes Soto', '9 8765 4321', true, 'sent', 'whatsapp'],
      ['Tomás Núñez Soto', '(2) 2345 6789', false, 'not_sent', null],
    ]);
  });
});

describe('reminders', () => {
  it('composes the reminder in Spanish with a wa.me link to the WhatsApp phone, and audits it', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.settings.update', { address: 'Av. Providencia 1234, Providencia', phone: '+56 2 2345 0000' });
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: '2027-03-01T09:30' }))).appointments[0]!;
    const reminder = await call(f.core, 'admin', 'schedule.reminder.compose', { appointmentId: a.id });
    expect(reminder.language).toBe('es');
    expect(reminder.text).toBe(
      'Hola Camila, le recordamos su hora en Clínica Dental Los Aromos el lunes, 1 de marzo a las 09:30 con Catalina González.\n' +
        'Dirección: Av. Providencia 1234, Providencia\n' +
        'Por favor responda SÍ para confirmar, o escríbanos si necesita cambiarla.',
    );
    expect(reminder.phone).toBe('+56987654321');
    expect(reminder.phoneIsWhatsapp).toBe(true);
    expect(reminder.whatsappUrl).toBe(`https://wa.me/56987654321?text=${encodeURIComponent(reminder.text)}`);
    const audit = await f.core.vault.store().db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'schedule.reminder.compose', entity_id: a.id });
  });

  it('writes in the patient’s language, and gives no link without a mobile phone', async () => {
    const f = await scheduleFixture();
    const store = f.core.vault.store();
    await store.write({ userId: null, deviceId: store.deviceId }, (tx) => tx.update('patients', f.tomas.id, { language: 'en' }));
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: '2027-03-01T15:00' }))).appointments[0]!;
    const reminder = await call(f.core, 'admin', 'schedule.reminder.compose', { appointmentId: a.id });
    expect(reminder.language).toBe('en');
    expect(reminder.text).toMatch(/^Hello Tomás, this is a reminder of your appointment at Clínica Dental Los Aromos on Monday,? (1 March|March 1) at 3:00\s?PM with Catalina González\./);
    expect(reminder.text).not.toContain('Address');
    expect(reminder).toMatchObject({ phone: null, whatsappUrl: null });
    const spanish = await call(f.core, 'admin', 'schedule.reminder.compose', { appointmentId: a.id, language: 'es', kind: 'booking' });
    expect(spanish.text).toMatch(/^Hola Tomás, su hora en Clínica Dental Los Aromos quedó agendada para el lunes, 1 de marzo a las 15:00 con Catalina González \(Control\)\.$/);
  });

  it('records what went out and the answer; a confirmation confirms the appointment', async () => {
    const f = await scheduleFixture();
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f))).appointments[0]!;
    const sent = await call(f.core, 'admin', 'schedule.reminder.record', { appointmentId: a.id, channel: 'copy' });
    expect(sent).toMatchObject({ confirmation: 'sent', status: 'scheduled' });
    const answered = await call(f.core, 'admin', 'schedule.reminder.record', { appointmentId: a.id, channel: 'whatsapp', answer: 'confirmed' });
    expect(answered).toMatchObject({ confirmation: 'confirmed', status: 'confirmed' });
    const detail = await call(f.core, 'admin', 'schedule.get', { id: a.id });
    expect(detail.reminders.map((r) => [r.channel, r.answer, r.language])).toEqual([
      ['copy', null, 'es'],
      ['whatsapp', 'confirmed', 'es'],
    ]);
    expect(detail.history.map((h) => h.status)).toEqual(['scheduled', 'confirmed']);
    const b = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T11:00` }))).appointments[0]!;
    expect(await call(f.core, 'admin', 'schedule.reminder.record', { appointmentId: b.id, channel: 'phone', answer: 'reschedule' })).toMatchObject({ confirmation: 'reschedule' });
  });

  it('lets the admin edit templates, refusing unknown variables, and reset them; the front desk cannot', async () => {
    const f = await scheduleFixture();
    const list = await call(f.core, 'admin', 'schedule.templates.list', {});
    expect(list.map((t) => `${t.kind}:${t.language}:${t.isDefault}`)).toEqual(['reminder:es:true', 'reminder:en:true', 'booking:es:true', 'booking:en:true']);
    expect(list[0]!.variables.map((v) => v.placeholder)).toContain('{nombre}');
    expect(list[1]!.variables.map((v) => v.placeholder)).toContain('{name}');
    const bad = await callError(f.core, 'admin', 'schedule.templates.update', { kind: 'reminder', language: 'es', body: 'Hola {apodo}' });
    expect(bad).toMatchObject({ code: 'VALIDATION', fields: { body: 'validation.templateVariable' }, params: { unknown: '{apodo}' } });
    await call(f.core, 'admin', 'schedule.templates.update', { kind: 'reminder', language: 'es', body: '{nombre}: su hora es el {fecha} a las {hora}. ¿Confirma? Responda SÍ & listo' });
    const a = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: '2027-03-01T09:30' }))).appointments[0]!;
    const text = (await call(f.core, 'admin', 'schedule.reminder.compose', { appointmentId: a.id })).text;
    expect(text).toBe('Camila: su hora es el lunes, 1 de marzo a las 09:30. ¿Confirma? Responda SÍ & listo');
    const desk = await signIn(f.core, 'receptionist', 'recepcion');
    expect((await callError(f.core, desk, 'schedule.templates.update', { kind: 'reminder', language: 'es', body: 'x' })).code).toBe('FORBIDDEN');
    const reset = await call(f.core, 'admin', 'schedule.templates.update', { kind: 'reminder', language: 'es', body: null });
    expect(reset.isDefault).toBe(true);
  });
});

describe('the day and week views', () => {
  it('shows one column per chair with cards, working hours, the holiday, and audits each read once', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'patients.setAlerts', { patientId: f.camila.id, alerts: ['allergy_latex'] });
    await call(f.core, 'admin', 'schedule.book', bookInput(f));
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, providerId: f.hygienist.id, operatoryId: f.chair2.id, typeId: f.cleaning.id, startLocal: `${f.monday}T10:00` }));
    const auditBefore = await count(f.core, 'audit_log');
    const day = await call(f.core, 'admin', 'schedule.day', { date: f.monday });
    expect(await count(f.core, 'audit_log')).toBe(auditBefore + 1);
    expect(day.operatories.map((o) => o.name)).toEqual(['Sillón 1', 'Sillón 2']);
    expect(day.appointments.map((a) => [a.startLocal.slice(11), a.patientName, a.typeName, a.patientAlerts])).toEqual([
      ['09:00', 'Camila Andrea Fuentes Soto', 'Control', ['allergy_latex']],
      ['10:00', 'Tomás Núñez Soto', 'Limpieza', []],
    ]);
    expect(day.workingHours.find((w) => w.providerId === f.dentist.id)!.intervals).toEqual([
      { start: '08:00', end: '13:00' },
      { start: '14:00', end: '20:00' },
    ]);
    expect(day.settings).toMatchObject({ gridMinutes: 10, colourBy: 'provider', conflictPolicy: 'warn' });
    expect(day.holiday).toBeNull();
    const christmas = await call(f.core, 'admin', 'schedule.day', { date: '2026-12-25' });
    expect(christmas.holiday).toMatchObject({ name: 'Navidad', closed: true, source: 'national' });
    expect(christmas.workingHours.every((w) => w.intervals.length === 0)).toBe(true);
    // Colour by type, by setting.
    await call(f.core, 'admin', 'schedule.settings.update', { colourBy: 'type' });
    expect((await call(f.core, 'admin', 'schedule.day', { date: f.monday })).appointments.map((a) => a.colour)).toEqual(['#2563eb', '#0891b2']);
  });

  it('flags a late appointment that runs past midnight into the next day', async () => {
    const f = await scheduleFixture();
    const late = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${f.monday}T23:30`, durationMin: 60 }))).appointments[0]!;
    expect(late.endLocal).toBe(`${addDays(f.monday, 1)}T00:30`);
    const early = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: f.tomas.id, startLocal: `${addDays(f.monday, 1)}T00:00` }));
    expect(early.conflicts.filter((c) => c.kind.endsWith('double_booked')).map((c) => [c.kind, c.otherAppointmentId])).toEqual([
      ['provider_double_booked', late.id],
      ['operatory_double_booked', late.id],
    ]);
    const next = await call(f.core, 'admin', 'schedule.day', { date: addDays(f.monday, 1) });
    expect(next.conflicts.filter((c) => c.kind.endsWith('double_booked')).map((c) => c.otherAppointmentId)).toEqual([late.id, late.id]);
  });

  it('lets billing read the schedule, with the badges, but not book', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'patients.setAlerts', { patientId: f.camila.id, alerts: ['anticoagulants'] });
    await call(f.core, 'admin', 'schedule.book', bookInput(f));
    const billing = await signIn(f.core, 'billing', 'cobranza');
    const day = await call(f.core, billing, 'schedule.day', { date: f.monday });
    expect(day.appointments[0]!.patientAlerts).toEqual(['anticoagulants']);
    expect((await callError(f.core, billing, 'schedule.book', bookInput(f))).code).toBe('FORBIDDEN');
    expect((await callError(f.core, billing, 'schedule.setStatus', { id: day.appointments[0]!.id, status: 'confirmed' })).code).toBe('FORBIDDEN');
  });

  it('shows a provider’s week and a chair’s week, with conflicts against appointments outside the view', async () => {
    const f = await scheduleFixture();
    await call(f.core, 'admin', 'schedule.book', bookInput(f));
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { startLocal: `${addDays(f.monday, 2)}T09:00` }));
    // Camila with the hygienist at the same time: a patient conflict the dentist's week must show.
    await call(f.core, 'admin', 'schedule.book', bookInput(f, { providerId: f.hygienist.id, operatoryId: f.chair2.id, startLocal: `${addDays(f.monday, 2)}T09:00` }));
    const week = await call(f.core, 'admin', 'schedule.week', { start: f.monday, providerId: f.dentist.id });
    expect(week.days.map((d) => d.date)).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => addDays(f.monday, n)));
    expect(week.appointments).toHaveLength(2);
    expect(week.conflicts.map((c) => c.kind)).toEqual(['patient_double_booked']);
    const chairWeek = await call(f.core, 'admin', 'schedule.week', { start: f.monday, operatoryId: f.chair2.id });
    expect(chairWeek.appointments).toHaveLength(1);
    expect((await callError(f.core, 'admin', 'schedule.week', { start: f.monday })).fields).toEqual({ providerId: 'validation.weekOwner' });
  });
});

describe('merging patients', () => {
  it('carries appointments and waitlist entries to the survivor, keeps the reminders sent, and undo brings them back', async () => {
    const f = await scheduleFixture();
    const duplicate = await call(f.core, 'admin', 'patients.create', { draft: { givenNames: 'Camila', firstSurname: 'Fuentes', secondSurname: 'Soto', birthDate: '1985-03-04' } });
    const booked = (await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: duplicate.id }))).appointments[0]!;
    const entry = await call(f.core, 'admin', 'schedule.waitlist.add', { patientId: duplicate.id });
    await call(f.core, 'admin', 'schedule.reminder.record', { appointmentId: booked.id, channel: 'copy' });
    const { mergeId } = await call(f.core, 'admin', 'patients.merge', { survivorId: f.camila.id, duplicateId: duplicate.id });
    expect((await call(f.core, 'admin', 'schedule.get', { id: booked.id })).appointment.patientId).toBe(f.camila.id);
    expect((await call(f.core, 'admin', 'schedule.waitlist.list', {})).find((e) => e.id === entry.id)?.patientId).toBe(f.camila.id);
    expect((await call(f.core, 'admin', 'schedule.patientAppointments', { patientId: f.camila.id })).upcoming.map((a) => a.id)).toEqual([booked.id]);
    // Booking a link to the merged duplicate books the survivor.
    const viaOldLink = await call(f.core, 'admin', 'schedule.book', bookInput(f, { patientId: duplicate.id, startLocal: `${f.monday}T15:00` }));
    expect(viaOldLink.appointments[0]!.patientId).toBe(f.camila.id);
    await call(f.core, 'admin', 'patients.undoMerge', { mergeId });
    expect((await call(f.core, 'admin', 'schedule.get', { id: booked.id })).appointment.patientId).toBe(duplicate.id);
    const log = await f.core.vault.store().db.selectFrom('reminder_log').select('patient_id').where('appointment_id', '=', booked.id).execute();
    expect(log.map((r) => r.patient_id)).toEqual([duplicate.id]);
  });
});

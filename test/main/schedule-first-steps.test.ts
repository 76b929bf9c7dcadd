import { describe, expect, it } from 'vitest';
import type { AppCore } from '../../src/main/app-core';
import { addDays } from '../../src/shared/schedule/time';
import { addUser, call, callError, PASSPHRASE, setUpPractice, startCore, tempDir } from '../support/practice';
import { practiceToday, signIn } from './schedule-support';

/*
 * The first steps of a new practice, against its real encrypted database:
 * what the checklist reads, and "add the usual types".
 */

const doneSteps = async (core: AppCore, connection = 'admin') =>
  (await call(core, connection, 'schedule.setup.status', {})).steps.filter((s) => s.done).map((s) => s.step);

async function auditActions(core: AppCore, action: string) {
  return (await call(core, 'admin', 'audit.list', { limit: 500 })).filter((e) => e.action === action);
}

describe('the schedule’s first steps', () => {
  it('start all missing in a new practice, and each turns done from the data itself', async () => {
    const { core } = await setUpPractice();
    const status = await call(core, 'admin', 'schedule.setup.status', {});
    expect(status).toEqual({
      ready: false,
      steps: [
        { step: 'operatories', done: false, count: 0 },
        { step: 'providers', done: false, count: 0 },
        { step: 'hours', done: false, count: 0 },
        { step: 'types', done: false, count: 0 },
      ],
    });

    const chair = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
    expect(await doneSteps(core)).toEqual(['operatories']);

    // A provider counts once linked to an active user.
    const provider = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Carolina', firstSurname: 'Rojas', kind: 'dentist', colour: '#2563eb' });
    expect(await doneSteps(core)).toEqual(['operatories']);
    const dentist = await addUser(core, 'dentist', 'crojas');
    await call(core, 'admin', 'schedule.providers.update', { id: provider.id, userId: dentist.id });
    expect(await doneSteps(core)).toEqual(['operatories', 'providers']);
    await call(core, 'admin', 'users.update', { id: dentist.id, active: false });
    expect(await doneSteps(core)).toEqual(['operatories']);
    await call(core, 'admin', 'users.update', { id: dentist.id, active: true });

    // Hours that ended before today do not count; hours from today on do.
    const today = practiceToday();
    await call(core, 'admin', 'schedule.hours.set', { providerId: provider.id, intervals: [{ weekday: 1, start: '09:00', end: '13:00' }], validFrom: addDays(today, -30) });
    expect(await doneSteps(core)).toEqual(['operatories', 'providers', 'hours']);
    await call(core, 'admin', 'schedule.hours.set', { providerId: provider.id, intervals: [], validFrom: today });
    expect(await doneSteps(core)).toEqual(['operatories', 'providers']);
    await call(core, 'admin', 'schedule.hours.set', { providerId: provider.id, intervals: [{ weekday: 2, start: '09:00', end: '13:00' }], validFrom: addDays(today, 7) });
    expect(await doneSteps(core)).toEqual(['operatories', 'providers', 'hours']);

    await call(core, 'admin', 'schedule.setup.addDefaults', {});
    const ready = await call(core, 'admin', 'schedule.setup.status', {});
    expect(ready.ready).toBe(true);
    expect(ready.steps.find((s) => s.step === 'types')).toEqual({ step: 'types', done: true, count: 7 });

    // A chair turned off is no chair: the step is missing again.
    await call(core, 'admin', 'schedule.operatories.update', { id: chair.id, active: false });
    expect((await call(core, 'admin', 'schedule.setup.status', {})).ready).toBe(false);
  });

  it('are readable by anyone who sees the schedule, refused to a signed-out connection, and refuse unknown input', async () => {
    const { core } = await setUpPractice();
    const desk = await signIn(core, 'receptionist', 'recepcion');
    expect((await call(core, desk, 'schedule.setup.status', {})).ready).toBe(false);
    expect((await callError(core, 'nobody', 'schedule.setup.status', {})).code).toBe('UNAUTHENTICATED');
    expect(await callError(core, 'admin', 'schedule.setup.status', { ready: true })).toMatchObject({ code: 'VALIDATION' });
  });
});

describe('adding the usual appointment types', () => {
  it('adds them once, in the practice’s language, audited; a second press adds nothing', async () => {
    const { core } = await setUpPractice();
    expect(await call(core, 'admin', 'schedule.setup.addDefaults', {})).toEqual({ appointmentTypes: 7, blockoutTypes: 4 });
    const types = await call(core, 'admin', 'schedule.types.list', {});
    expect(types.map((t) => [t.name, t.durationMin])).toEqual([
      ['Control', 30],
      ['Limpieza', 45],
      ['Obturación', 45],
      ['Endodoncia', 90],
      ['Extracción', 45],
      ['Urgencia', 30],
      ['Evaluación inicial', 45],
    ]);
    expect(await call(core, 'admin', 'schedule.setup.addDefaults', {})).toEqual({ appointmentTypes: 0, blockoutTypes: 0 });
    expect(await call(core, 'admin', 'schedule.types.list', {})).toHaveLength(7);
    expect(await call(core, 'admin', 'schedule.blockoutTypes.list', {})).toHaveLength(4);
    // Each press is in the audit log, under the admin who pressed it.
    const audited = await auditActions(core, 'schedule.setup.addDefaults');
    expect(audited).toHaveLength(2);
    expect(audited.every((e) => e.userName === 'Ana María Pérez Soto' && e.entity === 'settings')).toBe(true);
  });

  it('pressed twice at once, still adds each type once', async () => {
    const { core } = await setUpPractice();
    const [a, b] = await Promise.all([call(core, 'admin', 'schedule.setup.addDefaults', {}), call(core, 'admin', 'schedule.setup.addDefaults', {})]);
    expect(a.appointmentTypes + b.appointmentTypes).toBe(7);
    const names = (await call(core, 'admin', 'schedule.types.list', { includeInactive: true })).map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(7);
  });

  it('leaves alone the types the practice already has by name, in either language, even turned off', async () => {
    const { core } = await setUpPractice();
    await call(core, 'admin', 'schedule.types.create', { name: '  limpieza ', durationMin: 60, colour: '#123456' });
    const check = await call(core, 'admin', 'schedule.types.create', { name: 'Check-up', durationMin: 20, colour: '#654321' });
    await call(core, 'admin', 'schedule.types.update', { id: check.id, active: false });
    await call(core, 'admin', 'schedule.types.create', { name: 'Blanqueamiento', durationMin: 60, colour: '#abcdef' });
    expect((await call(core, 'admin', 'schedule.setup.addDefaults', {})).appointmentTypes).toBe(5);
    const all = await call(core, 'admin', 'schedule.types.list', { includeInactive: true });
    expect(all.map((t) => t.name)).toEqual(['limpieza', 'Check-up', 'Blanqueamiento', 'Obturación', 'Endodoncia', 'Extracción', 'Urgencia', 'Evaluación inicial']);
    // The practice's own length stays.
    expect(all[0]).toMatchObject({ durationMin: 60 });
    expect(all.find((t) => t.name === 'Check-up')).toMatchObject({ active: false });
  });

  it('names them in English for an English practice', async () => {
    const dataDir = tempDir();
    const core = await startCore({ dataDir });
    await call(core, 'admin', 'app.setup', {
      practice: { name: 'Maple Dental', country: 'CL', timeZone: 'America/Santiago', currency: 'CLP', language: 'en' },
      admin: { givenNames: 'Ana', firstSurname: 'Pérez', secondSurname: '', username: 'admin', password: 'admin-password-1' },
      key: { kind: 'passphrase', passphrase: PASSPHRASE },
    });
    await call(core, 'admin', 'schedule.setup.addDefaults', {});
    expect((await call(core, 'admin', 'schedule.types.list', {})).map((t) => t.name)).toEqual(['Check-up', 'Cleaning', 'Filling', 'Root canal', 'Extraction', 'Emergency', 'New patient exam']);
    expect((await call(core, 'admin', 'schedule.blockoutTypes.list', {})).map((t) => t.name)).toContain('Lunch');
  });

  it('is refused in main to a role without settings.manage, and to unknown input, with nothing written', async () => {
    const { core } = await setUpPractice();
    const desk = await signIn(core, 'receptionist', 'recepcion');
    expect(await callError(core, desk, 'schedule.setup.addDefaults', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await callError(core, 'admin', 'schedule.setup.addDefaults', { language: 'en' })).toMatchObject({ code: 'VALIDATION' });
    expect(await call(core, 'admin', 'schedule.types.list', { includeInactive: true })).toEqual([]);
    expect(await auditActions(core, 'schedule.setup.addDefaults')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { addMonths, monthsOverdue } from '../../src/shared/recall/dates';
import { todayIn } from '../../src/shared/patients/age';
import { addDays } from '../../src/shared/schedule/time';
import { call, callError } from '../support/practice';
import { lastAudit } from './chairside-support';
import type { AppCore } from '../../src/main/app-core';

async function lastAuditOf(core: AppCore, action: string): Promise<unknown> {
  const row = await core.vault.store().db.selectFrom('audit_log').select('details').where('action', '=', action).orderBy('seq', 'desc').executeTakeFirst();
  return row ? JSON.parse(String(row.details)) : null;
}
import { rxFixture } from './prescriptions-support';

const today = () => todayIn('America/Santiago');

describe('recall dates', () => {
  it('adds months clamped to the month end and counts whole months overdue', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', -3)).toBe('2025-10-15');
    expect(monthsOverdue('2026-06-10', '2026-06-10')).toBe(0);
    expect(monthsOverdue('2026-06-10', '2026-07-09')).toBe(0);
    expect(monthsOverdue('2026-06-10', '2026-07-10')).toBe(1);
    expect(monthsOverdue('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsOverdue('2025-06-10', '2026-06-09')).toBe(11);
    expect(monthsOverdue('2026-07-20', '2026-06-10')).toBe(-2);
  });
});

describe('the recall date follows the completed procedure', () => {
  it('completing a prophylaxis on the chart sets the recall due six months later; the patient interval applies to perio', async () => {
    const { core, camila, provider } = await rxFixture();
    expect(await call(core, 'recep', 'recall.patient.list', { patientId: camila.id })).toEqual([]);

    // Planned, then completed: the completion sets the recall, in the chart's own transaction.
    const planned = await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'mouth' }, code: 'PRO-01', status: 'planned' } });
    expect(await call(core, 'recep', 'recall.patient.list', { patientId: camila.id })).toEqual([]);
    const findingId = planned.chart.entries.find((e) => e.item.type === 'finding' && e.item.code === 'PRO-01')!.id;
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'completeFinding', findingId } });
    const recalls = await call(core, 'recep', 'recall.patient.list', { patientId: camila.id });
    expect(recalls).toMatchObject([{ typeId: 'recall-type:prophylaxis', lastDoneDate: today(), dueDate: addMonths(today(), 6), providerId: provider.id, effectiveIntervalMonths: 6 }]);
    const audits = await core.vault.store().db.selectFrom('audit_log').select('action').where('action', '=', 'recall.completed').execute();
    expect(audits).toHaveLength(1);

    // A patient's own interval: perio maintenance every 4 months instead of the type's 3.
    await call(core, 'recep', 'recall.patient.set', { patientId: camila.id, typeId: 'recall-type:perio', intervalMonths: 4 });
    await call(core, 'hig', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'mouth' }, code: 'PER-MA', status: 'completed' } });
    const perio = (await call(core, 'recep', 'recall.patient.list', { patientId: camila.id })).find((r) => r.typeId === 'recall-type:perio')!;
    expect(perio).toMatchObject({ intervalMonths: 4, lastDoneDate: today(), dueDate: addMonths(today(), 4) });

    // A procedure no type names leaves the recalls alone.
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '3' }, code: 'END-MO', status: 'completed' } });
    expect(await call(core, 'recep', 'recall.patient.list', { patientId: camila.id })).toHaveLength(2);
  });

  it('undoing a completion moves the recall back to the completion before it, or clears it', async () => {
    const { core, camila } = await rxFixture();
    const prophylaxis = async () => (await call(core, 'recep', 'recall.patient.list', { patientId: camila.id })).find((r) => r.typeId === 'recall-type:prophylaxis');
    const planned = await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'mouth' }, code: 'PRO-01', status: 'planned' } });
    const findingId = planned.chart.entries.find((e) => e.item.type === 'finding' && e.item.code === 'PRO-01')!.id;
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'completeFinding', findingId } });
    expect(await prophylaxis()).toMatchObject({ lastDoneDate: today(), dueDate: addMonths(today(), 6) });

    // Undo takes the completion back, and with it the recall it set: nothing was done, so nothing is due.
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'undo' } });
    expect(await prophylaxis()).toMatchObject({ lastDoneDate: null, dueDate: null });
    const audit = await lastAuditOf(core, 'recall.completionUndone');
    expect(audit).toMatchObject({ undone: today(), done: null, due: null });

    // Redo brings it back.
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'redo' } });
    expect(await prophylaxis()).toMatchObject({ lastDoneDate: today(), dueDate: addMonths(today(), 6) });

    // A second prophylaxis recorded as done, then voided: the first completion still stands, so the date stays.
    const second = await call(core, 'hig', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'mouth' }, code: 'PRO-01', status: 'completed' } });
    await call(core, 'hig', 'chart.apply', { patientId: camila.id, action: { type: 'voidEvent', eventId: second.events[0]!.id, reason: 'Registrado dos veces' } });
    expect(await prophylaxis()).toMatchObject({ lastDoneDate: today(), dueDate: addMonths(today(), 6) });
  });

  it('a new recall type triggers from the codes it names; unknown codes are refused', async () => {
    const { core, camila } = await rxFixture();
    expect(await callError(core, 'admin', 'recall.types.save', { name: { es: 'X', en: 'X' }, intervalMonths: 6, triggerCodes: ['NOPE-1'] })).toMatchObject({ code: 'VALIDATION', fields: { triggerCodes: 'validation.procedureCode' } });
    const type = await call(core, 'admin', 'recall.types.save', { name: { es: 'Control de implante', en: 'Implant review' }, intervalMonths: 12, triggerCodes: ['imp-01'] });
    expect(type.triggerCodes).toEqual(['IMP-01']);
    expect((await callError(core, 'recep', 'recall.types.save', { name: { es: 'X', en: 'X' }, intervalMonths: 6, triggerCodes: [] })).code).toBe('FORBIDDEN');
    await call(core, 'dra', 'chart.apply', { patientId: camila.id, action: { type: 'recordFinding', area: { kind: 'tooth', tooth: '30' }, code: 'IMP-01', status: 'completed' } });
    expect((await call(core, 'recep', 'recall.patient.list', { patientId: camila.id }))[0]).toMatchObject({ typeId: type.id, dueDate: addMonths(today(), 12) });
  });
});

describe('the due and overdue list', () => {
  async function listFixture() {
    const fx = await rxFixture();
    const { core } = fx;
    const other = await call(core, 'admin', 'schedule.providers.create', { givenNames: 'Pablo', firstSurname: 'Vera', kind: 'hygienist', colour: '#009988' });
    const mk = async (givenNames: string, phone: string | null) =>
      call(core, 'admin', 'patients.create', { draft: { givenNames, firstSurname: 'Prueba', secondSurname: '', phones: phone ? [{ number: phone, kind: 'mobile', whatsapp: true }] : [] } });
    const t = today();
    const due = {
      late5: await mk('Cinco', '+56 9 8765 4321'),
      late2: await mk('Dos', null),
      soon: await mk('Pronto', null),
      later: await mk('Lejos', null),
    };
    await call(core, 'recep', 'recall.patient.set', { patientId: due.late5.id, typeId: 'recall-type:prophylaxis', dueDate: addMonths(t, -5) });
    await call(core, 'recep', 'recall.patient.set', { patientId: due.late2.id, typeId: 'recall-type:perio', dueDate: addDays(addMonths(t, -2), -1) });
    await call(core, 'recep', 'recall.patient.set', { patientId: due.soon.id, typeId: 'recall-type:prophylaxis', dueDate: addDays(t, 10) });
    await call(core, 'recep', 'recall.patient.set', { patientId: due.later.id, typeId: 'recall-type:prophylaxis', dueDate: addDays(t, 90) });
    // Who saw them last: the provider filter.
    const db = core.vault.store().db;
    const sqlite = core.vault.store().database.sqlite;
    sqlite.prepare('UPDATE patient_recalls SET provider_id = ? WHERE patient_id = ?').run(fx.provider.id, due.late5.id);
    sqlite.prepare('UPDATE patient_recalls SET provider_id = ? WHERE patient_id IN (?, ?)').run(other.id, due.late2.id, due.soon.id);
    expect(await db.selectFrom('patient_recalls').selectAll().execute()).toHaveLength(4);
    return { ...fx, other, due };
  }

  it('filters by status, months overdue, type and provider, most overdue first', async () => {
    const { core, due, provider, other } = await listFixture();
    const names = async (input: Parameters<typeof call<'recall.due'>>[3]) => (await call(core, 'recep', 'recall.due', input)).rows.map((r) => r.patientName.split(' ')[0]);
    expect(await names({})).toEqual(['Cinco', 'Dos', 'Pronto']);
    expect(await names({ status: 'overdue' })).toEqual(['Cinco', 'Dos']);
    expect(await names({ aheadDays: 120 })).toEqual(['Cinco', 'Dos', 'Pronto', 'Lejos']);
    expect(await names({ minMonthsOverdue: 2 })).toEqual(['Cinco', 'Dos']);
    expect(await names({ minMonthsOverdue: 3 })).toEqual(['Cinco']);
    expect(await names({ typeId: 'recall-type:perio' })).toEqual(['Dos']);
    expect(await names({ providerId: provider.id })).toEqual(['Cinco']);
    expect(await names({ providerId: other.id })).toEqual(['Dos', 'Pronto']);
    const result = await call(core, 'recep', 'recall.due', {});
    expect(result.total).toBe(3);
    expect(result.rows[0]).toMatchObject({ patientId: due.late5.id, monthsOverdue: 5, phone: '+56987654321', providerName: 'Daniela Rojas' });
    expect(result.rows[1]!.monthsOverdue).toBe(2);
    expect(result.rows[2]!.monthsOverdue).toBeLessThanOrEqual(0);
    expect((await lastAudit(core)).action).toBe('recall.due');
    expect((await callError(core, 'admin', 'recall.due', { minMonthsOverdue: -1 })).code).toBe('VALIDATION');
  });

  it('contact through the WhatsApp link is logged; a booked patient is marked, and can be hidden', async () => {
    const { core, due, provider } = await listFixture();
    const row = (await call(core, 'recep', 'recall.due', {})).rows[0]!;
    const composed = await call(core, 'recep', 'recall.contact.compose', { recallId: row.recallId });
    expect(composed.phone).toBe('+56987654321');
    expect(composed.whatsappUrl).toBe(`https://wa.me/56987654321?text=${encodeURIComponent(composed.text)}`);
    expect(composed.text).toContain('Cinco');
    expect(composed.text).toContain('Profilaxis y control');
    expect((await call(core, 'recep', 'recall.contact.compose', { recallId: row.recallId, language: 'en' })).text).toContain('Prophylaxis and check-up');

    await call(core, 'recep', 'recall.contact.record', { recallId: row.recallId, channel: 'whatsapp', outcome: 'sent' });
    const after = (await call(core, 'recep', 'recall.due', {})).rows[0]!;
    expect(after).toMatchObject({ contacts: 1, lastContact: { channel: 'whatsapp', outcome: 'sent' } });
    expect(await call(core, 'recep', 'recall.contact.list', { recallId: row.recallId })).toMatchObject([{ channel: 'whatsapp', outcome: 'sent', byName: 'Test receptionist' }]);
    expect(() => core.vault.store().database.sqlite.prepare("UPDATE recall_contacts SET outcome = 'booked'").run()).toThrow(/append-only/);
    expect((await callError(core, 'dra', 'recall.contact.record', { recallId: row.recallId, channel: 'fax', outcome: 'sent' })).code).toBe('VALIDATION');

    // Booking (the schedule's own call) marks the recall as in hand.
    const chair = await call(core, 'admin', 'schedule.operatories.create', { name: 'Sillón 1' });
    const at = addDays(today(), 3);
    await call(core, 'recep', 'schedule.book', { patientId: due.late5.id, providerId: provider.id, operatoryId: chair.id, startLocal: `${at}T10:00`, durationMin: 30, override: true });
    expect((await call(core, 'recep', 'recall.due', {})).rows[0]).toMatchObject({ patientId: due.late5.id, nextAppointment: `${at}T10:00` });
    expect((await call(core, 'recep', 'recall.due', { hideBooked: true })).rows.map((r) => r.patientId)).not.toContain(due.late5.id);
  });
});

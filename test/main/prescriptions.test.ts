import { describe, expect, it } from 'vitest';
import { call, callError } from '../support/practice';
import { count, lastAudit, pdfText } from './chairside-support';
import { AMOXICILLIN, PARACETAMOL, rxFixture, setAlerts } from './prescriptions-support';

describe('prescriptions: the allergy warning', () => {
  it('warns about amoxicillin for a patient with a penicillin alert, naming the alert; nothing is written until the dentist confirms', async () => {
    const { core, camila } = await rxFixture();
    await setAlerts(core, camila.id, ['allergy_penicillin']);

    const checked = await call(core, 'dra', 'prescriptions.check', { patientId: camila.id, items: [PARACETAMOL, AMOXICILLIN] });
    expect(checked.warnings).toEqual([{ item: 1, drug: 'Amoxicilina', alert: 'allergy_penicillin', classes: ['penicillin', 'beta_lactam'] }]);

    const before = await count(core, 'sync_outbox');
    const first = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL, AMOXICILLIN] });
    expect(first).toEqual({ status: 'warnings', warnings: checked.warnings });
    expect(await core.vault.store().db.selectFrom('prescriptions').selectAll().execute()).toHaveLength(0);
    expect(await count(core, 'sync_outbox')).toBe(before);
    expect((await lastAudit(core)).action).toBe('prescriptions.warned');

    const confirmed = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL, AMOXICILLIN], confirmWarnings: ['1:allergy_penicillin'] });
    if (confirmed.status !== 'issued') throw new Error('expected the prescription to be issued');
    expect(confirmed.prescription.overriddenWarnings).toEqual(checked.warnings);
    expect(confirmed.prescription.providerName).toBe('Daniela Rojas Muñoz');
    expect(confirmed.prescription.registrationNumber).toBe('123456');
    const audit = await lastAudit(core);
    expect(audit.action).toBe('prescriptions.issue');
    expect(JSON.parse(audit.details!)).toMatchObject({ overrode: ['Amoxicilina: allergy_penicillin'] });
  });

  it('does not warn when the patient has no alert, and warns from the free-text allergies too', async () => {
    const { core, camila } = await rxFixture();
    expect((await call(core, 'dra', 'prescriptions.check', { patientId: camila.id, items: [AMOXICILLIN] })).warnings).toEqual([]);
    const issued = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [AMOXICILLIN] });
    expect(issued.status).toBe('issued');

    await setAlerts(core, camila.id, [], 'Alérgica a la Penicilina (urticaria, 2019)');
    const warnings = (await call(core, 'dra', 'prescriptions.check', { patientId: camila.id, items: [AMOXICILLIN, PARACETAMOL] })).warnings;
    expect(warnings).toEqual([{ item: 0, drug: 'Amoxicilina', alert: 'allergy_text', classes: ['penicillin'], matched: 'Alérgica a la Penicilina (urticaria, 2019)' }]);
  });

  it('hygienists and receptionists cannot prescribe; the hygienist may read and reprint', async () => {
    const { core, camila } = await rxFixture();
    const issued = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL] });
    if (issued.status !== 'issued') throw new Error('expected issued');
    expect(await callError(core, 'hig', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL] })).toMatchObject({ code: 'FORBIDDEN', params: { permission: 'prescriptions.write' } });
    expect((await callError(core, 'recep', 'prescriptions.list', { patientId: camila.id })).code).toBe('FORBIDDEN');
    expect(await call(core, 'hig', 'prescriptions.list', { patientId: camila.id })).toHaveLength(1);
    const printed = await call(core, 'hig', 'prescriptions.print', { prescriptionId: issued.prescription.id });
    expect(Buffer.from(printed.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a dentist without a linked provider is told so, and nothing is written', async () => {
    const { core, camila } = await rxFixture();
    await call(core, 'admin', 'users.create', { givenNames: 'Otra', firstSurname: 'Dentista', secondSurname: '', username: 'dra2', role: 'dentist', password: 'user-password-1', language: 'es' });
    await call(core, 'dra2', 'auth.signIn', { username: 'dra2', password: 'user-password-1' });
    expect(await callError(core, 'dra2', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL] })).toMatchObject({ code: 'CONFLICT', messageKey: 'errors.RX_NO_PROVIDER' });
    expect(await core.vault.store().db.selectFrom('prescriptions').selectAll().execute()).toHaveLength(0);
  });
});

describe('prescriptions are facts: void and reissue, never edit', () => {
  it('voids with a reason, reissues once, and the database refuses to edit or delete the content', async () => {
    const { core, camila } = await rxFixture();
    const issued = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL], notes: 'Tomar con agua' });
    if (issued.status !== 'issued') throw new Error('expected issued');
    const id = issued.prescription.id;

    expect(await callError(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL], replacesId: id })).toMatchObject({ messageKey: 'errors.RX_REISSUE_NOT_VOIDED' });
    expect(await callError(core, 'dra', 'prescriptions.void', { prescriptionId: id, reason: '' })).toMatchObject({ code: 'VALIDATION', fields: { reason: 'validation.required' } });
    const voided = await call(core, 'dra', 'prescriptions.void', { prescriptionId: id, reason: 'Dosis equivocada' });
    expect(voided.void).toMatchObject({ reason: 'Dosis equivocada' });
    expect(await callError(core, 'dra', 'prescriptions.void', { prescriptionId: id, reason: 'otra vez' })).toMatchObject({ messageKey: 'errors.RX_ALREADY_VOIDED' });

    const again = await call(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [{ ...PARACETAMOL, dose: '1 comprimido' }], replacesId: id });
    if (again.status !== 'issued') throw new Error('expected issued');
    expect(again.prescription.replacesId).toBe(id);
    expect(await callError(core, 'dra', 'prescriptions.issue', { patientId: camila.id, items: [PARACETAMOL], replacesId: id })).toMatchObject({ messageKey: 'errors.RX_ALREADY_REISSUED' });

    const list = await call(core, 'dra', 'prescriptions.list', { patientId: camila.id });
    expect(list.map((p) => [p.id, p.void?.reason ?? null, p.replacedById])).toEqual([
      [again.prescription.id, null, null],
      [id, 'Dosis equivocada', again.prescription.id],
    ]);

    const sqlite = core.vault.store().database.sqlite;
    expect(() => sqlite.prepare("UPDATE prescriptions SET items = '[]' WHERE id = ?").run(id)).toThrow(/prescriptions are facts/);
    expect(() => sqlite.prepare('DELETE FROM prescriptions WHERE id = ?').run(id)).toThrow(/prescriptions are facts/);
    expect(() => sqlite.prepare("UPDATE prescription_voids SET reason = 'x'").run()).toThrow(/voids are facts/);

    // The voided one prints marked as void; the reissue prints clean, with the prescriber and registration.
    const oldPdf = pdfText(Buffer.from((await call(core, 'dra', 'prescriptions.print', { prescriptionId: id })).pdfBase64, 'base64'));
    expect(oldPdf).toContain('ANULADA');
    const newPrint = await call(core, 'dra', 'prescriptions.print', { prescriptionId: again.prescription.id });
    expect(newPrint.fileName).toMatch(/^receta-fuentes-camila-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect((await lastAudit(core)).action).toBe('prescriptions.print');
  });

  it('a retried issue with the same id writes once', async () => {
    const { core, camila } = await rxFixture();
    const input = { id: '019300aa-0000-7000-8000-000000000001', patientId: camila.id, items: [PARACETAMOL] };
    const a = await call(core, 'dra', 'prescriptions.issue', input);
    const b = await call(core, 'dra', 'prescriptions.issue', input);
    expect(a).toEqual(b);
    expect(await core.vault.store().db.selectFrom('prescriptions').selectAll().execute()).toHaveLength(1);
  });
});

describe('the medicine list', () => {
  it('is seeded with our list, class-tagged, and the practice edits it', async () => {
    const { core } = await rxFixture();
    const list = await call(core, 'dra', 'prescriptions.medicines.list', {});
    const names = list.map((m) => m.name.en);
    for (const drug of ['Amoxicillin', 'Amoxicillin/clavulanate', 'Clindamycin', 'Azithromycin', 'Metronidazole', 'Ibuprofen', 'Paracetamol', 'Ketorolac', 'Chlorhexidine mouthwash']) expect(names).toContain(drug);
    expect(list.find((m) => m.id === 'medicine:ketorolac-10')!.classes).toEqual(['nsaid']);
    const added = await call(core, 'dra', 'prescriptions.medicines.save', {
      name: { es: 'Cefalexina', en: 'Cephalexin' },
      strength: '500 mg',
      dose: { es: '1 cápsula', en: '1 capsule' },
      frequency: { es: 'cada 6 horas', en: 'every 6 hours' },
      duration: { es: '7 días', en: '7 days' },
      classes: ['cephalosporin', 'beta_lactam'],
    });
    expect((await call(core, 'dra', 'prescriptions.medicines.list', {})).map((m) => m.id)).toContain(added.id);
    await call(core, 'dra', 'prescriptions.medicines.save', { ...added, active: false });
    expect((await call(core, 'dra', 'prescriptions.medicines.list', {})).map((m) => m.id)).not.toContain(added.id);
    expect((await callError(core, 'hig', 'prescriptions.medicines.save', { ...added })).code).toBe('FORBIDDEN');
  });
});

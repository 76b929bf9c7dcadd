import { describe, expect, it } from 'vitest';
import { call, setUpPractice } from '../support/practice';
import { createPatient, draft, rut } from './patients-support';

describe('likely duplicates', () => {
  it('finds the same document, the same name and birth date, and a phone in common, with the reasons', async () => {
    const { core } = await setUpPractice();
    const jose = await createPatient(core, {
      givenNames: 'José',
      firstSurname: 'González',
      secondSurname: 'Muñoz',
      birthDate: '1980-05-20',
      document: { type: 'RUT', number: rut(12_345_678) },
      phones: [{ number: '9 8765 4321', whatsapp: true }],
    });
    const brother = await createPatient(core, {
      givenNames: 'Pedro',
      firstSurname: 'González',
      secondSurname: 'Muñoz',
      birthDate: '1983-01-02',
      phones: [
        { number: '9 5555 1234', whatsapp: true },
        { number: '+56 9 8765 4321', kind: 'home' },
      ],
    });
    await createPatient(core, { givenNames: 'José', firstSurname: 'González', secondSurname: 'Muñoz', birthDate: '1990-01-01' });
    const find = (overrides: Parameters<typeof draft>[0], excludeId?: string) =>
      call(core, 'admin', 'patients.findDuplicates', { draft: draft(overrides), excludeId });

    const byDocument = await find({ givenNames: 'Joselito', firstSurname: 'Otro', document: { type: 'RUT', number: '12345678-5' } });
    expect(byDocument.map((c) => [c.id, c.reasons])).toEqual([[jose.id, ['same_document']]]);

    const byName = await find({ givenNames: 'JOSE  ', firstSurname: 'gonzalez', secondSurname: '', birthDate: '1980-05-20' });
    expect(byName.map((c) => [c.id, c.reasons])).toEqual([[jose.id, ['same_name_and_birth_date']]]);
    expect(await find({ givenNames: 'José', firstSurname: 'González', birthDate: '1980-05-21' })).toEqual([]);

    const byPhone = await find({ givenNames: 'Nadie', firstSurname: 'Parecido', phones: [{ number: '987654321' }] });
    expect(byPhone.map((c) => [c.id, c.reasons])).toEqual([
      [jose.id, ['same_phone']],
      [brother.id, ['same_phone']],
    ]);
    // A number that is not valid matches nothing, not even the numbers it is part of.
    expect(await find({ givenNames: 'Nadie', firstSurname: 'Parecido', phones: [{ number: '9 8765 432' }] })).toEqual([]);

    const everything = await find({
      givenNames: 'José',
      firstSurname: 'González',
      birthDate: '1980-05-20',
      document: { type: 'RUT', number: '12.345.678-5' },
      phones: [{ number: '9 8765 4321' }],
    });
    expect(everything[0]).toMatchObject({ id: jose.id, reasons: ['same_document', 'same_name_and_birth_date', 'same_phone'], document: { formatted: '12.345.678-5' } });
    expect(everything.map((c) => c.id)).toEqual([jose.id, brother.id]);

    // Editing José himself: he is not his own duplicate.
    expect((await find({ document: { type: 'RUT', number: '12345678-5' } }, jose.id)).map((c) => c.id)).toEqual([]);

    // A merged record is not a candidate any more.
    await call(core, 'admin', 'patients.merge', { survivorId: jose.id, duplicateId: brother.id });
    expect((await find({ givenNames: 'Nadie', firstSurname: 'Parecido', phones: [{ number: '9 5555 1234' }] })).map((c) => c.id)).toEqual([jose.id]);
  });
});

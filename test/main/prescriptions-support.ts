import type { AppCore } from '../../src/main/app-core';
import type { DrugClass } from '../../src/shared/prescriptions/allergy-check';
import { call } from '../support/practice';
import { chairsideFixture } from './chairside-support';

/**
 * The chairside fixture (dentist "dra", hygienist "hig", receptionist "recep", patient Camila) with the
 * dentist linked to a provider that has a registration number, as a practice sets it up.
 */
export async function rxFixture() {
  const fx = await chairsideFixture();
  const users = await call(fx.core, 'admin', 'users.list', {});
  const dra = users.find((u) => u.username === 'dra')!;
  const provider = await call(fx.core, 'admin', 'schedule.providers.create', {
    givenNames: 'Daniela',
    firstSurname: 'Rojas',
    secondSurname: 'Muñoz',
    kind: 'dentist',
    colour: '#0077bb',
    userId: dra.id,
    registrationNumber: '123456',
  });
  return { ...fx, provider, draUserId: dra.id };
}

export async function setAlerts(core: AppCore, patientId: string, alerts: ('allergy_penicillin' | 'allergy_nsaid' | 'anticoagulants')[], allergies = '') {
  return call(core, 'dra', 'patients.medicalHistory.record', { patientId, history: { alerts, allergies, medications: '', conditions: '', notes: '' } });
}

export const AMOXICILLIN = { medicineId: 'medicine:amoxicillin-500', drug: 'Amoxicilina', strength: '500 mg', dose: '1 cápsula', frequency: 'cada 8 horas', duration: '7 días', classes: ['penicillin', 'beta_lactam'] as DrugClass[] };
export const PARACETAMOL = { medicineId: 'medicine:paracetamol-500', drug: 'Paracetamol', strength: '500 mg', dose: '2 comprimidos', frequency: 'cada 6 horas', duration: '3 días', classes: ['analgesic'] as DrugClass[] };

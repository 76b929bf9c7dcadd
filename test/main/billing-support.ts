import { v7 as uuidv7 } from 'uuid';
import type { AppCore } from '../../src/main/app-core';
import type { CallInput } from '../../src/shared/contract';
import { signIn } from './chairside-support';
import { call, setUpPractice } from '../support/practice';

export const newId = () => uuidv7();

/** Sets a catalog code's fee (the catalog starts without fees). */
export async function setFee(core: AppCore, code: string, feeMinor: number) {
  const list = await call(core, 'admin', 'chart.procedures.list', { includeInactive: true });
  const p = list.find((x) => x.code === code);
  if (!p) throw new Error(`no code ${code}`);
  return call(core, 'admin', 'chart.procedures.upsert', { ...p, feeMinor } as CallInput<'chart.procedures.upsert'>);
}

export async function addPatient(core: AppCore, givenNames: string, firstSurname: string, guarantorId?: string) {
  return call(core, 'admin', 'patients.create', {
    draft: {
      givenNames,
      firstSurname,
      secondSurname: 'Araya',
      birthDate: guarantorId ? '2015-06-01' : '1980-04-12',
      ...(guarantorId ? { guarantor: { kind: 'patient', patientId: guarantorId, relationship: 'child' } } : {}),
    },
  } as CallInput<'patients.create'>);
}

/** A practice with a dentist, a receptionist, a billing clerk and a hygienist, two fees, and a patient. */
export async function billingFixture() {
  const { core, dataDir } = await setUpPractice();
  const dentist = await signIn(core, 'dentist', 'dra');
  const receptionist = await signIn(core, 'receptionist', 'recep');
  const billing = await signIn(core, 'billing', 'caja');
  const hygienist = await signIn(core, 'hygienist', 'hig');
  await setFee(core, 'RES-C3', 45_000);
  await setFee(core, 'COR-CER', 380_000);
  const camila = await addPatient(core, 'Camila', 'Fuentes');
  return { core, dataDir, dentist, receptionist, billing, hygienist, camila };
}

/** Records a procedure as planned on the chart and completes it; returns the chart item id. */
export async function completeOnChart(core: AppCore, user: string, patientId: string, code: 'RES-C3' | 'COR-CER', tooth: string) {
  const area = code === 'RES-C3' ? ({ kind: 'surface', tooth, surfaces: 'MOD' } as const) : ({ kind: 'tooth', tooth } as const);
  const planned = await call(core, user, 'chart.apply', { patientId, action: { type: 'recordFinding', area, code, status: 'planned' } });
  const findingId = planned.events[0]!.id;
  const done = await call(core, user, 'chart.apply', { patientId, action: { type: 'completeFinding', findingId } });
  return { findingId, events: done.events };
}

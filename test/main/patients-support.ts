import type { CallInput } from '../../src/shared/contract';
import type { PatientDraft } from '../../src/shared/contract/patients';
import { rutCheckDigit } from '../../src/shared/identity/rut';
import type { AppCore } from '../../src/main/app-core';
import { todayIn } from '../../src/shared/patients/age';
import { addUser, call, PRACTICE_PROFILE } from '../support/practice';

/** A valid RUT from a body, as typed at the desk ("12.345.678-5"). */
export function rut(body: number): string {
  const digits = String(body);
  return `${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}-${rutCheckDigit(digits)}`;
}

/** YYYY-MM-DD, the given number of years before today. */
export function yearsAgo(years: number, extraDays = 0): string {
  // The practice's today, not UTC's: between midnight UTC and midnight in Santiago the two differ by a day.
  const date = new Date(`${todayIn(PRACTICE_PROFILE.timeZone)}T12:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  date.setUTCDate(date.getUTCDate() - extraDays);
  return date.toISOString().slice(0, 10);
}

export function draft(overrides: Partial<PatientDraft> = {}): PatientDraft {
  return {
    givenNames: 'Camila Andrea',
    firstSurname: 'Fuentes',
    secondSurname: 'Araya',
    birthDate: '1990-04-12',
    ...overrides,
  };
}

export async function createPatient(core: AppCore, overrides: Partial<PatientDraft> = {}, extra: Partial<CallInput<'patients.create'>> = {}, connection = 'admin') {
  return call(core, connection, 'patients.create', { draft: draft(overrides), ...extra });
}

/** Signs a new user of this role in on a connection named after the username. */
export async function signedIn(core: AppCore, role: CallInput<'users.create'>['role'], username: string): Promise<string> {
  await addUser(core, role, username);
  await call(core, username, 'auth.signIn', { username, password: 'user-password-1' });
  return username;
}

import { AppError } from '../../shared/contract/errors';
import { isLocalDate, localToUtcMs, addDays } from '../../shared/schedule/time';
import { todayIn } from '../../shared/patients/age';
import type { Language } from '../../shared/i18n/languages';
import type { PatientsTable } from '../db/schema';
import { readPracticeRow } from '../practice/practice-repository';
import { type Db, mergesUnder } from '../patients/patients-repository';
import { resolveActive } from '../patients/patients-service';

/*
 * What every chairside service needs: the patient a call is about (following
 * merges to the survivor, as the registry does), the ids whose rows make up
 * that patient's record (its own and those of records merged into it), and
 * the practice's time zone for turning dates into instants.
 */

export interface PatientScope {
  patient: PatientsTable;
  /** The patient's id first, then those of the records merged into it. */
  ids: string[];
}

export async function patientScope(db: Db, patientId: string): Promise<PatientScope> {
  const patient = await resolveActive(db, patientId);
  const merges = await mergesUnder(db, [patient.id]);
  return { patient, ids: [patient.id, ...merges.map((m) => m.duplicate_id)] };
}

export interface PracticeClock {
  timeZone: string;
  language: Language;
  country: string;
  name: string;
  currency: string;
  today: string;
}

export async function practiceClock(db: Db): Promise<PracticeClock> {
  const practice = await readPracticeRow(db);
  if (!practice) throw new AppError('NOT_SET_UP');
  return {
    timeZone: practice.time_zone,
    language: practice.language as Language,
    country: practice.country,
    name: practice.name,
    currency: practice.currency,
    today: todayIn(practice.time_zone),
  };
}

/** A date means the end of that day in the practice's time zone (inclusive); an instant is taken as it is. */
export function toInstant(point: string, timeZone: string): string {
  if (isLocalDate(point)) return new Date(localToUtcMs(`${addDays(point, 1)}T00:00`, timeZone) - 1).toISOString();
  return new Date(Date.parse(point)).toISOString();
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function validation(field: string, key: string, params?: Record<string, string | number>): AppError {
  return new AppError('VALIDATION', 'errors.VALIDATION', { fields: { [field]: key }, ...(params ? { params } : {}) });
}

export function conflict(key: string, params?: Record<string, string | number>): AppError {
  return new AppError('CONFLICT', key, params ? { params } : {});
}

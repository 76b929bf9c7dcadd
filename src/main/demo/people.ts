import type { Role } from '../../shared/auth/roles';
import { rutCheckDigit } from '../../shared/identity/rut';
import { ADULT_AGE } from '../../shared/patients/age';
import { normalizePhone } from '../../shared/patients/phones';
import type { PatientsTable } from '../db/schema';
import { sortName } from '../patients/patient-normalize';
import { asciiSlug, EMAIL_DOMAINS, NAME_ERAS, PREFERRED_NAMES, type Sex, SURNAMES } from './names';
import { FONASA_TRAMOS, ISAPRES, PATIENT_NOTES, REFERRAL_SOURCES, SANTIAGO_COMUNAS, STREETS } from './places';
import { Random, seededUuidV7, type Weighted, WeightedPicker } from './random';

const DAY_MS = 86_400_000;
const YEAR_MS = 365.2425 * DAY_MS;

export const BIRTH_YEARS = { first: 1940, last: 2022 } as const;
/** RUT bodies handed out over that span, roughly: the Registro Civil numbers people in order of registration. */
const RUT_BODY = { min: 5_000_000, max: 27_000_000 } as const;
/** Recent immigrants get new, high RUTs whatever their age. */
const IMMIGRANT_RUT_BODY = { min: 24_000_000, max: 27_000_000 } as const;

export function rutFromBody(body: number): string {
  const digits = String(body);
  return `${digits}-${rutCheckDigit(digits)}`;
}

/** More adults than children or the very old, as in a general practice's files. */
const BIRTH_DECADES: readonly Weighted<number>[] = [
  { value: 1940, weight: 4 },
  { value: 1950, weight: 8 },
  { value: 1960, weight: 12 },
  { value: 1970, weight: 14 },
  { value: 1980, weight: 16 },
  { value: 1990, weight: 17 },
  { value: 2000, weight: 14 },
  { value: 2010, weight: 12 },
  { value: 2020, weight: 3 },
];

const surnames = new WeightedPicker(SURNAMES);
const emailDomains = new WeightedPicker(EMAIL_DOMAINS);
const comunas = new WeightedPicker(SANTIAGO_COMUNAS);
const isapres = new WeightedPicker(ISAPRES);
const tramos = new WeightedPicker(FONASA_TRAMOS);
const referrals = new WeightedPicker(REFERRAL_SOURCES);
const eras = NAME_ERAS.map((era) => ({ from: era.from, F: new WeightedPicker(era.female), M: new WeightedPicker(era.male) }));
const decades = new WeightedPicker(BIRTH_DECADES);

function givenNamesFor(random: Random, sex: Sex, birthYear: number): string {
  let era = eras[0]!;
  for (const candidate of eras) if (birthYear >= candidate.from) era = candidate;
  return era[sex].pick(random);
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export interface PatientGenerationOptions {
  count: number;
  /** The demo's "today": history runs up to it, so the data does not depend on when it is generated. */
  anchorMs: number;
  /** When the practice opened: no patient was registered before. */
  historyStartMs: number;
}

/**
 * Makes the practice's patients, oldest registration first, with ids whose
 * timestamps are their registration times. Every RUT is valid and unique;
 * every e-mail is unique.
 */
export function generatePatients(seed: string, options: PatientGenerationOptions): PatientsTable[] {
  const random = Random.forStep(seed, 'patients');
  const idRandom = Random.forStep(seed, 'patients/ids');
  const historyStart = options.historyStartMs;
  const usedRuts = new Set<number>();
  const usedEmails = new Set<string>();
  const lastBirth = Date.UTC(BIRTH_YEARS.last, 11, 31);

  const drafts: PatientsTable[] = [];
  for (let i = 0; i < options.count; i++) {
    const sex: Sex = random.chance(0.54) ? 'F' : 'M';
    const decade = decades.pick(random);
    const birthMs = Math.min(Date.UTC(decade, 0, 1) + random.next() * 10 * YEAR_MS, lastBirth);
    const birthYear = new Date(birthMs).getUTCFullYear();
    const givenNames = givenNamesFor(random, sex, birthYear);
    const firstSurname = surnames.pick(random);
    let secondSurname = surnames.pick(random);
    // Both surnames the same happens, but far less often than the weights alone would say.
    if (secondSurname === firstSurname && random.chance(0.8)) secondSurname = surnames.pick(random);

    const rutBody = pickRutBody(random, birthMs, usedRuts);

    // A first visit no earlier than the files begin, nor before the patient's first birthday.
    const earliest = Math.min(Math.max(historyStart, birthMs + YEAR_MS), options.anchorMs);
    // Up to the day before "today", so that office hours never run past the anchor. More recent is likelier: a growing practice.
    const registeredDay = earliest + Math.sqrt(random.next()) * Math.max(0, options.anchorMs - DAY_MS - earliest);
    const createdMs = Math.min(Math.max(officeHours(random, registeredDay), historyStart), options.anchorMs);
    const updatedMs = random.chance(0.3) ? createdMs + random.next() * (options.anchorMs - createdMs) : createdMs;

    const nickname = PREFERRED_NAMES[givenNames];
    const email = random.chance(0.6) ? uniqueEmail(random, givenNames, firstSurname, secondSurname, birthYear, usedEmails) : null;
    drafts.push({
      id: '',
      given_names: givenNames,
      first_surname: firstSurname,
      second_surname: secondSurname,
      preferred_name: nickname && random.chance(0.25) ? nickname : null,
      document_type: 'RUT',
      document_number: rutFromBody(rutBody),
      birth_date: isoDate(birthMs),
      sex: sex === 'F' ? 'female' : 'male',
      gender: null,
      phones: '[]',
      email,
      address: null,
      emergency_contact: null,
      guarantor: SELF,
      guarantor_patient_id: null,
      coverage: '{"kind":"none"}',
      referral_source: '',
      notes: '',
      merged_into_id: null,
      sort_name: sortName(firstSurname, secondSurname, givenNames),
      created_at: new Date(createdMs).toISOString(),
      updated_at: new Date(updatedMs).toISOString(),
      deleted_at: null,
    });
  }

  drafts.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
  for (const row of drafts) row.id = seededUuidV7(idRandom, Date.parse(row.created_at));
  // Each kind of detail draws from its own stream, so changing one leaves the others as they were.
  addContactDetails(Random.forStep(seed, 'patients/contact'), drafts);
  addCoverage(Random.forStep(seed, 'patients/coverage'), drafts);
  addGuarantors(Random.forStep(seed, 'patients/families'), drafts, options.anchorMs);
  return drafts;
}

const SELF = '{"kind":"self"}';

/** A number libphonenumber accepts as a Chilean mobile: drawn again until it does. */
function chileanMobile(random: Random, used: Set<string>): string {
  for (;;) {
    const e164 = normalizePhone(`9${random.int(30_000_000, 99_999_999)}`, 'CL');
    if (e164 && !used.has(e164)) {
      used.add(e164);
      return e164;
    }
  }
}

/** A Santiago landline (area code 2, eight digits starting with 2). */
function santiagoLandline(random: Random): string {
  for (;;) {
    const e164 = normalizePhone(`2${random.int(22_000_000, 29_999_999)}`, 'CL');
    if (e164) return e164;
  }
}

function addContactDetails(random: Random, rows: PatientsTable[]): void {
  const usedMobiles = new Set<string>();
  for (const row of rows) {
    const phones = [{ e164: chileanMobile(random, usedMobiles), kind: 'mobile', whatsapp: true }];
    if (random.chance(0.25)) phones.push({ e164: santiagoLandline(random), kind: 'home', whatsapp: false });
    row.phones = JSON.stringify(phones);
    row.gender = random.chance(0.95) ? (row.sex === 'female' ? 'woman' : 'man') : null;
    if (random.chance(0.7)) {
      const street = random.pick(STREETS);
      const flat = random.chance(0.35) ? `, depto. ${random.int(1, 22)}0${random.int(1, 8)}` : '';
      row.address = JSON.stringify({
        street: `${street} ${random.int(100, 9_800)}${flat}`,
        district: comunas.pick(random),
        city: 'Santiago',
        region: 'Región Metropolitana',
        postalCode: '',
      });
    }
    if (random.chance(0.2)) {
      const sex: Sex = random.chance(0.5) ? 'F' : 'M';
      row.emergency_contact = JSON.stringify({
        name: `${givenNamesFor(random, sex, 1975)} ${surnames.pick(random)}`,
        phone: chileanMobile(random, usedMobiles),
        relationship: random.pick(['spouse', 'sibling', 'child', 'mother', 'father', 'other'] as const),
      });
    }
    if (random.chance(0.4)) row.referral_source = referrals.pick(random);
    if (random.chance(0.05)) row.notes = random.pick(PATIENT_NOTES);
  }
}

/** FONASA for about three in four, with its bracket; an ISAPRE for one in five; private care for the rest. */
function addCoverage(random: Random, rows: PatientsTable[]): void {
  for (const row of rows) {
    const r = random.next();
    if (r < 0.75) row.coverage = JSON.stringify({ kind: 'fonasa', tramo: tramos.pick(random) });
    else if (r < 0.95) row.coverage = JSON.stringify({ kind: 'isapre', isapre: isapres.pick(random), planNumber: random.chance(0.5) ? `${random.int(10, 99)}-${random.int(1000, 9999)}` : '' });
    else row.coverage = JSON.stringify({ kind: 'private' });
  }
}

function ageOnMs(birthDate: string, atMs: number): number {
  return (atMs - Date.parse(`${birthDate}T00:00:00Z`)) / YEAR_MS;
}

/**
 * Minors need a guarantor. About half are linked to a parent who is also a
 * patient (the father shares the child's first surname, the mother's first
 * surname is the child's second), which makes families; the rest name the
 * parent without a record of their own.
 */
function addGuarantors(random: Random, rows: PatientsTable[], anchorMs: number): void {
  const adultsBySurname = new Map<string, PatientsTable[]>();
  for (const row of rows) {
    if (ageOnMs(row.birth_date!, anchorMs) < 20) continue;
    const list = adultsBySurname.get(`${row.sex}/${row.first_surname}`) ?? [];
    list.push(row);
    adultsBySurname.set(`${row.sex}/${row.first_surname}`, list);
  }
  const usedMobiles = new Set<string>(rows.flatMap((r) => (JSON.parse(r.phones) as { e164: string }[]).map((p) => p.e164)));
  for (const child of rows) {
    if (ageOnMs(child.birth_date!, anchorMs) >= ADULT_AGE) continue;
    const mother = random.chance(0.5);
    const childYear = Number(child.birth_date!.slice(0, 4));
    if (random.chance(0.5)) {
      const candidates = adultsBySurname.get(mother ? `female/${child.second_surname}` : `male/${child.first_surname}`) ?? [];
      for (let attempt = 0; attempt < 25 && candidates.length > 0; attempt++) {
        const parent = random.pick(candidates);
        const gap = childYear - Number(parent.birth_date!.slice(0, 4));
        if (gap < 18 || gap > 48) continue;
        child.guarantor = JSON.stringify({ kind: 'patient', patientId: parent.id, relationship: mother ? 'mother' : 'father' });
        child.guarantor_patient_id = parent.id;
        break;
      }
      if (child.guarantor_patient_id) continue;
    }
    const sex: Sex = mother ? 'F' : 'M';
    const parentSurname = mother ? child.second_surname : child.first_surname;
    child.guarantor = JSON.stringify({
      kind: 'person',
      name: `${givenNamesFor(random, sex, childYear - random.int(22, 40))} ${parentSurname} ${surnames.pick(random)}`,
      document: random.chance(0.6) ? { type: 'RUT', number: rutFromBody(random.int(RUT_BODY.min, 19_000_000)) } : null,
      phone: chileanMobile(random, usedMobiles),
      relationship: mother ? 'mother' : 'father',
    });
  }
}

function pickRutBody(random: Random, birthMs: number, used: Set<number>): number {
  const age = (Date.UTC(BIRTH_YEARS.last, 11, 31) - birthMs) / YEAR_MS;
  const immigrant = age > 18 && random.chance(0.06);
  for (;;) {
    let body: number;
    if (immigrant) {
      body = random.int(IMMIGRANT_RUT_BODY.min, IMMIGRANT_RUT_BODY.max);
    } else {
      const span = BIRTH_YEARS.last + 1 - BIRTH_YEARS.first;
      const position = (birthMs - Date.UTC(BIRTH_YEARS.first, 0, 1)) / (span * YEAR_MS);
      const expected = RUT_BODY.min + position * (RUT_BODY.max - RUT_BODY.min);
      body = Math.round(expected + random.normal() * 350_000);
      body = Math.min(RUT_BODY.max, Math.max(RUT_BODY.min, body));
    }
    if (!used.has(body)) {
      used.add(body);
      return body;
    }
  }
}

/** Between 09:00 and 20:00 in Santiago (UTC-3/-4), so 12:00-23:59 UTC. */
function officeHours(random: Random, dayMs: number): number {
  const midnight = Math.floor(dayMs / DAY_MS) * DAY_MS;
  return midnight + 12 * 3_600_000 + Math.floor(random.next() * 12 * 3_600_000);
}

function uniqueEmail(random: Random, givenNames: string, first: string, second: string, birthYear: number, used: Set<string>): string {
  const given = asciiSlug(givenNames.split(' ')[0]!);
  const surname = asciiSlug(first);
  const patterns = [`${given}.${surname}`, `${given}${surname}`, `${given[0]}${surname}`, `${given}.${surname}${asciiSlug(second)[0] ?? ''}`];
  const local = random.pick(patterns);
  const domain = emailDomains.pick(random);
  // Taken addresses get digits, as people do: the birth year first, then a counter.
  const candidates = [local, `${local}${String(birthYear).slice(2)}`, `${local}${birthYear}`];
  for (const candidate of candidates) {
    const email = `${candidate}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
  for (let n = 1; ; n++) {
    const email = `${local}${n}@${domain}`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

export type ProviderKind = 'dentist' | 'hygienist';

export interface StaffMember {
  username: string;
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  role: Role;
  provider?: { kind: ProviderKind; colour: string };
}

/** The practice manager, who sets the practice up. */
export const DEMO_ADMIN: StaffMember = {
  username: 'admin',
  givenNames: 'Claudia',
  firstSurname: 'Morales',
  secondSurname: 'Reyes',
  role: 'admin',
};

const DENTISTS: StaffMember[] = [
  { username: 'dra.gonzalez', givenNames: 'Catalina', firstSurname: 'González', secondSurname: 'Muñoz', role: 'dentist', provider: { kind: 'dentist', colour: '#2563eb' } },
  { username: 'dr.rojas', givenNames: 'Rodrigo', firstSurname: 'Rojas', secondSurname: 'Sepúlveda', role: 'dentist', provider: { kind: 'dentist', colour: '#dc2626' } },
  { username: 'dra.diaz', givenNames: 'Francisca', firstSurname: 'Díaz', secondSurname: 'Contreras', role: 'dentist', provider: { kind: 'dentist', colour: '#16a34a' } },
  { username: 'dr.fuentes', givenNames: 'Matías', firstSurname: 'Fuentes', secondSurname: 'Araya', role: 'dentist', provider: { kind: 'dentist', colour: '#9333ea' } },
];

const HYGIENISTS: StaffMember[] = [
  { username: 'pamela.soto', givenNames: 'Pamela', firstSurname: 'Soto', secondSurname: 'Vergara', role: 'hygienist', provider: { kind: 'hygienist', colour: '#0891b2' } },
  { username: 'javiera.tapia', givenNames: 'Javiera', firstSurname: 'Tapia', secondSurname: 'Núñez', role: 'hygienist', provider: { kind: 'hygienist', colour: '#ea580c' } },
];

const FRONT_DESK: StaffMember[] = [
  { username: 'recepcion', givenNames: 'Carolina', firstSurname: 'Vega', secondSurname: 'Campos', role: 'receptionist' },
  { username: 'caja', givenNames: 'Jorge', firstSurname: 'Molina', secondSurname: 'Bravo', role: 'billing' },
];

/** Everyone but the admin: the providers first, then the front desk. */
export function demoStaff(dentists: number, hygienists: number): StaffMember[] {
  if (dentists > DENTISTS.length || hygienists > HYGIENISTS.length) throw new Error('Not that many demo providers');
  return [...DENTISTS.slice(0, dentists), ...HYGIENISTS.slice(0, hygienists), ...FRONT_DESK];
}

import type { PatientsTable } from '../../db/schema';
import { parseJson } from '../../chairside/chairside-common';
import { type FhirResource, SYSTEMS, coding, ref } from './fhir-common';

/*
 * Patient: Hispanic names as FHIR's HumanName, the family being both surnames
 * with the fathers-/mothers-family extensions naming each (HL7's own
 * extensions for this convention); the RUT as the RUN identifier Chile's core
 * profile uses; phones, email, address, birth date and gender. A merged
 * duplicate is its own Patient resource, linked both ways.
 */

const FATHERS = 'http://hl7.org/fhir/StructureDefinition/humanname-fathers-family';
const MOTHERS = 'http://hl7.org/fhir/StructureDefinition/humanname-mothers-family';

const GENDER: Record<string, string> = { female: 'female', male: 'male', intersex: 'other' };
const PHONE_USE: Record<string, string> = { mobile: 'mobile', home: 'home', work: 'work' };

interface StoredPhone {
  e164?: string;
  kind?: string;
  whatsapp?: boolean;
}

interface StoredAddress {
  street?: string;
  district?: string;
  city?: string;
  region?: string;
  postalCode?: string;
}

function identifiers(row: PatientsTable) {
  const list: Record<string, unknown>[] = [{ use: 'secondary', system: SYSTEMS.patientId, value: row.id }];
  if (row.document_type && row.document_number) {
    if (row.document_type === 'RUT') {
      list.unshift({
        use: 'official',
        type: { coding: [coding(SYSTEMS.v20203, 'NNCHL', 'National Person Identifier (Chile)')], text: 'RUN' },
        system: SYSTEMS.run,
        value: row.document_number,
      });
    } else {
      list.unshift({ use: 'official', type: { text: row.document_type }, system: `${SYSTEMS.document}/${encodeURIComponent(row.document_type.toLowerCase())}`, value: row.document_number });
    }
  }
  return list;
}

function names(row: PatientsTable) {
  const surnames = [row.first_surname, row.second_surname].filter(Boolean);
  const extension = [
    ...(row.first_surname ? [{ url: FATHERS, valueString: row.first_surname }] : []),
    ...(row.second_surname ? [{ url: MOTHERS, valueString: row.second_surname }] : []),
  ];
  const given = row.given_names.split(/\s+/).filter(Boolean);
  const official: Record<string, unknown> = {
    use: 'official',
    text: [row.given_names, ...surnames].join(' '),
    ...(surnames.length ? { family: surnames.join(' ') } : {}),
    ...(extension.length ? { _family: { extension } } : {}),
    ...(given.length ? { given } : {}),
  };
  return row.preferred_name ? [official, { use: 'usual', given: [row.preferred_name] }] : [official];
}

function telecom(row: PatientsTable) {
  const phones = parseJson<StoredPhone[]>(row.phones, []).filter((p) => p.e164);
  const list: Record<string, unknown>[] = phones.map((p, i) => ({ system: 'phone', value: p.e164, use: PHONE_USE[p.kind ?? 'mobile'] ?? 'mobile', rank: i + 1 }));
  if (row.email) list.push({ system: 'email', value: row.email });
  return list;
}

function address(row: PatientsTable, country: string) {
  const a = parseJson<StoredAddress | null>(row.address, null);
  if (!a || !(a.street || a.district || a.city || a.region || a.postalCode)) return undefined;
  return [
    {
      use: 'home',
      ...(a.street ? { line: [a.street] } : {}),
      ...(a.city ? { city: a.city } : {}),
      ...(a.district ? { district: a.district } : {}),
      ...(a.region ? { state: a.region } : {}),
      ...(a.postalCode ? { postalCode: a.postalCode } : {}),
      country,
    },
  ];
}

export function patientResource(row: PatientsTable, country: string, links: { replaces: string[]; replacedBy: string | null }): FhirResource {
  const tel = telecom(row);
  const addr = address(row, country);
  const link = [
    ...links.replaces.map((id) => ({ other: ref(id), type: 'replaces' })),
    ...(links.replacedBy ? [{ other: ref(links.replacedBy), type: 'replaced-by' }] : []),
  ];
  return {
    resourceType: 'Patient',
    id: row.id,
    meta: { lastUpdated: new Date(Date.parse(row.updated_at)).toISOString() },
    identifier: identifiers(row),
    active: row.deleted_at === null && row.merged_into_id === null,
    name: names(row),
    ...(tel.length ? { telecom: tel } : {}),
    ...(row.sex ? { gender: GENDER[row.sex] ?? 'unknown' } : {}),
    ...(row.birth_date ? { birthDate: row.birth_date } : {}),
    ...(addr ? { address: addr } : {}),
    ...(row.language ? { communication: [{ language: { coding: [coding('urn:ietf:bcp:47', row.language)] }, preferred: true }] } : {}),
    ...(link.length ? { link } : {}),
  };
}

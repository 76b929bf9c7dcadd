import Papa from 'papaparse';
import type { CallOutput } from '../../../shared/contract';
import { AppError } from '../../../shared/contract/errors';
import type { coverageSchema } from '../../../shared/contract/patients';
import { formatDocument } from '../../../shared/identity/documents';
import { DEFAULT_LANGUAGE, type Language } from '../../../shared/i18n/languages';
import { translate } from '../../../shared/i18n/translate';
import { todayIn } from '../../../shared/patients/age';
import { formatPhone } from '../../../shared/patients/phones';
import type { z } from 'zod';
import { readPracticeRow } from '../../practice/practice-repository';
import type { Actor, Store } from '../../store/store';

/** Column order of the export; the names come from the catalogs' patientExport.columns. */
const COLUMNS = [
  'givenNames', 'firstSurname', 'secondSurname', 'preferredName', 'documentType', 'document', 'birthDate', 'sex',
  'phones', 'email', 'street', 'district', 'city', 'region', 'postalCode', 'coverage', 'registeredOn',
] as const;

/**
 * Spanish Excel (Chile, Spain, most of Latin America) splits CSV on ';',
 * because its decimal separator is the comma; a comma-separated file opens
 * there as one column. English Excel expects ','. The importer reads both.
 */
const DELIMITER: Record<Language, string> = { es: ';', en: ',' };

type Coverage = z.output<typeof coverageSchema>;

function coverageSummary(json: string, language: Language): string {
  let coverage: Coverage;
  try {
    coverage = JSON.parse(json) as Coverage;
  } catch {
    return '';
  }
  const t = (key: string, params?: Record<string, string>) => translate(language, key, params) ?? '';
  switch (coverage.kind) {
    case 'fonasa':
      return t('coverage.fonasaTramo', { tramo: coverage.tramo });
    case 'isapre':
      return coverage.planNumber ? t('coverage.isaprePlan', { isapre: coverage.isapre, plan: coverage.planNumber }) : t('coverage.isapreOnly', { isapre: coverage.isapre });
    case 'private':
      return t('coverage.private');
    case 'insurer':
      return t('coverage.insurerDetail', { carrier: coverage.carrier, subscriberId: coverage.subscriberId });
    default:
      return '';
  }
}

function parseJson<T>(json: string | null): T | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/** "2026-11-21 15:04" in the practice's time zone: what the front desk means by "when". */
function localDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

async function exportLanguage(store: Store, userId: string | null): Promise<Language> {
  if (!userId) return DEFAULT_LANGUAGE;
  const user = await store.db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst();
  return user?.language === 'en' ? 'en' : user?.language === 'es' ? 'es' : DEFAULT_LANGUAGE;
}

/**
 * Every active patient (not deleted, not merged away), by surname, as CSV in
 * the requesting user's language: UTF-8 with a BOM so Excel shows accents,
 * and cells that start like a formula guarded with an apostrophe so a
 * spreadsheet never runs them. Returns the text; the renderer saves it only
 * when the user asks. The export itself is audited.
 */
export async function exportPatients(store: Store, actor: Actor): Promise<CallOutput<'patients.export'>> {
  const practice = await readPracticeRow(store.db);
  if (!practice) throw new AppError('NOT_SET_UP');
  const language = await exportLanguage(store, actor.userId);
  const t = (key: string) => translate(language, key) ?? key;

  const patients = await store.db
    .selectFrom('patients')
    .select([
      'given_names', 'first_surname', 'second_surname', 'preferred_name', 'document_type', 'document_number', 'birth_date', 'sex',
      'phones', 'email', 'address', 'coverage', 'created_at',
    ])
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .orderBy('sort_name')
    .orderBy('id')
    .execute();

  const data = patients.map((p) => {
    const address = parseJson<{ street?: string; district?: string; city?: string; region?: string; postalCode?: string }>(p.address);
    const phones = parseJson<{ e164: string }[]>(p.phones) ?? [];
    const documentType = p.document_type;
    return [
      p.given_names,
      p.first_surname,
      p.second_surname,
      p.preferred_name ?? '',
      documentType && p.document_number ? t(`documents.${documentType}`) : '',
      documentType && p.document_number ? formatDocument(documentType, p.document_number) : '',
      p.birth_date ?? '',
      p.sex ? t(`sexes.${p.sex}`) : '',
      phones.map((phone) => formatPhone(phone.e164, practice.country)).join(' / '),
      p.email ?? '',
      address?.street ?? '',
      address?.district ?? '',
      address?.city ?? '',
      address?.region ?? '',
      address?.postalCode ?? '',
      coverageSummary(p.coverage, language),
      localDateTime(p.created_at, practice.time_zone),
    ];
  });

  const csv = `\uFEFF${Papa.unparse({ fields: COLUMNS.map((column) => t(`patientExport.columns.${column}`)), data }, { delimiter: DELIMITER[language], newline: '\r\n', escapeFormulae: true })}\r\n`;
  await store.write(actor, (tx) => tx.audit({ action: 'patients.export', entity: 'patient', entityId: null, details: { count: data.length } }));
  return { fileName: `${t('patientExport.fileName')}-${todayIn(practice.time_zone)}.csv`, csv, count: data.length };
}

import { sql } from 'kysely';
import type { DataRightsSettings } from '../../shared/contract/data-rights';
import { dataRightsSettingsSchema } from '../../shared/contract/data-rights';
import { utcToLocal } from '../../shared/schedule/time';
import { writeSettingsValue } from '../chairside/chairside-settings';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';

/*
 * How long a clinical record must be kept. In Chile the ficha clínica is kept
 * at least 15 years from the last attention (Decreto 41/2012 of MINSAL, under
 * Ley 20.584); elsewhere the practice sets its own rule. One settings row,
 * like the other practice settings, so every workstation applies the same.
 */

export const DATA_RIGHTS_SETTINGS_ID = 'data-rights-settings';

/** Default years by country; a country not listed gets the strictest default we know. */
const DEFAULT_YEARS: Record<string, number> = { CL: 15 };
export const defaultRetentionYears = (country: string): number => DEFAULT_YEARS[country] ?? 15;

export async function readDataRightsSettings(db: Db, country: string): Promise<DataRightsSettings> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', DATA_RIGHTS_SETTINGS_ID).executeTakeFirst();
  const fallback = { retentionYears: defaultRetentionYears(country) };
  if (!row) return fallback;
  const parsed = dataRightsSettingsSchema.safeParse({ ...fallback, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : fallback;
}

export async function writeDataRightsSettings(store: Store, actor: Actor, settings: DataRightsSettings): Promise<DataRightsSettings> {
  return store.write(actor, async (tx) => {
    await writeSettingsValue(tx, DATA_RIGHTS_SETTINGS_ID, settings, new Date().toISOString());
    await tx.audit({ action: 'privacy.settings.update', entity: 'settings', entityId: DATA_RIGHTS_SETTINGS_ID, details: { retentionYears: settings.retentionYears } });
    return settings;
  });
}

const localDay = (iso: string, zone: string): string => utcToLocal(Date.parse(iso), zone).slice(0, 10);

/**
 * The newest day the patient was attended, over the whole merge tree: an
 * appointment they came to, a chart entry, an exam, a note, a medical history
 * entry or a posting's date of service. Null if none.
 */
export async function lastAttention(db: Db, ids: readonly string[], timeZone: string): Promise<string | null> {
  const days: (string | null | undefined)[] = [];
  const one = async <T>(q: Promise<T | undefined>) => q;
  const [appointment, chart, perio, note, history] = await Promise.all([
    one(
      db
        .selectFrom('appointments')
        .select((eb) => eb.fn.max('start_date').as('d'))
        .where('patient_id', 'in', ids)
        .where('status', 'in', ['arrived', 'seated', 'completed'])
        .where('deleted_at', 'is', null)
        .executeTakeFirst(),
    ),
    one(db.selectFrom('chart_events').select((eb) => eb.fn.max('at').as('d')).where('patient_id', 'in', ids).executeTakeFirst()),
    one(db.selectFrom('perio_exams').select((eb) => eb.fn.max('exam_date').as('d')).where('patient_id', 'in', ids).where('deleted_at', 'is', null).executeTakeFirst()),
    one(db.selectFrom('clinical_notes').select((eb) => eb.fn.max('visit_date').as('d')).where('patient_id', 'in', ids).where('deleted_at', 'is', null).executeTakeFirst()),
    one(db.selectFrom('patient_medical_history').select((eb) => eb.fn.max('recorded_at').as('d')).where('patient_id', 'in', ids).executeTakeFirst()),
  ]);
  days.push(appointment?.d as string | null, perio?.d as string | null, note?.d as string | null);
  if (chart?.d) days.push(localDay(chart.d as string, timeZone));
  if (history?.d) days.push(localDay(history.d as string, timeZone));
  const ledger = await sql<{ d: string | null }>`SELECT max(service_date) AS d FROM ledger_postings WHERE patient_id IN (${sql.join(ids)})`.execute(db);
  days.push(ledger.rows[0]?.d);
  const known = days.filter((d): d is string => typeof d === 'string' && d.length >= 10).map((d) => d.slice(0, 10));
  return known.length ? known.sort().at(-1)! : null;
}

/** The day `years` after `date` (29 February falls on 28 February in a common year). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, 1));
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

import { type ScheduleSettings, scheduleSettingsSchema } from '../../shared/contract/schedule';
import type { Language } from '../../shared/i18n/languages';
import { type TemplateKind } from '../../shared/schedule/reminders';
import { scheduleTexts } from '../../shared/schedule/texts';
import type { Db } from '../patients/patients-repository';
import type { WriteTx } from '../store/store';

/*
 * The schedule's settings and reminder templates live in the `settings`
 * table, one row each, like the clinical preferences: fixed ids rather than
 * UUIDs, so that two workstations editing the same setting converge on one
 * row (last writer wins) instead of making two.
 */

export const SCHEDULE_SETTINGS_ID = 'schedule-settings';

export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = {
  gridMinutes: 10,
  officeStart: '09:00',
  officeEnd: '19:00',
  officeDays: [1, 2, 3, 4, 5],
  colourBy: 'provider',
  conflictPolicy: 'warn',
  allowOverride: true,
  address: '',
  phone: '',
  icsIncludePatientNames: true,
};

export async function readScheduleSettings(db: Db): Promise<ScheduleSettings> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', SCHEDULE_SETTINGS_ID).executeTakeFirst();
  if (!row) return DEFAULT_SCHEDULE_SETTINGS;
  const parsed = scheduleSettingsSchema.safeParse({ ...DEFAULT_SCHEDULE_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_SCHEDULE_SETTINGS;
}

/** Writes a settings row through the write path (insert the first time, update after). */
export async function writeSettingsRow(tx: WriteTx, id: string, value: unknown, now: string): Promise<void> {
  const exists = await tx.db.selectFrom('settings').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) await tx.update('settings', id, { value: JSON.stringify(value), updated_at: now });
  else await tx.insert('settings', { id, value: JSON.stringify(value), updated_at: now });
}

export function templateId(kind: TemplateKind, language: Language): string {
  return `schedule-template:${kind}:${language}`;
}

export interface StoredTemplate {
  body: string;
  isDefault: boolean;
}

export async function readTemplate(db: Db, kind: TemplateKind, language: Language): Promise<StoredTemplate> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', templateId(kind, language)).executeTakeFirst();
  const custom = row ? (JSON.parse(row.value) as { body?: unknown }).body : null;
  if (typeof custom === 'string' && custom.trim()) return { body: custom, isDefault: false };
  return { body: scheduleTexts(language).templates[kind], isDefault: true };
}

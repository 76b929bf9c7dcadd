import { CHART_PALETTE_PRESETS, type ChairsideSettings, chairsideSettingsSchema } from '../../shared/contract/chairside';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store, WriteTx } from '../store/store';

/*
 * The chairside settings: one row of the settings table with a fixed id, like
 * the clinical preferences, so two workstations editing it converge on one row.
 * The tooth numbering and the depth and bleeding alerts stay in the clinical
 * preferences (practice/), which came first; this row adds what the
 * odontogram and the perio chart need besides.
 */

export const CHAIRSIDE_SETTINGS_ID = 'chairside-settings';

export const DEFAULT_CHAIRSIDE_SETTINGS: ChairsideSettings = {
  palette: { ...CHART_PALETTE_PRESETS.red_planned },
  perioEntry: { order: 'open_dental', customOrder: [], passes: 'separate', includeMgj: false },
  compareThresholds: { pdMm: 2, calMm: 2 },
  plaqueAlertPercent: 20,
  allowCoSign: false,
};

export async function readChairsideSettings(db: Db): Promise<ChairsideSettings> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', CHAIRSIDE_SETTINGS_ID).executeTakeFirst();
  if (!row) return DEFAULT_CHAIRSIDE_SETTINGS;
  const parsed = chairsideSettingsSchema.safeParse({ ...DEFAULT_CHAIRSIDE_SETTINGS, ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : DEFAULT_CHAIRSIDE_SETTINGS;
}

/** Writes a settings row through the write path (insert the first time, update after). */
export async function writeSettingsValue(tx: WriteTx, id: string, value: unknown, now: string): Promise<void> {
  const exists = await tx.db.selectFrom('settings').select('id').where('id', '=', id).executeTakeFirst();
  if (exists) await tx.update('settings', id, { value: JSON.stringify(value), updated_at: now });
  else await tx.insert('settings', { id, value: JSON.stringify(value), updated_at: now });
}

export async function updateChairsideSettings(store: Store, actor: Actor, patch: Partial<ChairsideSettings>): Promise<ChairsideSettings> {
  return store.write(actor, async (tx) => {
    const next = chairsideSettingsSchema.parse({ ...(await readChairsideSettings(tx.db)), ...patch });
    await writeSettingsValue(tx, CHAIRSIDE_SETTINGS_ID, next, new Date().toISOString());
    await tx.audit({ action: 'chairside.settings.update', entity: 'settings', entityId: CHAIRSIDE_SETTINGS_ID, details: { fields: Object.keys(patch) } });
    return next;
  });
}

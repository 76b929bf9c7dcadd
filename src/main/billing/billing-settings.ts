import { type BillingSettings, billingSettingsSchema } from '../../shared/contract/billing';
import { writeSettingsValue } from '../chairside/chairside-settings';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';

/*
 * The ledger's practice settings: one settings row with a fixed id, as the
 * chairside settings are. The lock date closes the books before it; whether
 * receptionists take payments defaults to yes, because Chilean front desks
 * collect the copay at the visit, and an admin can turn it off.
 */

export const BILLING_SETTINGS_ID = 'billing-settings';

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { lockDate: null, receptionistPayments: true };

export async function readBillingSettings(db: Db): Promise<BillingSettings> {
  const row = await db.selectFrom('settings').select('value').where('id', '=', BILLING_SETTINGS_ID).executeTakeFirst();
  if (!row) return DEFAULT_BILLING_SETTINGS;
  try {
    const parsed = billingSettingsSchema.safeParse({ ...DEFAULT_BILLING_SETTINGS, ...(JSON.parse(row.value) as object) });
    return parsed.success ? parsed.data : DEFAULT_BILLING_SETTINGS;
  } catch {
    return DEFAULT_BILLING_SETTINGS;
  }
}

export async function updateBillingSettings(store: Store, actor: Actor, patch: Partial<BillingSettings>): Promise<BillingSettings> {
  return store.write(actor, async (tx) => {
    const before = await readBillingSettings(tx.db);
    const next = billingSettingsSchema.parse({ ...before, ...patch });
    await writeSettingsValue(tx, BILLING_SETTINGS_ID, next, new Date().toISOString());
    await tx.audit({
      action: 'billing.settings.update',
      entity: 'settings',
      entityId: BILLING_SETTINGS_ID,
      details: { fields: Object.keys(patch), lockDate: next.lockDate, previousLockDate: before.lockDate, receptionistPayments: next.receptionistPayments },
    });
    return next;
  });
}

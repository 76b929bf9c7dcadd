import { AppError } from '../../shared/contract/errors';
import type { HandlerGroup } from '../contract/context';
import type { PracticeTable } from '../db/schema';
import { CLINICAL_PREFERENCES_ID, readClinicalPreferences, readPracticeRow, toPractice } from './practice-repository';

export function practiceHandlers(): HandlerGroup<'practice.update' | 'clinical.preferences.get' | 'clinical.preferences.update'> {
  return {
    async 'practice.update'(input, ctx) {
      const store = ctx.store();
      const row = await readPracticeRow(store.db);
      if (!row) throw new AppError('NOT_SET_UP');
      const fields: Partial<PracticeTable> = { updated_at: new Date().toISOString() };
      if (input.name !== undefined) fields.name = input.name;
      if (input.country !== undefined) fields.country = input.country;
      if (input.timeZone !== undefined) fields.time_zone = input.timeZone;
      if (input.currency !== undefined) fields.currency = input.currency;
      if (input.language !== undefined) fields.language = input.language;
      if (input.idleLockMinutes !== undefined) fields.idle_lock_minutes = input.idleLockMinutes;
      await store.write(ctx.actor, async (tx) => {
        await tx.update('practice', row.id, fields);
        await tx.audit({ action: 'practice.update', entity: 'practice', entityId: row.id, details: { fields: Object.keys(input) } });
      });
      return toPractice({ ...row, ...fields });
    },

    async 'clinical.preferences.get'(_input, ctx) {
      return readClinicalPreferences(ctx.store().db);
    },

    async 'clinical.preferences.update'(input, ctx) {
      const store = ctx.store();
      const current = await readClinicalPreferences(store.db);
      const next = { ...current, ...input };
      const now = new Date().toISOString();
      const exists = await store.db.selectFrom('settings').select('id').where('id', '=', CLINICAL_PREFERENCES_ID).executeTakeFirst();
      await store.write(ctx.actor, async (tx) => {
        if (exists) await tx.update('settings', CLINICAL_PREFERENCES_ID, { value: JSON.stringify(next), updated_at: now });
        else await tx.insert('settings', { id: CLINICAL_PREFERENCES_ID, value: JSON.stringify(next), updated_at: now });
        await tx.audit({ action: 'clinical.preferences.update', entity: 'settings', entityId: CLINICAL_PREFERENCES_ID });
      });
      return next;
    },
  };
}

import { v7 as uuidv7 } from 'uuid';
import type { CallOutput } from '../../shared/contract';
import { SETUP_STEPS, type SetupStep } from '../../shared/contract/schedule';
import { LANGUAGES } from '../../shared/i18n/languages';
import { SCHEDULE_TEXTS, scheduleTexts } from '../../shared/schedule/texts';
import type { Db } from '../patients/patients-repository';
import type { Actor, Store } from '../store/store';
import type { Notify } from './appointments-service';
import { loadContext } from './schedule-context';

/*
 * A new practice's first steps towards a usable schedule: chairs, a
 * provider linked to a user, weekly hours and appointment types. Their
 * status is read from the data itself, never from a flag, so it stays true
 * whoever set things up, on whichever workstation.
 */

const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

export async function setupStatus(db: Db, today: string): Promise<CallOutput<'schedule.setup.status'>> {
  const operatories = count(await db.selectFrom('operatories').select((eb) => eb.fn.countAll().as('n')).where('active', '=', 1).executeTakeFirst());
  const providers = count(
    await db
      .selectFrom('providers as p')
      .innerJoin('users as u', 'u.id', 'p.user_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('p.active', '=', 1)
      .where('u.active', '=', 1)
      .executeTakeFirst(),
  );
  // Hours that ended before today no longer make the schedule usable.
  const hours = count(
    await db
      .selectFrom('providers as p')
      .select((eb) => eb.fn.count('p.id').distinct().as('n'))
      .where('p.active', '=', 1)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('provider_hours as h')
            .select('h.id')
            .whereRef('h.provider_id', '=', 'p.id')
            .where('h.deleted_at', 'is', null)
            .where((w) => w.or([w('h.valid_until', 'is', null), w('h.valid_until', '>=', today)])),
        ),
      )
      .executeTakeFirst(),
  );
  const types = count(await db.selectFrom('appointment_types').select((eb) => eb.fn.countAll().as('n')).where('active', '=', 1).executeTakeFirst());
  const counts: Record<SetupStep, number> = { operatories, providers, hours, types };
  const steps = SETUP_STEPS.map((step) => ({ step, done: counts[step] > 0, count: counts[step] }));
  return { steps, ready: steps.every((s) => s.done) };
}

/** Names compared the way a person reads them: case, accents and spacing aside. */
const sameName = (name: string) => name.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();

/** The i-th usual type's names in every language: a practice that has "Cleaning" does not get "Limpieza" too. */
function namesInEveryLanguage(pick: (texts: (typeof SCHEDULE_TEXTS)['es']) => readonly { name: string }[], i: number): string[] {
  return LANGUAGES.map((l) => pick(SCHEDULE_TEXTS[l])[i]?.name).filter((n): n is string => Boolean(n)).map(sameName);
}

/**
 * Adds the usual appointment and blockout types, in the practice's language,
 * that the practice has none of by name (active or turned off: a type the
 * practice turned off stays off). Checked and written in one transaction, so
 * a second press, even one racing the first, adds nothing.
 */
export async function addDefaults(store: Store, actor: Actor, notify: Notify): Promise<CallOutput<'schedule.setup.addDefaults'>> {
  const ctx = await loadContext(store.db);
  const defaults = scheduleTexts(ctx.language).defaults;
  const now = new Date().toISOString();
  const result = await store.write(actor, async (tx) => {
    const typeNames = new Set((await tx.db.selectFrom('appointment_types').select('name').execute()).map((r) => sameName(r.name)));
    const blockoutNames = new Set((await tx.db.selectFrom('blockout_types').select('name').execute()).map((r) => sameName(r.name)));
    const last = await tx.db.selectFrom('appointment_types').select((eb) => eb.fn.max('sort_order').as('n')).executeTakeFirst();
    let sortOrder = Number(last?.n ?? 0);
    let appointmentTypes = 0;
    for (const [i, t] of defaults.appointmentTypes.entries()) {
      if (namesInEveryLanguage((x) => x.defaults.appointmentTypes, i).some((n) => typeNames.has(n))) continue;
      const id = uuidv7();
      await tx.insert('appointment_types', { id, name: t.name, duration_min: t.durationMin, colour: t.colour, sort_order: ++sortOrder, active: 1, created_at: now, updated_at: now });
      appointmentTypes++;
    }
    let blockoutTypes = 0;
    for (const [i, t] of defaults.blockoutTypes.entries()) {
      if (namesInEveryLanguage((x) => x.defaults.blockoutTypes, i).some((n) => blockoutNames.has(n))) continue;
      await tx.insert('blockout_types', { id: uuidv7(), name: t.name, colour: t.colour, forbids_booking: t.forbidsBooking ? 1 : 0, active: 1, created_at: now, updated_at: now });
      blockoutTypes++;
    }
    await tx.audit({ action: 'schedule.setup.addDefaults', entity: 'settings', details: { appointmentTypes, blockoutTypes, language: ctx.language } });
    return { appointmentTypes, blockoutTypes };
  });
  if (result.appointmentTypes + result.blockoutTypes > 0) notify({ dates: [], all: true });
  return result;
}

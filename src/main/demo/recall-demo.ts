import { addMonths } from '../../shared/recall/dates';
import { utcToLocal } from '../../shared/schedule/time';
import type { PatientRecallsTable, RecallContactsTable } from '../db/schema';
import { defaultRecallTypeRows, patientRecallId, recallTypeId } from '../recall/default-types';
import { type DemoContext, type DemoStep, insertInChunks } from './generate-demo';
import { seededUuidV7 } from './random';

/*
 * Recall for the demo practice: our recall types, and for most active
 * patients a prophylaxis recall (last done up to two years before the demo's
 * today, so some are due, many overdue, the rest ahead), perio maintenance
 * every 3 or 4 months for about one in eight, with the provider who did it,
 * and a few contacts already logged for the overdue ones.
 */

export const RECALL_DEMO_VERSION = 1;
const ZONE = 'America/Santiago';
const DAY_MS = 86_400_000;

export async function generateRecallDemo(ctx: DemoContext): Promise<void> {
  const random = ctx.random('recall');
  const anchorDate = utcToLocal(ctx.anchorMs, ZONE).slice(0, 10);
  const types = defaultRecallTypeRows(new Date(ctx.anchorMs - 3650 * DAY_MS).toISOString());
  await insertInChunks(ctx, 'recall_types', types, 'recall_type');

  const hygiene = ctx.providers.filter((p) => p.kind === 'hygienist');
  const dentists = ctx.providers.filter((p) => p.kind !== 'hygienist');
  const clinicians = hygiene.length ? hygiene : dentists;
  const desk = ctx.staff.filter((m) => m.role === 'receptionist').map((m) => ctx.userIds.get(m.username)!);
  const recalls: PatientRecallsTable[] = [];
  const contacts: RecallContactsTable[] = [];
  for (const patient of ctx.patients) {
    if (patient.deleted_at || patient.merged_into_id) continue;
    const plans: { type: string; interval: number | null; months: number }[] = [];
    if (random.chance(0.75)) plans.push({ type: 'prophylaxis', interval: null, months: 6 });
    if (random.chance(0.12)) {
      const interval = random.chance(0.5) ? 3 : 4;
      plans.push({ type: 'perio', interval: interval === 3 ? null : 4, months: interval });
    }
    for (const plan of plans) {
      const last = addMonths(anchorDate, -random.int(0, 24));
      const lastDone = new Date(Date.parse(`${last}T12:00:00Z`) - random.int(0, 27) * DAY_MS).toISOString().slice(0, 10);
      const due = addMonths(lastDone, plan.months);
      const at = new Date(Date.parse(`${lastDone}T15:00:00Z`)).toISOString();
      const id = patientRecallId(patient.id, recallTypeId(plan.type));
      const provider = clinicians.length ? random.pick(plan.type === 'perio' ? clinicians : ctx.providers) : null;
      recalls.push({ id, patient_id: patient.id, type_id: recallTypeId(plan.type), interval_months: plan.interval, last_done_date: lastDone, due_date: due, provider_id: provider?.id ?? null, active: 1, created_at: at, updated_at: at });
      if (due < anchorDate && desk.length && random.chance(0.2)) {
        const contactMs = Date.parse(`${due}T14:00:00Z`) + random.int(1, 40) * DAY_MS;
        if (contactMs < ctx.anchorMs) {
          contacts.push({
            id: seededUuidV7(random, contactMs),
            recall_id: id,
            patient_id: patient.id,
            channel: random.pick(['whatsapp', 'whatsapp', 'phone'] as const),
            outcome: random.pick(['sent', 'no_answer', 'will_call'] as const),
            note: '',
            at: new Date(contactMs).toISOString(),
            by_user_id: random.pick(desk),
          });
        }
      }
    }
  }
  await insertInChunks(ctx, 'patient_recalls', recalls, 'patient_recall');
  await insertInChunks(ctx, 'recall_contacts', contacts, 'recall_contact');
}

export const recallStep: DemoStep = {
  name: 'recall',
  run: (ctx) => generateRecallDemo(ctx),
};

import { AppError } from '../../shared/contract/errors';
import type { CallOutput } from '../../shared/contract';
import { type IcsEvent, writeIcs } from '../../shared/schedule/ical';
import type { AppointmentStatus } from '../../shared/schedule/status';
import { fill, scheduleTexts } from '../../shared/schedule/texts';
import { fold } from '../../shared/text/fold';
import { displayName, type Db } from '../patients/patients-repository';
import { loadContext } from './schedule-context';
import { findProvider, listOperatories, providerDisplayName } from './schedule-repository';

/**
 * A provider's appointments as an iCalendar file. It carries no clinical
 * data: the summary is the patient's name and the appointment type (or the
 * type alone, when the practice turns names off or the caller asks), the
 * location the chair; notes are left out, as they may hold anything.
 * Cancelled, missed and pinboard appointments are left out too.
 */
export async function exportIcs(
  db: Db,
  input: { providerId: string; from: string; to: string; includePatientNames?: boolean },
  now = new Date(),
): Promise<CallOutput<'schedule.exportIcs'>> {
  const ctx = await loadContext(db, now.getTime());
  const provider = await findProvider(db, input.providerId);
  if (!provider) throw new AppError('NOT_FOUND');
  const withNames = input.includePatientNames ?? ctx.settings.icsIncludePatientNames;
  const texts = scheduleTexts(ctx.language);
  const operatories = new Map((await listOperatories(db, true)).map((o) => [o.id, o.name]));
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .leftJoin('appointment_types as t', 't.id', 'a.type_id')
    .select(['a.id', 'a.start_local', 'a.duration_min', 'a.status', 'a.operatory_id', 'a.updated_at', 'p.given_names', 'p.first_surname', 'p.second_surname', 't.name as type_name'])
    .where('a.provider_id', '=', input.providerId)
    .where('a.start_date', '>=', input.from)
    .where('a.start_date', '<=', input.to)
    .where('a.deleted_at', 'is', null)
    .where('a.pinboard', '=', 0)
    .where('a.status', 'in', ['scheduled', 'confirmed', 'arrived', 'seated', 'completed'])
    .orderBy('a.start_local')
    .execute();
  const events: IcsEvent[] = rows.map((r) => {
    const what = r.type_name ?? texts.ics.appointment;
    return {
      uid: r.id,
      startLocal: r.start_local,
      durationMin: r.duration_min,
      summary: withNames ? `${displayName(r)} · ${what}` : what,
      location: operatories.get(r.operatory_id) ?? null,
      description: null,
      status: (r.status as AppointmentStatus) === 'scheduled' ? 'TENTATIVE' : 'CONFIRMED',
      lastModified: r.updated_at,
    };
  });
  const name = providerDisplayName(provider);
  const ics = writeIcs({
    name: fill(texts.ics.calendarName, { provider: name }),
    zone: ctx.zone,
    from: input.from,
    to: input.to,
    now: now.toISOString(),
    events,
  });
  const slug = fold(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { fileName: `agenda-${slug}-${input.from}-${input.to}.ics`, ics, count: events.length };
}

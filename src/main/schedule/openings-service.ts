import { AppError } from '../../shared/contract/errors';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { findOpenings as find, type OpeningsQuery } from '../../shared/schedule/openings';
import type { Db } from '../patients/patients-repository';
import type { ScheduleSnapshot } from './schedule-context';
import { bookedBetween } from './schedule-repository';

/**
 * Find next opening, over at most 60 days. The rules come from the
 * in-memory snapshot; appointments are read a week at a time, and only until
 * enough openings are found.
 */
export async function findOpenings(
  db: Db,
  snap: ScheduleSnapshot,
  input: ParsedInput<'schedule.findOpenings'>,
  nowMs = snap.ctx.nowMs,
): Promise<CallOutput<'schedule.findOpenings'>> {
  const ctx = { ...snap.ctx, nowMs, today: snap.ctx.calendar.today(nowMs) };
  const { providers, operatories, availability } = snap;
  const chosenProviders = input.providerId ? providers.filter((p) => p.id === input.providerId) : providers;
  if (input.providerId && chosenProviders.length === 0) {
    throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { providerId: 'validation.providerInactive' } });
  }
  const chosenOperatories = input.operatoryId ? operatories.filter((o) => o.id === input.operatoryId).map((o) => o.id) : operatories.map((o) => o.id);
  if (input.operatoryId && chosenOperatories.length === 0) {
    throw new AppError('VALIDATION', 'errors.VALIDATION', { fields: { operatoryId: 'validation.operatoryInactive' } });
  }
  // Never before today: past dates have no openings to offer.
  const from = input.from < ctx.today ? ctx.today : input.from;
  if (from > input.to) return [];
  const query: OpeningsQuery = {
    from,
    to: input.to,
    durationMin: input.durationMin,
    gridMin: ctx.settings.gridMinutes,
    timeOfDay: input.timeOfDay,
    weekdays: input.weekdays,
    limit: input.limit,
    notBeforeMs: ctx.nowMs,
    providers: chosenProviders.map((p) => ({ id: p.id, defaultOperatoryId: p.default_operatory_id ?? null })),
    operatories: chosenOperatories,
    operatoryFixed: input.operatoryId !== undefined,
    patientId: input.patientId ?? null,
  };
  // A provider's own appointments and those of the chairs tried; without a provider, everyone's.
  const who = input.providerId
    ? { providerIds: [input.providerId], operatoryIds: chosenOperatories, patientId: input.patientId ?? null }
    : { providerIds: null, operatoryIds: null, patientId: input.patientId ?? null };
  return find(query, availability, (a, b) => bookedBetween(db, a, b, who));
}

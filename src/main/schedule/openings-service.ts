import { AppError } from '../../shared/contract/errors';
import type { CallOutput, ParsedInput } from '../../shared/contract';
import { findOpenings as find, type OpeningsQuery } from '../../shared/schedule/openings';
import type { Db } from '../patients/patients-repository';
import { loadAvailability, loadContext } from './schedule-context';
import { bookedBetween, listOperatories, listProviders } from './schedule-repository';

/**
 * Find next opening, over at most 60 days. The rules for the whole range are
 * read once (they are few rows); appointments are read a week at a time, and
 * only until enough openings are found.
 */
export async function findOpenings(db: Db, input: ParsedInput<'schedule.findOpenings'>, nowMs = Date.now()): Promise<CallOutput<'schedule.findOpenings'>> {
  const ctx = await loadContext(db, nowMs);
  const [providers, operatories] = await Promise.all([listProviders(db), listOperatories(db)]);
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
  const availability = await loadAvailability(db, ctx, from, input.to);
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

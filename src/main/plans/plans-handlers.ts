import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { getPatientSchedule, importFeeCsv, listSchedules, saveSchedule, scheduleLines, setFee, setPatientSchedule } from './fee-schedules';
import {
  acceptPlan,
  addFromChart,
  addProcedure,
  arrangeItems,
  bookItems,
  completeItems,
  createPlan,
  itemsForAppointment,
  listPlans,
  removeItem,
  renamePlan,
  setItemsStatus,
  unscheduledItems,
} from './plans-service';
import { printQuote } from './quote-print';

export type PlansCalls = Extract<CallName, `fees.${string}` | `plans.${string}`>;

/** Fee schedules and treatment plans: thin, each hands its parsed input to a service. Access was checked by the dispatcher. */
export function plansHandlers(): HandlerGroup<PlansCalls> {
  return {
    async 'fees.schedules.list'(input, ctx) {
      return listSchedules(ctx.store().db, input.includeInactive);
    },
    async 'fees.schedules.save'(input, ctx) {
      return saveSchedule(ctx.store(), ctx.actor, input);
    },
    async 'fees.schedules.fees'(input, ctx) {
      return scheduleLines(ctx.store(), ctx.actor, input.scheduleId);
    },
    async 'fees.schedules.setFee'(input, ctx) {
      return setFee(ctx.store(), ctx.actor, input);
    },
    async 'fees.schedules.importCsv'(input, ctx) {
      return importFeeCsv(ctx.store(), ctx.actor, input);
    },
    async 'fees.patient.get'(input, ctx) {
      return getPatientSchedule(ctx.store(), ctx.actor, input.patientId);
    },
    async 'fees.patient.set'(input, ctx) {
      return setPatientSchedule(ctx.store(), ctx.actor, input.patientId, input.scheduleId);
    },
    async 'plans.list'(input, ctx) {
      return listPlans(ctx.store(), ctx.actor, input.patientId);
    },
    async 'plans.create'(input, ctx) {
      return createPlan(ctx.store(), ctx.actor, input);
    },
    async 'plans.rename'(input, ctx) {
      return renamePlan(ctx.store(), ctx.actor, input.planId, input.title);
    },
    async 'plans.addFromChart'(input, ctx) {
      return addFromChart(ctx.store(), ctx.actor, input);
    },
    async 'plans.addProcedure'(input, ctx) {
      return addProcedure(ctx.store(), ctx.actor, input);
    },
    async 'plans.arrange'(input, ctx) {
      return arrangeItems(ctx.store(), ctx.actor, input);
    },
    async 'plans.removeItem'(input, ctx) {
      return removeItem(ctx.store(), ctx.actor, input.itemId);
    },
    async 'plans.accept'(input, ctx) {
      return acceptPlan(ctx.store(), ctx.actor, input);
    },
    async 'plans.items.setStatus'(input, ctx) {
      return setItemsStatus(ctx.store(), ctx.actor, input.itemIds, input.status);
    },
    async 'plans.items.book'(input, ctx) {
      return bookItems(ctx.store(), ctx.actor, input.itemIds, input.appointmentId);
    },
    async 'plans.items.complete'(input, ctx) {
      return completeItems(ctx.store(), ctx.actor, input.itemIds);
    },
    async 'plans.forAppointment'(input, ctx) {
      return itemsForAppointment(ctx.store(), ctx.actor, input.appointmentId);
    },
    async 'plans.unscheduled'(input, ctx) {
      return unscheduledItems(ctx.store(), ctx.actor, input.limit, input.offset);
    },
    async 'plans.print'(input, ctx) {
      return printQuote(ctx.store(), ctx.actor, input);
    },
  };
}

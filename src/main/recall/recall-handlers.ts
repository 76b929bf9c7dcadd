import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { composeRecall, dueList, listContacts, listPatientRecalls, listRecallTypes, recordContact, saveRecallType, setPatientRecall } from './recall-service';

export type RecallCalls = Extract<CallName, `recall.${string}`>;

/** The recall entries: thin, the rules are in the service. Access was checked by the dispatcher. */
export function recallHandlers(): HandlerGroup<RecallCalls> {
  return {
    async 'recall.types.list'(input, ctx) {
      return listRecallTypes(ctx.store(), ctx.actor, input.includeInactive);
    },
    async 'recall.types.save'(input, ctx) {
      return saveRecallType(ctx.store(), ctx.actor, input);
    },
    async 'recall.patient.list'(input, ctx) {
      return listPatientRecalls(ctx.store(), ctx.actor, input.patientId);
    },
    async 'recall.patient.set'(input, ctx) {
      return setPatientRecall(ctx.store(), ctx.actor, input);
    },
    async 'recall.due'(input, ctx) {
      return dueList(ctx.store(), ctx.actor, input);
    },
    async 'recall.contact.compose'(input, ctx) {
      return composeRecall(ctx.store(), ctx.actor, input.recallId, input.language);
    },
    async 'recall.contact.record'(input, ctx) {
      return recordContact(ctx.store(), ctx.actor, input);
    },
    async 'recall.contact.list'(input, ctx) {
      return listContacts(ctx.store(), ctx.actor, input.recallId);
    },
  };
}

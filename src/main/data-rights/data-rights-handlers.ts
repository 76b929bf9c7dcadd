import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { practiceClock } from '../chairside/chairside-common';
import { erase, exportFhir, listRequests, planErasure, summaryPdf } from './data-rights-service';
import { readDataRightsSettings, writeDataRightsSettings } from './retention';

export type DataRightsCalls = Extract<CallName, `privacy.${string}`>;

/** Thin entries over data-rights-service; access (patients.dataRights, settings.manage) was checked by the dispatcher. */
export function dataRightsHandlers(): HandlerGroup<DataRightsCalls> {
  return {
    async 'privacy.exportFhir'(input, ctx) {
      return exportFhir(ctx.store(), ctx.actor, input.patientId, input.requestedBy);
    },
    async 'privacy.summaryPdf'(input, ctx) {
      return summaryPdf(ctx.store(), ctx.actor, input.patientId, input.requestedBy, input.language);
    },
    async 'privacy.erasurePlan'(input, ctx) {
      return planErasure(ctx.store(), ctx.actor, input.patientId);
    },
    async 'privacy.erase'(input, ctx) {
      return erase(ctx.store(), ctx.actor, input.patientId, input.requestedBy);
    },
    async 'privacy.requests.list'(input, ctx) {
      return listRequests(ctx.store(), ctx.actor, input.patientId);
    },
    async 'privacy.settings.get'(_input, ctx) {
      const store = ctx.store();
      return readDataRightsSettings(store.db, (await practiceClock(store.db)).country);
    },
    async 'privacy.settings.set'(input, ctx) {
      return writeDataRightsSettings(ctx.store(), ctx.actor, input);
    },
  };
}

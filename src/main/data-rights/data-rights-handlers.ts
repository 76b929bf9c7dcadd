import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { practiceClock } from '../chairside/chairside-common';
import { erase, exportFhir, listRequests, planErasure, summaryPdf } from './data-rights-service';
import { readDataRightsSettings, writeDataRightsSettings } from './retention';

export type DataRightsCalls = Extract<CallName, `dataRights.${string}`>;

/** Thin entries over data-rights-service; access (patients.dataRights, settings.manage) was checked by the dispatcher. */
export function dataRightsHandlers(): HandlerGroup<DataRightsCalls> {
  return {
    async 'dataRights.exportFhir'(input, ctx) {
      return exportFhir(ctx.store(), ctx.actor, input.patientId, input.requestedBy);
    },
    async 'dataRights.summaryPdf'(input, ctx) {
      return summaryPdf(ctx.store(), ctx.actor, input.patientId, input.requestedBy, input.language);
    },
    async 'dataRights.erasurePlan'(input, ctx) {
      return planErasure(ctx.store(), ctx.actor, input.patientId);
    },
    async 'dataRights.erase'(input, ctx) {
      return erase(ctx.store(), ctx.actor, input.patientId, input.requestedBy);
    },
    async 'dataRights.requests.list'(input, ctx) {
      return listRequests(ctx.store(), ctx.actor, input.patientId);
    },
    async 'dataRights.settings.get'(_input, ctx) {
      const store = ctx.store();
      return readDataRightsSettings(store.db, (await practiceClock(store.db)).country);
    },
    async 'dataRights.settings.set'(input, ctx) {
      return writeDataRightsSettings(ctx.store(), ctx.actor, input);
    },
  };
}

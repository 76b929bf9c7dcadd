import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { listConsentTemplates, listConsents, previewConsent, printConsent, saveConsentTemplate, signConsent } from './consent-service';

export type ConsentCalls = Extract<CallName, `consent.${string}`>;

/** The consent entries: thin, the rules are in the service. Access was checked by the dispatcher. */
export function consentHandlers(): HandlerGroup<ConsentCalls> {
  return {
    async 'consent.templates.list'(input, ctx) {
      return listConsentTemplates(ctx.store(), ctx.actor, input.language, input.includeInactive);
    },
    async 'consent.templates.save'(input, ctx) {
      return saveConsentTemplate(ctx.store(), ctx.actor, input);
    },
    async 'consent.preview'(input, ctx) {
      return previewConsent(ctx.store(), ctx.actor, input);
    },
    async 'consent.sign'(input, ctx) {
      return signConsent(ctx.store(), ctx.actor, input);
    },
    async 'consent.list'(input, ctx) {
      return listConsents(ctx.store(), ctx.actor, input.patientId);
    },
    async 'consent.print'(input, ctx) {
      return printConsent(ctx.store(), ctx.actor, input.consentId);
    },
  };
}

import type { CallName } from '../../shared/contract';
import type { HandlerGroup } from '../contract/context';
import { checkPrescription, issuePrescription, listMedicines, listPrescriptions, printPrescription, saveMedicine, voidPrescription } from './prescriptions-service';

export type PrescriptionsCalls = Extract<CallName, `prescriptions.${string}`>;

/** The prescription entries: thin, the rules are in the service. Access was checked by the dispatcher. */
export function prescriptionsHandlers(): HandlerGroup<PrescriptionsCalls> {
  return {
    async 'prescriptions.medicines.list'(input, ctx) {
      return listMedicines(ctx.store(), ctx.actor, input.includeInactive);
    },
    async 'prescriptions.medicines.save'(input, ctx) {
      return saveMedicine(ctx.store(), ctx.actor, input);
    },
    async 'prescriptions.list'(input, ctx) {
      return listPrescriptions(ctx.store(), ctx.actor, input.patientId);
    },
    async 'prescriptions.check'(input, ctx) {
      return checkPrescription(ctx.store(), ctx.actor, input.patientId, input.items);
    },
    async 'prescriptions.issue'(input, ctx) {
      return issuePrescription(ctx.store(), ctx.actor, input);
    },
    async 'prescriptions.void'(input, ctx) {
      return voidPrescription(ctx.store(), ctx.actor, input.prescriptionId, input.reason);
    },
    async 'prescriptions.print'(input, ctx) {
      return printPrescription(ctx.store(), ctx.actor, input.prescriptionId);
    },
  };
}

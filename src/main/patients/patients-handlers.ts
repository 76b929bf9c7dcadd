import { roleHas } from '../../shared/auth/roles';
import { type HandlerGroup, requireSession } from '../contract/context';
import { findDuplicates } from './patient-duplicates';
import { mergePatients, undoMerge } from './patient-merge';
import { getPhoto, setPhoto } from './patient-photos';
import { searchPatients } from './patient-search';
import {
  buildRecord,
  createPatient,
  openPatient,
  practiceInfo,
  readHistory,
  recordHistory,
  resolveActive,
  setAlerts,
  updatePatient,
} from './patients-service';

type PatientCalls =
  | 'patients.search'
  | 'patients.get'
  | 'patients.findDuplicates'
  | 'patients.create'
  | 'patients.update'
  | 'patients.setAlerts'
  | 'patients.medicalHistory.list'
  | 'patients.medicalHistory.record'
  | 'patients.setPhoto'
  | 'patients.getPhoto'
  | 'patients.merge'
  | 'patients.undoMerge';

/** The registry's contract entries; the rules live in the service modules beside this one. */
export function patientsHandlers(): HandlerGroup<PatientCalls> {
  return {
    async 'patients.search'(input, ctx) {
      const store = ctx.store();
      const results = await searchPatients(store.db, await practiceInfo(store.db), input.query, input.limit);
      // The count, never the query: what was typed may be a name or a RUT.
      if (input.query.trim()) {
        await store.readAudited(ctx.actor, { action: 'patients.search', entity: 'patient', details: { results: results.length } }, async () => null);
      }
      return results;
    },

    async 'patients.get'(input, ctx) {
      return openPatient(ctx.store(), ctx.actor, requireSession(ctx).role, input.id);
    },

    async 'patients.findDuplicates'(input, ctx) {
      const store = ctx.store();
      const candidates = await findDuplicates(store.db, await practiceInfo(store.db), input.draft, input.excludeId);
      await store.readAudited(
        ctx.actor,
        { action: 'patients.findDuplicates', entity: 'patient', entityId: input.excludeId ?? null, details: { results: candidates.length } },
        async () => null,
      );
      return candidates;
    },

    async 'patients.create'(input, ctx) {
      return createPatient(ctx.store(), ctx.actor, input);
    },

    async 'patients.update'(input, ctx) {
      return updatePatient(ctx.store(), ctx.actor, input.id, input.draft);
    },

    async 'patients.setAlerts'(input, ctx) {
      return { alerts: await setAlerts(ctx.store(), ctx.actor, input.patientId, input.alerts) };
    },

    async 'patients.medicalHistory.list'(input, ctx) {
      return readHistory(ctx.store(), ctx.actor, input.patientId);
    },

    async 'patients.medicalHistory.record'(input, ctx) {
      return recordHistory(ctx.store(), ctx.actor, input.patientId, input.history);
    },

    async 'patients.setPhoto'(input, ctx) {
      return setPhoto(ctx.store(), ctx.actor, input.patientId, input.photo);
    },

    async 'patients.getPhoto'(input, ctx) {
      return getPhoto(ctx.store(), ctx.actor, input.patientId);
    },

    async 'patients.merge'(input, ctx) {
      const store = ctx.store();
      const practice = await practiceInfo(store.db);
      const { mergeId } = await mergePatients(store, ctx.actor, practice, input.survivorId, input.duplicateId);
      const survivor = await buildRecord(store.db, await resolveActive(store.db, input.survivorId), practice, roleHas(requireSession(ctx).role, 'medical.read'));
      return { mergeId, survivor };
    },

    async 'patients.undoMerge'(input, ctx) {
      return undoMerge(ctx.store(), ctx.actor, input.mergeId);
    },
  };
}

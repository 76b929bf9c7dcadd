import type { HandlerGroup } from '../../contract/context';
import { previewImport, runImport } from './import-service';
import { exportPatients } from './patient-export';

/** Import of patients from CSV/XLSX (preview, then run) and export to CSV. */
export function patientImportHandlers(): HandlerGroup<'patients.import.preview' | 'patients.import.run' | 'patients.export'> {
  return {
    async 'patients.import.preview'(input) {
      return previewImport(input);
    },

    async 'patients.import.run'(input, ctx) {
      return runImport(ctx.store(), ctx.actor, input);
    },

    async 'patients.export'(_input, ctx) {
      return exportPatients(ctx.store(), ctx.actor);
    },
  };
}

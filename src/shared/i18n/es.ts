import { adminEs } from './admin.es';
import { billingEs } from './billing.es';
import { chairsideEs } from './chairside.es';
import { coreEs } from './core.es';
import { documentsEs } from './documents.es';
import { firstStepsEs } from './first-steps.es';
import { hubEs } from './hub.es';
import { patientsEs } from './patients.es';
import { plansEs } from './plans.es';
import { scheduleEs } from './schedule.es';
import { syncEs } from './sync.es';
import { dataRightsEs } from './data-rights.es';
import { statementsEs } from './statements.es';
import { reportsEs } from './reports.es';
import { prescriptionsEs } from './prescriptions.es';
import { consentEs } from './consent.es';
import { recallEs } from './recall.es';

/**
 * Spanish catalog, the reference: the English one is typed against it, so a
 * key missing there fails typecheck. Neutral Latin American Spanish, "usted".
 * Each domain keeps its strings in its own `<domain>.es.ts` / `<domain>.en.ts`
 * pair; this file only puts them together.
 */
export const es = {
  ...coreEs,
  ...adminEs,
  ...patientsEs,
  ...scheduleEs,
  ...firstStepsEs,
  ...chairsideEs,
  ...hubEs,
  ...syncEs,
  ...dataRightsEs,
  ...statementsEs,
  ...reportsEs,
  ...plansEs,
  ...documentsEs,
  ...billingEs,
  ...prescriptionsEs,
  ...consentEs,
  ...recallEs,
};

export type Catalog = typeof es;
export default es;

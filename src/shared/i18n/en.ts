import { adminEn } from './admin.en';
import { billingEn } from './billing.en';
import { chairsideEn } from './chairside.en';
import { coreEn } from './core.en';
import { documentsEn } from './documents.en';
import { firstStepsEn } from './first-steps.en';
import { hubEn } from './hub.en';
import type { Catalog } from './es';
import { patientsEn } from './patients.en';
import { plansEn } from './plans.en';
import { scheduleEn } from './schedule.en';
import { syncEn } from './sync.en';
import { dataRightsEn } from './data-rights.en';
import { statementsEn } from './statements.en';
import { reportsEn } from './reports.en';
import { prescriptionsEn } from './prescriptions.en';
import { consentEn } from './consent.en';
import { recallEn } from './recall.en';

/** English catalog. Typed against the Spanish one, so a missing or extra key fails typecheck. */
export const en: Catalog = {
  ...coreEn,
  ...adminEn,
  ...patientsEn,
  ...scheduleEn,
  ...firstStepsEn,
  ...chairsideEn,
  ...hubEn,
  ...syncEn,
  ...dataRightsEn,
  ...statementsEn,
  ...reportsEn,
  ...plansEn,
  ...documentsEn,
  ...billingEn,
  ...prescriptionsEn,
  ...consentEn,
  ...recallEn,
};

export default en;

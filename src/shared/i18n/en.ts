import { adminEn } from './admin.en';
import { chairsideEn } from './chairside.en';
import { coreEn } from './core.en';
import { firstStepsEn } from './first-steps.en';
import { hubEn } from './hub.en';
import type { Catalog } from './es';
import { patientsEn } from './patients.en';
import { scheduleEn } from './schedule.en';
import { syncEn } from './sync.en';
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
  ...prescriptionsEn,
  ...consentEn,
  ...recallEn,
};

export default en;

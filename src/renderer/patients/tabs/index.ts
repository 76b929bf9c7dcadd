import { DetailsTab } from './DetailsTab';
import { FamilyTab } from './FamilyTab';
import { MedicalHistoryTab } from './MedicalHistoryTab';
import type { PatientTabDefinition } from './types';

/** The tabs of the patient context, in order. Chart, perio, notes, ledger and documents join this list. */
export const PATIENT_TABS: readonly PatientTabDefinition[] = [
  { id: 'details', label: (t) => t('patients.tabs.details'), Component: DetailsTab },
  { id: 'medical', label: (t) => t('patients.tabs.medical'), permission: 'medical.read', Component: MedicalHistoryTab },
  { id: 'family', label: (t) => t('patients.tabs.family'), Component: FamilyTab },
];

import { DetailsTab } from './DetailsTab';
import { FamilyTab } from './FamilyTab';
import { MedicalHistoryTab } from './MedicalHistoryTab';
import { PatientAppointmentsTab } from '../../schedule/PatientAppointmentsTab';
import { ChartTab } from '../../chart/ChartTab';
import { NotesTab } from '../../notes/NotesTab';
import { PerioTab } from '../../perio/PerioTab';
import { DataRightsTab } from '../../data-rights/DataRightsTab';
import { PlansTab } from '../../plans/PlansTab';
import { DocumentsTab } from '../../documents/DocumentsTab';
import { AccountTab } from '../../billing/AccountTab';
import { PrescriptionsTab } from '../../prescriptions/PrescriptionsTab';
import { ConsentTab } from '../../consent/ConsentTab';
import type { PatientTabDefinition } from './types';

/** The tabs of the patient context, in order. Chart, perio, notes, ledger and documents join this list. */
export const PATIENT_TABS: readonly PatientTabDefinition[] = [
  { id: 'details', label: (t) => t('patients.tabs.details'), Component: DetailsTab },
  { id: 'medical', label: (t) => t('patients.tabs.medical'), permission: 'medical.read', Component: MedicalHistoryTab },
  { id: 'family', label: (t) => t('patients.tabs.family'), Component: FamilyTab },
  { id: 'appointments', label: (t) => t('schedule.patientTab.title'), permission: 'schedule.read', Component: PatientAppointmentsTab },
  { id: 'chart', label: (t) => t('chart.tab'), permission: 'clinical.read', Component: ChartTab },
  { id: 'perio', label: (t) => t('perio.tab'), permission: 'clinical.read', Component: PerioTab },
  { id: 'notes', label: (t) => t('notes.tab'), permission: 'clinical.read', Component: NotesTab },
  { id: 'plans', label: (t) => t('plans.tab'), permission: 'patients.read', Component: PlansTab },
  { id: 'documents', label: (t) => t('patientDocuments.tab'), permission: 'patients.read', Component: DocumentsTab },
  { id: 'account', label: (t) => t('billing.tab'), permission: 'billing.read', Component: AccountTab },
  { id: 'prescriptions', label: (t) => t('rx.tab'), permission: 'clinical.read', Component: PrescriptionsTab },
  { id: 'consent', label: (t) => t('consent.tab'), permission: 'clinical.read', Component: ConsentTab },
  { id: 'dataRights', label: (t) => t('dataRights.tab'), permission: 'patients.dataRights', Component: DataRightsTab },
];

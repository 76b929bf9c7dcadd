import type { ComponentType } from 'react';
import { AuditLogPanel } from '../admin/AuditLogPanel';
import { PracticeSettingsPanel } from '../admin/PracticeSettingsPanel';
import { UsersPanel } from '../admin/UsersPanel';
import { ClinicalPreferencesPanel } from '../clinical/ClinicalPreferencesPanel';
import { ClinicalSetupPanel } from '../clinical-setup/ClinicalSetupPanel';
import { ScheduleSetupPanel } from '../schedule-admin/ScheduleSetupPanel';
import { ScheduleListsPanel } from '../schedule-lists/ScheduleListsPanel';
import { ImportPanel } from '../patients/import/ImportPanel';
import { PatientPanel } from '../patients/PatientPanel';
import { SyncPanel } from '../sync/SyncPanel';
import { ReportsPanel } from '../reports/ReportsPanel';
import { FeeSchedulesPanel } from '../plans/FeeSchedulesPanel';
import type { IconName } from '../ui/Icon';
import type { PanelId } from './panel-ids';

export interface PanelDefinition {
  icon: IconName;
  Component: ComponentType;
}

export const PANELS: Record<PanelId, PanelDefinition> = {
  patient: { icon: 'person', Component: PatientPanel },
  patientImport: { icon: 'upload', Component: ImportPanel },
  users: { icon: 'users', Component: UsersPanel },
  practice: { icon: 'building', Component: PracticeSettingsPanel },
  audit: { icon: 'audit', Component: AuditLogPanel },
  clinical: { icon: 'clinical', Component: ClinicalPreferencesPanel },
  scheduleLists: { icon: 'chat', Component: ScheduleListsPanel },
  scheduleSetup: { icon: 'calendar', Component: ScheduleSetupPanel },
  clinicalSetup: { icon: 'tooth', Component: ClinicalSetupPanel },
  sync: { icon: 'sync', Component: SyncPanel },
  reports: { icon: 'barChart', Component: ReportsPanel },
  feeSchedules: { icon: 'building', Component: FeeSchedulesPanel },
};

import type { Permission } from '../../shared/auth/roles';

/**
 * The panels the workspace can open, in nav-rail order. Kept apart from the
 * components so the shortcut registry and the command list can name them
 * without pulling in every panel.
 */
export const PANEL_IDS = ['patient', 'patientImport', 'users', 'practice', 'audit', 'clinical', 'scheduleLists', 'scheduleSetup', 'clinicalSetup', 'sync', 'reports', 'feeSchedules'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

/** What the nav rail needs before offering a panel; main checks again on every call. */
export const PANEL_PERMISSION: Record<PanelId, Permission> = {
  patient: 'patients.read',
  patientImport: 'patients.write',
  users: 'users.manage',
  practice: 'settings.manage',
  audit: 'audit.read',
  clinical: 'clinical.read',
  scheduleLists: 'schedule.read',
  scheduleSetup: 'settings.manage',
  clinicalSetup: 'clinical.read',
  sync: 'patients.read',
  reports: 'reports.read',
  feeSchedules: 'settings.manage',
};

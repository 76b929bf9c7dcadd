import type { TFunction } from 'i18next';
import type { ComponentType } from 'react';
import type { Permission } from '../../../shared/auth/roles';
import type { PatientRecord } from '../../../shared/contract/patients';

export interface PatientTabProps {
  patient: PatientRecord;
  permissions: readonly Permission[];
  /** Opens the demographics form in place of the tabs. */
  onEdit: () => void;
  onOpenPatient: (id: string) => void;
  /** Switches this patient's panel to another tab (the chart opens the documents tab this way). */
  onOpenTab?: (id: string) => void;
}

/**
 * One tab of the patient context. Later issues add the chart, perio, notes,
 * ledger and documents here: an id, its label key, what it needs, a component.
 */
export interface PatientTabDefinition {
  id: string;
  label: (t: TFunction) => string;
  /** The permission the tab needs; main refuses the data anyway, this only keeps the tab away. */
  permission?: Permission;
  Component: ComponentType<PatientTabProps>;
}

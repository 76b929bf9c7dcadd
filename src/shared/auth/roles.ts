/**
 * Roles and what each may do. Main enforces these on every contract call; the
 * renderer only uses them to decide what to offer.
 */
export const ROLES = ['admin', 'dentist', 'hygienist', 'assistant', 'receptionist', 'billing'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.manage',
  'settings.manage',
  'audit.read',
  'patients.read',
  'patients.write',
  'medical.read',
  'clinical.read',
  'clinical.write',
  'schedule.read',
  'schedule.write',
  'billing.read',
  'billing.write',
  /** Exporting a patient's whole record and erasing one on request: the admin only (admin holds every permission). */
  'patients.dataRights',
  /** The practice's money reports (day sheet, production, aging): the manager's, not the chair's, unless granted. */
  'reports.read',
  // Writing prescriptions: dentists (and the admin) only. Hygienists and assistants chart, but do not prescribe.
  'prescriptions.write',
  // The consent templates are the legal text a patient signs: the dentists' and the admin's to change, not every chairside role's.
  'consent.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CLINICAL: Permission[] = ['medical.read', 'clinical.read', 'clinical.write'];
const FRONT_DESK: Permission[] = ['patients.read', 'patients.write', 'schedule.read', 'schedule.write'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  dentist: [...FRONT_DESK, ...CLINICAL, 'billing.read', 'prescriptions.write', 'consent.manage'],
  hygienist: [...FRONT_DESK, ...CLINICAL],
  // Assistants chart for the dentist, so they write clinical records too.
  assistant: [...FRONT_DESK, ...CLINICAL],
  // The front desk sees demographics, the schedule and the ledger, never clinical notes.
  receptionist: [...FRONT_DESK, 'billing.read', 'billing.write'],
  billing: ['patients.read', 'schedule.read', 'billing.read', 'billing.write', 'reports.read'],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Query keys of the admin panels, shared so a mutation invalidates exactly what it changed. */
export const USERS_KEY = ['users.list'] as const;
export const AUDIT_KEY = ['audit.list'] as const;

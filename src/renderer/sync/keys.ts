/** Query keys of sync, shared so an event or a mutation refreshes exactly what it changed. */
export const SYNC_STATUS_KEY = ['sync.status'] as const;
export const SYNC_DEVICES_KEY = ['sync.devices'] as const;
export const SYNC_CONFLICTS_KEY = ['sync.conflicts'] as const;

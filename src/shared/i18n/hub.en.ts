import type { hubEs } from './hub.es';

/** English strings for the office hub's command line. */
export const hubEn: typeof hubEs = {
  hubCli: {
    keyCreated: 'Created the hub key at {{path}}. Keep the passphrase: without it the hub cannot open.',
    listening: 'Office hub listening on:',
    fingerprint: 'Certificate fingerprint (compare it on each workstation when enrolling):',
    setupCode: 'Setup code for the first workstation: {{code}}',
    newSetupCode: 'Too many wrong attempts: new setup code: {{code}}',
    listeningPostgres: 'Hub on PostgreSQL (several practices, several hubs) listening on:',
    migrated: 'Migration verified: {{changes}} changes and {{devices}} workstations of practice {{practice}} are in PostgreSQL, identical.',
    stopping: 'Stopping the hub…',
  },
};

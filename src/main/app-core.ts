import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { CALL_NAMES, type CallResult } from '../shared/contract';
import type { EventName } from '../shared/contract/events';
import { IDLE_LOCK_MINUTES } from '../shared/contract/practice';
import { appHandlers } from './app/app-handlers';
import { auditHandlers } from './audit/audit-handlers';
import { authHandlers } from './auth/auth-handlers';
import { DatabaseBuckets, FileBucket } from './auth/attempt-buckets';
import { GuessingGuard, PASSPHRASE_KEY } from './auth/guessing-guard';
import { SessionRegistry } from './auth/sessions';
import { chairsideTouched } from './chairside/chairside-changes';
import { chairsideHandlers } from './chairside/chairside-handlers';
import { dataRightsHandlers } from './data-rights/data-rights-handlers';
import { billingHandlers } from './billing/billing-handlers';
import type { Handlers } from './contract/context';
import { createDispatcher } from './contract/dispatcher';
import { documentsTouched } from './documents/documents-changes';
import { documentsHandlers } from './documents/documents-handlers';
import { type ImportFolderOptions, ImportFolderWatcher } from './documents/import-folder';
import { practicePaths } from './db/data-dir';
import type { LockHolder } from './db/folder-lock';
import type { OsKeyProtector } from './db/keys';
import { EventHub } from './events/event-hub';
import { readPracticeRow } from './practice/practice-repository';
import { practiceHandlers } from './practice/practice-handlers';
import { PracticeVault } from './practice/practice-vault';
import { patientImportHandlers } from './patients/import/import-handlers';
import { patientsHandlers } from './patients/patients-handlers';
import { plansHandlers } from './plans/plans-handlers';
import { type ScheduleNotifier, scheduleHandlers } from './schedule/schedule-handlers';
import { patientsTouched } from './patients/patient-changes';
import { followMergesAfterSync } from './patients/patient-merge';
import { practiceInfo } from './patients/patients-service';
import { usersHandlers } from './users/users-handlers';
import { scheduleTouched } from './schedule/schedule-changes';
import { syncHandlers } from './sync/sync-handlers';
import { statementsHandlers } from './statements/statements-handlers';
import { StatementBatches } from './statements/statements-service';
import { reportsHandlers } from './reports/reports-handlers';
import { prescriptionsHandlers } from './prescriptions/prescriptions-handlers';
import { consentHandlers } from './consent/consent-handlers';
import { recallHandlers } from './recall/recall-handlers';
import { publicSyncStatus, SyncService } from './sync/sync-service';
import { loadOrCreateWorkstation } from './workstation/workstation';
import { practiceDisplayLocale, rememberDisplayLocale } from './practice/display-locale';

export type { OsKeyProtector } from './db/keys';

/** Tables whose arrival from another workstation may leave work on a merged duplicate. */
const MERGE_TABLES = new Set(['patients', 'appointments', 'waitlist', 'patient_merges']);

export interface AppCoreOptions {
  dataDir: string;
  osKeyProtector?: OsKeyProtector;
  /** Opens the database at start when given (non-interactive commands, tests). */
  passphrase?: string;
  workstationName?: string;
  /** Who holds the folder's lock while the database is open: named to a second opener. */
  lockHolder?: LockHolder;
  /** Shorter sync waits and retries (tests). */
  sync?: { waitMs?: number; maxBackoffMs?: number; pullBatch?: number };
  /** The clock that times waits after failed sign-ins (tests move it). */
  now?: () => number;
  /** How the watched import folder settles and polls (tests shorten both). */
  importFolder?: ImportFolderOptions;
}

export interface AppCore {
  dispatch(name: string, input: unknown, connectionId: string): Promise<CallResult<unknown>>;
  onEvent(connectionId: string, listener: (name: EventName, payload: unknown) => void): () => void;
  disconnect(connectionId: string): void;
  /**
   * Gives a connection a new id, keeping its session and its event listeners.
   * A transport whose connection id the client carries (the browser host's
   * cookie) calls this after sign-in and unlock, so an id seen before them
   * opens nothing after.
   */
  renewConnection(connectionId: string, newId: string): void;
  readonly vault: PracticeVault;
  readonly sync: SyncService;
  close(): Promise<void>;
}

/**
 * The composition root of main: everything a transport (Electron IPC or the
 * browser host) needs, with no knowledge of which transport it is.
 */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const workstation = loadOrCreateWorkstation(practicePaths(options.dataDir).workstation, options.workstationName);
  const vault = new PracticeVault(options.dataDir, workstation, options.osKeyProtector, options.lockHolder);
  const events = new EventHub();
  vault.onDamage = () => events.emitAll('database.damaged', {});
  const sync = new SyncService({
    vault,
    // A window before sign-in (the join screen) hears the join's progress only.
    onStatus: (status) => events.emitEach('sync.status', (connectionId) => (sessions.get(connectionId) ? status : publicSyncStatus(status))),
    ...options.sync,
  });
  const importFolder = new ImportFolderWatcher(options.importFolder);
  vault.onOpened = async (store) => {
    await sync.resume(store);
    await importFolder.start(store).catch((error: unknown) => console.error('documents: import folder not started', (error as Error).message));
  };
  vault.onClosing = async () => {
    await importFolder.stop();
    await sync.suspend();
  };
  vault.onCommit = (changes, origin) => {
    const patientIds = patientsTouched(changes);
    if (patientIds) events.emitAll('patients.changed', { ids: patientIds.slice(0, 1000) });
    const chairside = chairsideTouched(changes);
    if (chairside) events.emitAll('chairside.changed', chairside);
    const documents = documentsTouched(changes);
    if (documents) events.emitAll('documents.changed', documents);
    if (origin === 'local') sync.kick();
    else {
      // Local schedule writes announce themselves with their dates; another workstation's arrive here.
      if (scheduleTouched(changes)) events.emitAll('schedule.changed', { dates: [], all: true });
      if (changes.some((c) => MERGE_TABLES.has(c.table))) followMerges();
    }
  };
  // One follow-up at a time, after a burst of arrivals settles.
  let mergeFollowUp: Promise<unknown> = Promise.resolve();
  let mergeTimer: NodeJS.Timeout | null = null;
  const followMerges = () => {
    if (mergeTimer) return;
    mergeTimer = setTimeout(() => {
      mergeTimer = null;
      mergeFollowUp = mergeFollowUp
        .then(async () => {
          if (vault.state !== 'ready') return;
          const store = vault.store();
          await followMergesAfterSync(store, { userId: null, deviceId: store.deviceId }, await practiceInfo(store.db));
        })
        .catch((error: unknown) => console.error('patients: merge follow-up failed', (error as Error).message));
    }, 100);
  };

  let idleLockMs = IDLE_LOCK_MINUTES.default * 60_000;
  const refreshPracticeCache = async () => {
    if (vault.state !== 'ready') return;
    const practice = await readPracticeRow(vault.store().db);
    if (!practice) return;
    idleLockMs = practice.idle_lock_minutes * 60_000;
    rememberDisplayLocale(options.dataDir, practiceDisplayLocale(practice.language, practice.country));
  };

  const sessions = new SessionRegistry(
    () => idleLockMs,
    (connectionId, reason) => events.emit(connectionId, 'session.changed', { reason }),
  );
  sessions.startSweeping();

  if (options.passphrase !== undefined) await vault.open(options.passphrase);
  else await vault.tryOpenWithOsKey().catch(() => false);
  await refreshPracticeCache();

  const onScheduleChange: ScheduleNotifier = (change) => events.emitAll('schedule.changed', change);
  const guard = new GuessingGuard(options.now, {
    passphrase: new FileBucket(join(vault.paths.dataDir, 'unlock-attempts.json'), PASSPHRASE_KEY),
    signIn: () => (vault.state === 'ready' ? new DatabaseBuckets(vault.store().database.sqlite) : null),
  });
  // A batch of statements tells the window that started it how far it got.
  const statementBatches = new StatementBatches((connectionId, progress) => events.emit(connectionId, 'statements.batch', progress));
  const dispatch = createDispatcher(buildHandlers(vault, sessions, onScheduleChange, sync, guard, statementBatches, importFolder), sessions, vault);
  // Calls that open the database or change the practice's lock time or locale refresh the cached values.
  const refreshing = new Set(['app.setup', 'app.openDatabase', 'practice.update']);

  return {
    vault,
    sync,
    async dispatch(name, input, connectionId) {
      const result = await dispatch(name, input, connectionId);
      if (result.ok && refreshing.has(name)) await refreshPracticeCache();
      return result;
    },
    onEvent: (connectionId, listener) => events.subscribe(connectionId, listener),
    renewConnection(connectionId, newId) {
      sessions.rekey(connectionId, newId);
      events.rekey(connectionId, newId);
    },
    disconnect(connectionId) {
      sessions.end(connectionId);
      events.unsubscribeAll(connectionId);
    },
    async close() {
      if (mergeTimer) clearTimeout(mergeTimer);
      await mergeFollowUp;
      sessions.stop();
      await sync.close();
      await vault.close();
    },
  };
}

/** Every domain's handlers, merged into the one map the dispatcher serves. */
export function buildHandlers(
  vault: PracticeVault,
  sessions: SessionRegistry,
  onScheduleChange: ScheduleNotifier = () => {},
  sync: SyncService = new SyncService({ vault, onStatus: () => {} }),
  guard: GuessingGuard = new GuessingGuard(),
  statementBatches: StatementBatches = new StatementBatches(),
  importFolder: ImportFolderWatcher = new ImportFolderWatcher(),
): Handlers {
  return {
    ...appHandlers(vault, sessions, guard),
    ...authHandlers(sessions, guard),
    ...usersHandlers(sessions, guard),
    ...practiceHandlers(),
    ...auditHandlers(vault),
    ...patientsHandlers(),
    ...patientImportHandlers(),
    ...scheduleHandlers(onScheduleChange),
    ...chairsideHandlers(),
    ...syncHandlers(sync),
    ...dataRightsHandlers(),
    ...statementsHandlers(statementBatches),
    ...reportsHandlers(),
    ...plansHandlers(),
    ...documentsHandlers(importFolder),
    ...billingHandlers(),
    ...prescriptionsHandlers(),
    ...consentHandlers(),
    ...recallHandlers(),
  };
}

/** Every contract entry must have a handler; the type says so, and a test checks it at run time. */
export function missingHandlers(handlers: Partial<Handlers>): string[] {
  return CALL_NAMES.filter((name) => typeof handlers[name] !== 'function');
}

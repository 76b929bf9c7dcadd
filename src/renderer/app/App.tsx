import { useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { DatabaseLockedScreen } from '../lock/DatabaseLockedScreen';
import { LockScreen } from '../lock/LockScreen';
import { PATIENTS_KEY } from '../patients/keys';
import { invalidateSchedule } from '../schedule/keys';
import type { SyncStatus } from '../../shared/contract/sync';
import { SetupScreen } from '../setup/SetupScreen';
import { SYNC_CONFLICTS_KEY, SYNC_STATUS_KEY } from '../sync/keys';
import { SignInScreen } from '../signin/SignInScreen';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { Icon } from '../ui/Icon';
import { Spinner } from '../ui/Spinner';
import { useTransport } from './client';
import { useLanguageFromStatus } from './language';
import { STATUS_KEY, clearUserData } from './query';
import { useAppStatusQuery } from './status';

// A separate chunk: the screens before sign-in need none of the panels, so the first paint stays small.
const loadWorkspace = () => import('../workspace/Workspace');
const Workspace = lazy(() => loadWorkspace().then((m) => ({ default: m.Workspace })));

/** Main pushes changes made elsewhere (idle lock, sign-out, a damaged file closed, data changed in another window). */
function useContractEvents() {
  const transport = useTransport();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.name === 'session.changed' || event.name === 'database.damaged') void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
        // Another workstation (or another window here) changed patients: what is on screen refetches.
        if (event.name === 'patients.changed') void queryClient.invalidateQueries({ queryKey: PATIENTS_KEY });
        // The schedule changed here or elsewhere: the days it touched (and the lists) refetch.
        if (event.name === 'schedule.changed') void invalidateSchedule(queryClient, event.payload);
        // Documents changed here or elsewhere: the lists (and the unfiled inbox) refetch.
        if (event.name === 'documents.changed') void queryClient.invalidateQueries({ queryKey: ['documents'] });
        if (event.name === 'sync.status') {
          const previous = queryClient.getQueryData<SyncStatus>(SYNC_STATUS_KEY);
          queryClient.setQueryData(SYNC_STATUS_KEY, event.payload);
          if (previous?.openConflicts !== event.payload.openConflicts) void queryClient.invalidateQueries({ queryKey: SYNC_CONFLICTS_KEY });
          // A join that finished has made the practice: the screen moves on to sign-in.
          if (event.payload.join?.phase === 'done' && previous?.join?.phase !== 'done') void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
        }
      }),
    [transport, queryClient],
  );
}

/** Drops cached data whenever the signed-in person changes, so nothing leaks to the next user. */
function useForgetOnUserChange(userId: string | null) {
  const queryClient = useQueryClient();
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current !== userId) clearUserData(queryClient);
    previous.current = userId;
  }, [userId, queryClient]);
}

/** Decides the whole screen from app.status: setup, database passphrase, sign-in, lock or workspace. */
export function App() {
  // Subscribed so every screen re-renders when the language changes.
  useTranslation();
  const status = useAppStatusQuery();
  const data = status.data;
  useLanguageFromStatus(data);
  useContractEvents();
  useForgetOnUserChange(data?.session?.user.id ?? null);
  // Fetched while someone types their password, so signing in does not wait for it.
  const ready = data?.state === 'ready';
  useEffect(() => {
    if (ready) void loadWorkspace();
  }, [ready]);

  if (!data) {
    return <Splash error={status.isError ? status.error : null} retrying={status.isFetching} onRetry={() => void status.refetch()} />;
  }

  const practiceName = data.practice?.name ?? '';
  if (data.state === 'setup') return <SetupScreen osKeyProtection={data.osKeyProtection} />;
  if (data.state === 'database-locked') return <DatabaseLockedScreen practiceName={data.practice?.name ?? null} problem={data.problem} />;
  if (!data.session) return <SignInScreen practiceName={practiceName} />;
  if (data.session.locked) return <LockScreen session={data.session} practiceName={practiceName} />;
  if (!data.practice) return null;
  return (
    <Suspense fallback={<Splash error={null} retrying={false} onRetry={() => undefined} />}>
      <Workspace key={data.session.user.id} session={data.session} practice={data.practice} workstationName={data.workstation.name} />
    </Suspense>
  );
}

/** The first paint, while app.status is on its way, and the only screen left if main cannot be reached. */
function Splash({ error, retrying, onRetry }: { error: unknown; retrying: boolean; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="splash">
      <span className="brand-mark brand-mark-lg">
        <Icon name="tooth" size={28} />
      </span>
      {error ? (
        <div className="splash-error">
          <Alert tone="error" title={t('startup.failed')}>
            {errorMessage(error)}
          </Alert>
          <Button variant="primary" onClick={onRetry} busy={retrying}>
            {t('common.retry')}
          </Button>
        </div>
      ) : (
        <p className="splash-text" role="status">
          <Spinner />
          {t('startup.loading')}
        </p>
      )}
    </div>
  );
}

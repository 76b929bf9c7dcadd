import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallOutput } from '../../shared/contract';
import type { SessionInfo } from '../../shared/contract/app';
import { useClient } from './client';
import { STATUS_KEY } from './query';

export type AppStatus = CallOutput<'app.status'>;

export function useAppStatusQuery() {
  const client = useClient();
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => client['app.status']({}),
    // The screen depends on it, so never serve a stale one when asked again.
    staleTime: 0,
  });
}

/** For components that App renders only once the status has loaded. */
export function useAppStatus(): AppStatus {
  const { data } = useAppStatusQuery();
  if (!data) throw new Error('useAppStatus before app.status loaded');
  return data;
}

/**
 * Shows a session returned by a call at once, then confirms it with main, so a
 * screen change never waits on a second round trip but also never guesses.
 */
export function useApplySession() {
  const queryClient = useQueryClient();
  return async (session: SessionInfo | null) => {
    queryClient.setQueryData<AppStatus>(STATUS_KEY, (status) => status && { ...status, session });
    await queryClient.invalidateQueries({ queryKey: STATUS_KEY });
  };
}

export function useRefreshStatus() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: STATUS_KEY });
}

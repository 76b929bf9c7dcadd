import { useQuery } from '@tanstack/react-query';
import type { SyncStatus } from '../../shared/contract/sync';
import { useClient } from '../app/client';
import { SYNC_STATUS_KEY } from './keys';

/**
 * Sync's state as the indicator and the panel show it. Main pushes every
 * change as a `sync.status` event (App puts it in this query), so this only
 * fetches once and when the event stream was away.
 */
export function useSyncStatus(signedIn = true) {
  const client = useClient();
  return useQuery<SyncStatus>({
    queryKey: SYNC_STATUS_KEY,
    queryFn: () => (signedIn ? client['sync.status']({}) : client['sync.joinStatus']({})),
    staleTime: 10_000,
    refetchInterval: 30_000,
  });
}

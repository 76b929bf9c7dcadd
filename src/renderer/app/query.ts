import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { AppError } from '../../shared/contract';

export const STATUS_KEY = ['app.status'] as const;

/**
 * Codes meaning the app's state moved under us (main locked the session, the
 * user was signed out elsewhere): the screen is decided by app.status, so refetch it.
 */
const STATE_CHANGING = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED', 'DATABASE_CLOSED', 'NOT_SET_UP']);

function isTransient(error: unknown): boolean {
  return error instanceof AppError && error.value.messageKey === 'errors.NETWORK';
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => onCallError(error, query.queryKey) }),
    mutationCache: new MutationCache({ onError: (error) => onCallError(error, []) }),
    defaultOptions: {
      queries: {
        // Permission and validation errors will not change on retry; only the network might.
        retry: (count, error) => isTransient(error) && count < 2,
        staleTime: 30_000,
        // Every read of patient data is audited in main, so a refetch must mean someone looked:
        // coming back to the window is not a new view. Changes elsewhere arrive as contract events.
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });

  function onCallError(error: unknown, key: readonly unknown[]) {
    if (key[0] === STATUS_KEY[0]) return;
    if (error instanceof AppError && STATE_CHANGING.has(error.code)) {
      void client.invalidateQueries({ queryKey: STATUS_KEY });
    }
  }

  return client;
}

/** Forgets everything but app.status, so the next user never sees the last one's data. */
export function clearUserData(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== STATUS_KEY[0] });
}

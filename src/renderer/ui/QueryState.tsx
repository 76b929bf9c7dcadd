import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PERMISSIONS } from '../../shared/auth/roles';
import type { Permission } from '../../shared/auth/roles';
import { useAppStatus } from '../app/status';
import { Alert } from './Alert';
import { Button } from './Button';
import { errorMessage, toAppError } from './errors';
import { Spinner } from './Spinner';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      <Spinner />
      {t('common.loading')}
    </div>
  );
}

/**
 * A refused or failed call, said plainly. A refusal names what the role lacks
 * and who can grant it, because the palette offers panels a role cannot open.
 */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = useAppStatus();
  const value = toAppError(error).value;
  const permission = value.params?.permission;
  const known = typeof permission === 'string' && (PERMISSIONS as readonly string[]).includes(permission);
  const role = status.session?.user.role;
  return (
    <Alert tone="error" title={errorMessage(error)}>
      {value.code === 'FORBIDDEN' && known && role ? (
        <p>{t('errors.forbiddenExplain', { role: t(`roles.${role}`), permission: t(`permissions.${permission as Permission}`) })}</p>
      ) : null}
      {onRetry && value.code !== 'FORBIDDEN' ? (
        <Button size="sm" onClick={onRetry} className="alert-action">
          {t('common.retry')}
        </Button>
      ) : null}
    </Alert>
  );
}

/** Loading, error or data: the three states every panel query has, shown the same way everywhere. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

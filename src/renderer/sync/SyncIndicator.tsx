import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../shared/contract/sync';
import { Icon, type IconName } from '../ui/Icon';
import { useSyncStatus } from './useSyncStatus';

const ICONS: Record<SyncStatus['state'], IconName> = {
  standalone: 'computer',
  online: 'check',
  offline: 'alert',
  syncing: 'sync',
  revoked: 'lock',
  joining: 'sync',
};

/** What the indicator says: the state, and how many changes wait when there are any. */
export function useSyncSummary(status: SyncStatus | undefined): string {
  const { t } = useTranslation();
  if (!status) return '';
  const state = t(`sync.state.${status.state}`);
  return status.pending > 0 && status.state !== 'standalone' ? `${state} · ${t('sync.pending', { count: status.pending })}` : state;
}

/** Always in the top bar: online, offline or syncing N pending; opens the sync panel. */
export function SyncIndicator({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const { data: status } = useSyncStatus();
  const summary = useSyncSummary(status);
  if (!status) return null;
  // Short on screen (the top bar is crowded); the full sentence is the name, which starts with the same words.
  const short = status.pending > 0 && status.state !== 'standalone' ? `${t(`sync.state.${status.state}`)} · ${status.pending}` : t(`sync.state.${status.state}`);
  const progress = status.progress;
  return (
    <div className="sync-indicator-wrap">
      <button
        type="button"
        className={`sync-indicator sync-indicator-${status.state}`}
        onClick={onOpen}
        aria-label={t('sync.indicatorLabel', { state: summary })}
        title={summary}
      >
        <Icon name={ICONS[status.state]} size={16} />
        <span className="sync-indicator-text">{short}</span>
      </button>
      {/* Polite: a drain or a reconnect is news, not an interruption. */}
      <span className="sr-only" role="status">
        {summary}
      </span>
      {progress ? (
        <progress
          className="sync-indicator-progress"
          max={progress.total}
          value={progress.done}
          aria-label={t(`sync.progress.${progress.direction}`, { done: progress.done, total: progress.total })}
        />
      ) : null}
    </div>
  );
}

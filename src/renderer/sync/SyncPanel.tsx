import { useTranslation } from 'react-i18next';
import { translateKey } from '../app/i18n';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { useInstantParts } from '../ui/format';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { ConflictsSection } from './ConflictsSection';
import { DevicesSection } from './DevicesSection';
import { HubSetupSection } from './HubSetupSection';
import { PairingSection } from './PairingSection';
import { useSyncSummary } from './SyncIndicator';
import { useSyncStatus } from './useSyncStatus';

/** The sync panel: the state and the last sync, connecting the practice, its computers, and the conflicts to review. */
export function SyncPanel() {
  const { t } = useTranslation();
  const app = useAppStatus();
  const { data: status } = useSyncStatus();
  const summary = useSyncSummary(status);
  const permissions = app.session?.permissions ?? [];
  const can = (permission: (typeof permissions)[number]) => permissions.includes(permission);
  const formatAt = useInstantParts();
  const at = (iso: string | null) => {
    if (!iso) return t('sync.status.never');
    const f = formatAt(iso);
    return `${f.date} ${f.time}`;
  };
  const connected = Boolean(status?.hub);

  return (
    <PanelFrame title={t('panels.sync.title')} icon="sync" description={t('panels.sync.description')}>
      {status ? (
        <Section title={t('sync.status.title')}>
          <dl className="sync-facts">
            <div>
              <dt>{t('sync.status.title')}</dt>
              <dd className={`sync-state sync-state-${status.state}`}>{summary}</dd>
            </div>
            <div>
              <dt>{t('sync.status.lastSync')}</dt>
              <dd>{at(status.lastSyncAt)}</dd>
            </div>
            <div>
              <dt>{t('sync.status.pending')}</dt>
              <dd>{status.pending}</dd>
            </div>
            {status.hub ? (
              <>
                <div>
                  <dt>{t('sync.status.hub')}</dt>
                  <dd>
                    {status.hub.servedHere ? t('sync.status.servedHere') : status.hub.address}
                  </dd>
                </div>
                <div>
                  <dt>{t('sync.status.fingerprint')}</dt>
                  <dd className="mono sync-fingerprint">{status.hub.fingerprint}</dd>
                </div>
              </>
            ) : null}
          </dl>
          {status.progress ? (
            <div className="sync-progress">
              <progress max={status.progress.total} value={status.progress.done} aria-label={t(`sync.progress.${status.progress.direction}`, status.progress)} />
              <span>{t(`sync.progress.${status.progress.direction}`, status.progress)}</span>
            </div>
          ) : null}
          {status.problem ? <Alert tone={status.state === 'revoked' ? 'error' : 'warning'}>{translateKey(status.problem.messageKey, status.problem.params)}</Alert> : null}
          {status.parked > 0 ? <Alert tone="info">{t('sync.status.parked', { count: status.parked })}</Alert> : null}
          {status.refused > 0 ? <Alert tone="warning">{t('sync.status.refused', { count: status.refused })}</Alert> : null}
          {status.state === 'standalone' ? <p className="section-description">{t('sync.status.standaloneIntro')}</p> : null}
        </Section>
      ) : null}

      {status && !connected && can('settings.manage') ? <HubSetupSection /> : null}
      {connected && can('users.manage') && status?.state !== 'revoked' ? <PairingSection /> : null}
      {connected && can('settings.manage') ? <DevicesSection /> : null}
      <ConflictsSection />
    </PanelFrame>
  );
}

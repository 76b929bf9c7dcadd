import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { useInstantParts } from '../ui/format';
import { Section } from '../ui/PanelFrame';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { SYNC_DEVICES_KEY } from './keys';

/** The practice's computers as the hub knows them; an admin revokes a lost or retired one here. */
export function DevicesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const formatAt = useInstantParts();
  const at = (iso: string | null) => (iso ? `${formatAt(iso).date} ${formatAt(iso).time}` : '—');
  const devices = useQuery({ queryKey: SYNC_DEVICES_KEY, queryFn: () => client['sync.devices']({}), refetchInterval: 15_000 });
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (deviceId: string) => client['sync.revokeDevice']({ deviceId }),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: SYNC_DEVICES_KEY });
    },
  });

  return (
    <Section title={t('sync.devices.title')}>
      {devices.isPending ? (
        <Loading />
      ) : devices.isError ? (
        <ErrorNotice error={devices.error} onRetry={() => void devices.refetch()} />
      ) : devices.data.length === 0 ? (
        <p className="section-description">{t('sync.devices.none')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table table-dense">
            <caption className="sr-only">{t('sync.devices.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sync.devices.name')}</th>
                <th scope="col">{t('sync.devices.enrolled')}</th>
                <th scope="col">{t('sync.devices.lastSeen')}</th>
                <th scope="col">{t('sync.devices.behind')}</th>
                <th scope="col">
                  <span className="sr-only">{t('sync.devices.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {devices.data.map((device) => (
                <tr key={device.deviceId} className={device.revokedAt ? 'row-muted' : undefined}>
                  <td>
                    {device.name}
                    {device.thisDevice ? <span className="cell-sub">{t('sync.devices.thisDevice')}</span> : null}
                    {device.revokedAt ? <span className="cell-sub">{t('sync.devices.revoked')}</span> : null}
                  </td>
                  <td className="nowrap">{at(device.enrolledAt)}</td>
                  <td className="nowrap">{at(device.lastSeenAt)}</td>
                  <td>{t('sync.devices.behindValue', { count: device.behind })}</td>
                  <td className="nowrap">
                    {device.thisDevice || device.revokedAt ? null : confirming === device.deviceId ? (
                      <div className="confirm-inline" role="group" aria-label={t('sync.devices.revokeLabel', { name: device.name })}>
                        <p>{t('sync.devices.revokeConfirm', { name: device.name })}</p>
                        <Button variant="danger" size="sm" onClick={() => revoke.mutate(device.deviceId)} busy={revoke.isPending}>
                          {t('sync.devices.revoke')}
                        </Button>
                        <Button variant="ghost" size="sm" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </Button>
                      </div>
                    ) : (
                      <Button variant="ghost" size="sm" aria-label={t('sync.devices.revokeLabel', { name: device.name })} onClick={() => setConfirming(device.deviceId)}>
                        {t('sync.devices.revoke')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoke.error ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
    </Section>
  );
}

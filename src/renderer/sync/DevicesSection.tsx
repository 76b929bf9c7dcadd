import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { useInstantParts } from '../ui/format';
import { Section } from '../ui/PanelFrame';
import { ErrorNotice, Loading } from '../ui/QueryState';
import { SYNC_DEVICES_KEY } from './keys';

const revokeButtonId = (deviceId: string) => `revoke-device-${deviceId}`;

/** The practice's computers as the hub knows them; an admin revokes a lost or retired one here. */
export function DevicesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const formatAt = useInstantParts();
  // The date over its time: the table fits the side panel without hiding its last columns.
  const at = (iso: string | null) => {
    if (!iso) return '—';
    const parts = formatAt(iso);
    return (
      <span className="nowrap">
        {parts.date}
        <span className="cell-sub">{parts.time}</span>
      </span>
    );
  };
  const devices = useQuery({ queryKey: SYNC_DEVICES_KEY, queryFn: () => client['sync.devices']({}), refetchInterval: 15_000 });
  const [confirming, setConfirming] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: (deviceId: string) => client['sync.revokeDevice']({ deviceId }),
    onSuccess: () => {
      setConfirming(null);
      void queryClient.invalidateQueries({ queryKey: SYNC_DEVICES_KEY });
    },
  });

  const cancel = (deviceId: string) => {
    setConfirming(null);
    requestAnimationFrame(() => document.getElementById(revokeButtonId(deviceId))?.focus());
  };

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
              </tr>
            </thead>
            <tbody>
              {devices.data.map((device) => (
                <Fragment key={device.deviceId}>
                  <tr className={device.revokedAt ? 'row-muted' : undefined}>
                    <td>
                      {device.name}
                      {device.thisDevice ? <span className="cell-sub">{t('sync.devices.thisDevice')}</span> : null}
                      {device.revokedAt ? <span className="cell-sub">{t('sync.devices.revoked')}</span> : null}
                      {/* Under the name rather than in a column of its own: four columns fit the side panel. */}
                      {device.thisDevice || device.revokedAt || confirming === device.deviceId ? null : (
                        <div>
                          <Button
                            id={revokeButtonId(device.deviceId)}
                            variant="ghost"
                            size="sm"
                            aria-label={t('sync.devices.revokeLabel', { name: device.name })}
                            onClick={() => setConfirming(device.deviceId)}
                          >
                            {t('sync.devices.revoke')}
                          </Button>
                        </div>
                      )}
                    </td>
                    <td>{at(device.enrolledAt)}</td>
                    <td>{at(device.lastSeenAt)}</td>
                    <td>{t('sync.devices.behindValue', { count: device.behind })}</td>
                  </tr>
                  {confirming === device.deviceId ? (
                    <tr>
                      <td colSpan={4}>
                        <div className="confirm-inline" role="group" aria-label={t('sync.devices.revokeLabel', { name: device.name })}>
                          <p>{t('sync.devices.revokeConfirm', { name: device.name })}</p>
                          {/* The keyboard follows the question, and goes back to the button when it is cancelled. */}
                          <Button variant="danger" size="sm" autoFocus onClick={() => revoke.mutate(device.deviceId)} busy={revoke.isPending}>
                            {t('sync.devices.revoke')}
                          </Button>
                          <Button variant="ghost" size="sm" onClick={() => cancel(device.deviceId)}>
                            {t('common.cancel')}
                          </Button>
                        </div>
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoke.error ? <Alert tone="error">{errorMessage(revoke.error)}</Alert> : null}
    </Section>
  );
}

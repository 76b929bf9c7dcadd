import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { errorMessage } from '../ui/errors';
import { useInstantParts } from '../ui/format';
import { Section } from '../ui/PanelFrame';

/** A one-time code for a new computer, shown large enough to read out across the desk. */
export function PairingSection() {
  const { t } = useTranslation();
  const client = useClient();
  const create = useMutation({ mutationFn: () => client['sync.createPairing']({}) });
  const formatAt = useInstantParts();
  return (
    <Section title={t('sync.pairing.title')} description={t('sync.pairing.intro')}>
      {create.data ? (
        <div className="pairing-card" aria-live="polite">
          <dl className="sync-facts">
            <div>
              <dt>{t('sync.pairing.code')}</dt>
              <dd className="pairing-code mono">{create.data.code}</dd>
            </div>
            <div>
              <dt>{t('sync.pairing.address')}</dt>
              <dd className="mono">{create.data.hubAddress}</dd>
            </div>
            <div>
              <dt>{t('sync.pairing.fingerprint')}</dt>
              <dd className="mono sync-fingerprint">{create.data.fingerprint}</dd>
            </div>
          </dl>
          <p className="section-description">
            {t('sync.pairing.expires', { time: formatAt(create.data.expiresAt).time })} {t('sync.pairing.keepOpen')}
          </p>
        </div>
      ) : null}
      {create.error ? <Alert tone="error">{errorMessage(create.error)}</Alert> : null}
      <Button icon="userPlus" onClick={() => create.mutate()} busy={create.isPending}>
        {t('sync.pairing.create')}
      </Button>
    </Section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';
import { Section } from '../ui/PanelFrame';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

const DEFAULT_PORT = 7443;

/** Either this PC serves the office (the hub in the app), or the practice connects to a headless hub. */
export function HubSetupSection() {
  const { t } = useTranslation();
  const client = useClient();
  const [port, setPort] = useState(String(DEFAULT_PORT));
  const [address, setAddress] = useState('');
  const [setupCode, setSetupCode] = useState('');

  const become = useMutation({ mutationFn: () => client['sync.becomeHub']({ port: Number(port) }) });
  const connect = useMutation({ mutationFn: () => client['sync.connectHub']({ address, setupCode }) });

  const becomeErrors = fieldErrors(become.error);
  const connectErrors = fieldErrors(connect.error);
  const onBecome = (event: FormEvent) => {
    event.preventDefault();
    if (!become.isPending) become.mutate();
  };
  const onConnect = (event: FormEvent) => {
    event.preventDefault();
    if (!connect.isPending) connect.mutate();
  };

  return (
    <Section title={t('sync.hubSetup.title')}>
      <form className="sync-form" onSubmit={onBecome} noValidate aria-label={t('sync.hubSetup.becomeTitle')}>
        <h4 className="subsection-title">{t('sync.hubSetup.becomeTitle')}</h4>
        <p className="section-description">{t('sync.hubSetup.becomeIntro')}</p>
        <Field label={t('sync.hubSetup.port')} hint={t('sync.hubSetup.portHint')} error={becomeErrors.port}>
          {(control) => (
            <input {...control} className="input input-narrow" inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value.replace(/\D/g, '').slice(0, 5))} />
          )}
        </Field>
        {become.error && !becomeErrors.port ? <Alert tone="error">{errorMessage(become.error)}</Alert> : null}
        {become.data ? (
          <Alert tone="success" title={t('sync.hubSetup.becameTitle')}>
            {t('sync.hubSetup.addresses')}: {become.data.addresses.join(', ')}
          </Alert>
        ) : null}
        <Button type="submit" variant="primary" icon="sync" busy={become.isPending}>
          {t('sync.hubSetup.become')}
        </Button>
      </form>

      <form className="sync-form" onSubmit={onConnect} noValidate aria-label={t('sync.hubSetup.connectTitle')}>
        <h4 className="subsection-title">{t('sync.hubSetup.connectTitle')}</h4>
        <p className="section-description">{t('sync.hubSetup.connectIntro')}</p>
        <div className="form-grid">
          <Field label={t('sync.hubSetup.address')} hint={t('sync.hubSetup.addressHint')} error={connectErrors.address}>
            {(control) => <input maxLength={maxLengthAt(contract['sync.connectHub'].input, 'address')} {...control} className="input" spellCheck={false} autoComplete="off" value={address} onChange={(e) => setAddress(e.target.value)} />}
          </Field>
          <Field label={t('sync.hubSetup.setupCode')} error={connectErrors.setupCode}>
            {(control) => (
              <input maxLength={maxLengthAt(contract['sync.connectHub'].input, 'setupCode')} {...control} className="input mono" spellCheck={false} autoComplete="off" value={setupCode} onChange={(e) => setSetupCode(e.target.value.toUpperCase())} />
            )}
          </Field>
        </div>
        {connect.error && !connectErrors.address && !connectErrors.setupCode ? <Alert tone="error">{errorMessage(connect.error)}</Alert> : null}
        {connect.data ? <Alert tone="success">{t('sync.hubSetup.connected', { fingerprint: connect.data.fingerprint })}</Alert> : null}
        <Button type="submit" busy={connect.isPending}>
          {t('sync.hubSetup.connect')}
        </Button>
      </form>
    </Section>
  );
}

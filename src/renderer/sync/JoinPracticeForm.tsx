import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { translateKey } from '../app/i18n';
import { useAppStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors, formError } from '../ui/errors';
import { Spinner } from '../ui/Spinner';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';
import { useSyncStatus } from './useSyncStatus';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

const SHOWN = ['address', 'code', 'deviceName', 'passphrase', 'passphraseConfirm'];

/**
 * A new computer joins a practice that already runs elsewhere: the hub's
 * address and the one-time code an admin created there. The practice then
 * arrives over the network, and the usual users sign in.
 */
export function JoinPracticeForm() {
  const { t } = useTranslation();
  const client = useClient();
  const app = useAppStatus();
  const formRef = useRef<HTMLFormElement>(null);
  const { data: status } = useSyncStatus(false);
  const [address, setAddress] = useState('');
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState(app.workstation.name);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseConfirm, setPassphraseConfirm] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const join = useMutation({ mutationFn: () => client['sync.join']({ address, code, deviceName, passphrase }) });

  const errors: Record<string, string> = { ...fieldErrors(join.error), ...(mismatch ? { passphraseConfirm: mismatch } : {}) };
  const topError = formError(join.error, SHOWN);
  useFocusFirstInvalid(formRef, mismatch ?? join.error);

  const phase = status?.join?.phase ?? null;
  const running = join.isPending || (join.isSuccess && phase !== 'failed' && phase !== 'done');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    if (passphrase !== passphraseConfirm) {
      setMismatch(t('setup.passphraseMismatch'));
      return;
    }
    setMismatch(null);
    join.mutate();
  };

  const text = (label: string, value: string, set: (v: string) => void, name: string, props: { hint?: string; type?: string; mono?: boolean } = {}) => (
    <Field label={label} hint={props.hint} error={errors[name]}>
      {(control) => (
        <input maxLength={maxLengthAt(contract['sync.join'].input, name === 'passphraseConfirm' ? 'passphrase' : name)}
          {...control}
          className={props.mono ? 'input mono' : 'input'}
          type={props.type ?? 'text'}
          autoComplete={props.type === 'password' ? 'new-password' : 'off'}
          spellCheck={false}
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} className="setup-form" onSubmit={onSubmit} noValidate aria-label={t('sync.join.title')}>
      <section className="form-section">
        <p className="form-section-intro join-intro">{t('sync.join.intro')}</p>
        <div className="form-grid">
          {text(t('sync.join.address'), address, setAddress, 'address', { hint: t('sync.join.addressHint') })}
          {text(t('sync.join.code'), code, (v) => setCode(v.toUpperCase()), 'code', { hint: t('sync.join.codeHint'), mono: true })}
          {text(t('sync.join.deviceName'), deviceName, setDeviceName, 'deviceName', { hint: t('sync.join.deviceNameHint') })}
          <span aria-hidden="true" />
          {text(t('sync.join.passphrase'), passphrase, setPassphrase, 'passphrase', { hint: t('sync.join.passphraseHint'), type: 'password' })}
          {text(t('sync.join.passphraseConfirm'), passphraseConfirm, setPassphraseConfirm, 'passphraseConfirm', { type: 'password' })}
        </div>
        <Alert tone="warning" title={t('setup.passphraseWarningTitle')}>
          {t('setup.passphraseWarning')}
        </Alert>
      </section>

      {join.isSuccess && phase ? (
        <div className="join-progress" role="status">
          {phase !== 'failed' && phase !== 'done' ? <Spinner /> : null}
          <span>{t(`sync.join.phase.${phase}`)}</span>
          {status?.progress ? (
            <progress max={status.progress.total} value={status.progress.done} aria-label={t(`sync.progress.${status.progress.direction}`, status.progress)} />
          ) : null}
        </div>
      ) : null}
      {phase === 'failed' && status?.join?.messageKey ? <Alert tone="error">{translateKey(status.join.messageKey)}</Alert> : null}
      {topError ? <Alert tone="error">{topError}</Alert> : null}

      <div className="form-actions">
        <Button type="submit" variant="primary" busy={running}>
          {t('sync.join.submit')}
        </Button>
      </div>
    </form>
  );
}

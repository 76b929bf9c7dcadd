import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../shared/contract/app';
import { useClient } from '../app/client';
import { useApplySession } from '../app/status';
import { Alert } from '../ui/Alert';
import { AuthFrame } from '../ui/AuthFrame';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { Icon } from '../ui/Icon';
import { errorMessage } from '../ui/errors';

/**
 * The session is kept but hidden: chairside screens are shared, so only the
 * same user's password brings the workspace back. Anyone else signs the
 * session out and signs in as themselves.
 */
export function LockScreen({ session, practiceName }: { session: SessionInfo; practiceName: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const applySession = useApplySession();
  const passwordRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const unlock = useMutation({
    mutationFn: () => client['auth.unlock']({ password }),
    onSuccess: (next) => applySession(next),
  });
  const signOut = useMutation({
    mutationFn: () => client['auth.signOut']({}),
    onSuccess: () => applySession(null),
  });

  useEffect(() => {
    if (!unlock.error) return;
    setPassword('');
    passwordRef.current?.focus();
  }, [unlock.error]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (unlock.isPending) return;
    setMissing(!password);
    if (!password) return passwordRef.current?.focus();
    unlock.mutate();
  };

  const error = unlock.error ?? signOut.error;

  return (
    <AuthFrame title={t('lock.title')} subtitle={practiceName} languageSwitch={false}>
      <div className="lock-user">
        <span className="avatar avatar-lg" aria-hidden="true">
          <Icon name="lock" size={22} />
        </span>
        <div>
          <p className="lock-user-name">{session.user.displayName}</p>
          <p className="muted">
            {t(`roles.${session.user.role}`)} · {session.user.username}
          </p>
        </div>
      </div>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <p className="muted">{t('lock.intro', { name: session.user.displayName })}</p>
        {/* Lets password managers match the account; hidden inputs are not exposed to assistive tech. */}
        <input type="text" hidden readOnly autoComplete="username" value={session.user.username} />
        <Field label={t('lock.password')} error={missing ? t('validation.required') : undefined}>
          {(control) => (
            <input
              {...control}
              ref={passwordRef}
              className="input"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
        {error && !missing ? <Alert tone="error">{errorMessage(error)}</Alert> : null}
        <Button type="submit" variant="primary" icon="lock" busy={unlock.isPending || unlock.isSuccess} className="btn-block">
          {t('lock.unlock')}
        </Button>
        <p className="divider">
          <span>{t('lock.notYou', { name: session.user.displayName })}</span>
        </p>
        <Button variant="secondary" icon="signOut" busy={signOut.isPending} className="btn-block" onClick={() => signOut.mutate()}>
          {t('lock.switchUser')}
        </Button>
      </form>
    </AuthFrame>
  );
}

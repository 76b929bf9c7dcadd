import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../app/client';
import { useApplySession } from '../app/status';
import { Alert } from '../ui/Alert';
import { AuthFrame } from '../ui/AuthFrame';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';

export function SignInScreen({ practiceName }: { practiceName: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const applySession = useApplySession();
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<'username' | 'password' | null>(null);

  const signIn = useMutation({
    mutationFn: () => client['auth.signIn']({ username, password }),
    onSuccess: (session) => applySession(session),
  });

  // Wrong credentials: keep the username, clear the password and start over there.
  useEffect(() => {
    if (!signIn.error) return;
    setPassword('');
    passwordRef.current?.focus();
  }, [signIn.error]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const empty = !username.trim() ? 'username' : !password ? 'password' : null;
    setMissing(empty);
    if (empty === 'username') return usernameRef.current?.focus();
    if (empty === 'password') return passwordRef.current?.focus();
    signIn.mutate();
  };

  // A malformed username is a VALIDATION error on `username`; say so in the same sentence as a wrong one.
  const invalidUsername = fieldErrors(signIn.error).username;

  return (
    <AuthFrame title={t('signIn.title')} subtitle={practiceName}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <Field label={t('signIn.username')} error={missing === 'username' ? t('validation.required') : undefined}>
          {(control) => (
            <input
              {...control}
              ref={usernameRef}
              className="input"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
                setMissing(null);
              }}
            />
          )}
        </Field>
        <Field label={t('signIn.password')} error={missing === 'password' ? t('validation.required') : undefined}>
          {(control) => (
            <input
              {...control}
              ref={passwordRef}
              className="input"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setMissing(null);
              }}
            />
          )}
        </Field>
        {signIn.error && !missing ? <Alert tone="error">{invalidUsername ? t('errors.WRONG_PASSWORD') : errorMessage(signIn.error)}</Alert> : null}
        <Button type="submit" variant="primary" busy={signIn.isPending || signIn.isSuccess} className="btn-block">
          {t('signIn.submit')}
        </Button>
      </form>
    </AuthFrame>
  );
}

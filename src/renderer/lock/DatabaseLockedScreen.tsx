import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AppError, type AppErrorValue } from '../../shared/contract/errors';
import { useClient } from '../app/client';
import { useRefreshStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { AuthFrame } from '../ui/AuthFrame';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, toAppError } from '../ui/errors';

/** Codes after which typing the passphrase again cannot help; the field is then not the problem. */
const NOT_THE_PASSPHRASE = new Set(['DATABASE_NEWER', 'DATABASE_CORRUPT', 'KEY_UNAVAILABLE']);

/** The practice database exists but its key is wrapped by a passphrase nobody has typed yet. */
export function DatabaseLockedScreen({ practiceName, problem }: { practiceName: string | null; problem: AppErrorValue | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const refreshStatus = useRefreshStatus();
  const inputRef = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [missing, setMissing] = useState(false);

  const open = useMutation({
    mutationFn: () => client['app.openDatabase']({ passphrase }),
    onSuccess: () => refreshStatus(),
  });

  // A damage found after an earlier open is as final as one found by this attempt.
  const failure = open.error ?? (problem ? AppError.from(problem) : null);
  const code = failure ? toAppError(failure).code : null;
  const fieldProblem = code !== null && !NOT_THE_PASSPHRASE.has(code);

  useEffect(() => {
    if (fieldProblem) {
      setPassphrase('');
      inputRef.current?.focus();
    }
  }, [open.error, fieldProblem]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (open.isPending) return;
    setMissing(!passphrase);
    if (!passphrase) return inputRef.current?.focus();
    open.mutate();
  };

  return (
    <AuthFrame title={t('databaseLocked.title')} subtitle={practiceName ?? t('databaseLocked.subtitle')}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <p className="muted">{t('databaseLocked.intro')}</p>
        <Field label={t('databaseLocked.passphrase')} error={missing ? t('validation.required') : fieldProblem ? errorMessage(open.error) : undefined}>
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              className="input"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={passphrase}
              onChange={(e) => {
                setPassphrase(e.target.value);
                setMissing(false);
              }}
            />
          )}
        </Field>
        {code && !fieldProblem ? (
          <Alert tone="error" title={errorMessage(failure)}>
            {t('databaseLocked.untouched')}
          </Alert>
        ) : null}
        <Button type="submit" variant="primary" busy={open.isPending || open.isSuccess} className="btn-block">
          {t('databaseLocked.submit')}
        </Button>
      </form>
    </AuthFrame>
  );
}

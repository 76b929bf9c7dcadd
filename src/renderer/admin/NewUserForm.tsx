import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../shared/auth/roles';
import type { Role } from '../../shared/auth/roles';
import type { User } from '../../shared/contract/users';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { Language } from '../../shared/i18n/languages';
import { useClient } from '../app/client';
import { isLanguage } from '../app/language';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors, formError, toAppError } from '../ui/errors';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';
import { USERS_KEY } from './keys';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

interface Draft {
  givenNames: string;
  firstSurname: string;
  secondSurname: string;
  username: string;
  role: Role;
  password: string;
  language: Language;
}

const TEXT_FIELDS = ['givenNames', 'firstSurname', 'secondSurname', 'username', 'password'] as const;
const SHOWN = [...TEXT_FIELDS, 'role', 'language'];

/** Main reports a taken username as CONFLICT, sometimes without naming the field; it belongs beside it. */
function createErrors(error: unknown): Record<string, string> {
  const errors = fieldErrors(error);
  if (error && toAppError(error).value.messageKey === 'errors.USERNAME_TAKEN' && !errors.username) {
    return { ...errors, username: errorMessage(error) };
  }
  return errors;
}

interface Props {
  defaultLanguage: Language;
  /** Called as a new attempt starts, so an earlier confirmation does not sit beside a new error. */
  onSubmitStart: () => void;
  onCreated: (user: User) => void;
}

export function NewUserForm({ defaultLanguage, onSubmitStart, onCreated }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const empty: Draft = {
    givenNames: '',
    firstSurname: '',
    secondSurname: '',
    username: '',
    role: 'receptionist',
    password: '',
    language: defaultLanguage,
  };
  const [draft, setDraft] = useState<Draft>(empty);

  const create = useMutation({
    mutationFn: () => client['users.create'](draft),
    onSuccess: async (user) => {
      await queryClient.invalidateQueries({ queryKey: USERS_KEY });
      setDraft(empty);
      onCreated(user);
    },
  });

  const errors = createErrors(create.error);
  const usernameTaken = Boolean(create.error) && toAppError(create.error).value.messageKey === 'errors.USERNAME_TAKEN';
  const topError = create.error && !usernameTaken ? formError(create.error, SHOWN) : null;
  useFocusFirstInvalid(formRef, create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    onSubmitStart();
    create.mutate();
  };

  const text = (name: (typeof TEXT_FIELDS)[number], label: string, extra: { type?: string; optional?: boolean; hint?: string; autoComplete?: string } = {}) => (
    <Field label={label} error={errors[name]} optional={extra.optional} hint={extra.hint}>
      {(control) => (
        <input maxLength={maxLengthAt(contract['users.create'].input, name)}
          {...control}
          className="input"
          type={extra.type ?? 'text'}
          autoComplete={extra.autoComplete ?? 'off'}
          spellCheck={false}
          value={draft[name]}
          onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        />
      )}
    </Field>
  );

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label={t('users.addTitle')}>
      <div className="form-grid form-grid-3">
        {text('givenNames', t('person.givenNames'))}
        {text('firstSurname', t('person.firstSurname'))}
        {text('secondSurname', t('person.secondSurname'), { optional: true })}
        {text('username', t('person.username'), { hint: t('person.usernameHint') })}
        <Field label={t('users.role')} error={errors.role}>
          {(control) => (
            <select {...control} className="select" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('users.language')} error={errors.language}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.language}
              onChange={(e) => {
                if (isLanguage(e.target.value)) setDraft({ ...draft, language: e.target.value });
              }}
            >
              {LANGUAGES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`languages.${l}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('password', t('users.initialPassword'), { type: 'password', autoComplete: 'new-password', hint: t('users.initialPasswordHint') })}
      </div>
      <p className="role-summary">{t(`roleDescriptions.${draft.role}`)}</p>
      {topError ? <Alert tone="error">{topError}</Alert> : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" icon="users" busy={create.isPending}>
          {t('users.create')}
        </Button>
      </div>
    </form>
  );
}

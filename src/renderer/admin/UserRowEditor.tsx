import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../shared/auth/roles';
import type { Role } from '../../shared/auth/roles';
import type { User } from '../../shared/contract/users';
import { useClient } from '../app/client';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { errorMessage, fieldErrors } from '../ui/errors';
import { fullName } from '../ui/format';
import { useFocusFirstInvalid } from '../ui/useFocusInvalid';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

export type EditMode = 'role' | 'password' | 'deactivate';

interface Props {
  user: User;
  mode: EditMode;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** The small form that opens under a user's row: a new role, a new password, or confirming deactivation. */
export function UserRowEditor({ user, mode, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const client = useClient();
  const formRef = useRef<HTMLFormElement>(null);
  const name = fullName(user);
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);

  const save = useMutation({
    mutationFn: async () => {
      if (mode === 'role') {
        await client['users.update']({ id: user.id, role });
        return t('users.roleChanged', { name, role: t(`roles.${role}`) });
      }
      if (mode === 'password') {
        await client['users.resetPassword']({ id: user.id, password });
        return t('users.passwordReset', { name });
      }
      await client['users.update']({ id: user.id, active: false });
      return t('users.deactivated', { name });
    },
    onSuccess: onDone,
  });

  const errors = fieldErrors(save.error);
  useFocusFirstInvalid(formRef, mismatch || save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    if (mode === 'password' && password !== confirm) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    save.mutate();
  };

  const title = { role: t('users.changeRoleTitle', { name }), password: t('users.resetPasswordTitle', { name }), deactivate: t('users.deactivateTitle', { name }) }[mode];

  return (
    <form ref={formRef} className="row-editor" onSubmit={onSubmit} noValidate aria-label={title}>
      <p className="row-editor-title">{title}</p>
      {mode === 'role' ? (
        <div className="form-grid">
          <Field label={t('users.newRole')} error={errors.role} hint={t(`roleDescriptions.${role}`)}>
            {(control) => (
              <select {...control} className="select" value={role} autoFocus onChange={(e) => setRole(e.target.value as Role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      {mode === 'password' ? (
        <div className="form-grid">
          {/* Tells password managers whose password this is, so they do not file it under the admin. */}
          <input type="text" hidden readOnly autoComplete="username" value={user.username} />
          <Field label={t('users.newPassword')} error={errors.password} hint={t('person.passwordHint')}>
            {(control) => (
              <input maxLength={maxLengthAt(contract['users.resetPassword'].input, 'password')}
                {...control}
                className="input"
                type="password"
                autoComplete="new-password"
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('users.newPasswordConfirm')} error={mismatch ? t('setup.passwordMismatch') : undefined}>
            {(control) => (
              <input {...control} className="input" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
            )}
          </Field>
        </div>
      ) : null}
      {mode === 'deactivate' ? <p>{t('users.deactivateExplain', { name })}</p> : null}
      {save.error && Object.keys(errors).length === 0 ? <Alert tone="error">{errorMessage(save.error)}</Alert> : null}
      <div className="row-editor-actions">
        <Button type="submit" size="sm" variant={mode === 'deactivate' ? 'danger' : 'primary'} busy={save.isPending} autoFocus={mode === 'deactivate'}>
          {{ role: t('users.saveRole'), password: t('users.savePassword'), deactivate: t('users.confirmDeactivate') }[mode]}
        </Button>
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

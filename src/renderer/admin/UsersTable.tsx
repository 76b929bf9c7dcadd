import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/contract/users';
import { Button } from '../ui/Button';
import { fullName } from '../ui/format';
import { UserRowEditor } from './UserRowEditor';
import type { EditMode } from './UserRowEditor';

interface Props {
  users: readonly User[];
  me: string | null;
  activating: string | null;
  onActivate: (user: User) => void;
  unblocking: string | null;
  onUnblock: (user: User) => void;
  onEditStart: () => void;
  onChanged: (message: string, userId: string) => void;
}

type Editing = { id: string; mode: EditMode };

/** Every account with its role and state; each row opens its own small editor beneath it. */
export function UsersTable({ users, me, activating, onActivate, unblocking, onUnblock, onEditStart, onChanged }: Props) {
  const { t } = useTranslation();
  const tableRef = useRef<HTMLTableElement>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const lastEdited = useRef<Editing | null>(null);

  // When a row's editor closes, the keyboard goes back to the button that opened it (or its row's first).
  useEffect(() => {
    if (editing) {
      lastEdited.current = editing;
      return;
    }
    const last = lastEdited.current;
    if (!last) return;
    lastEdited.current = null;
    const buttons = [...(tableRef.current?.querySelectorAll<HTMLElement>(`[data-user="${last.id}"]`) ?? [])];
    (buttons.find((b) => b.dataset.action === last.mode) ?? buttons[0])?.focus();
  }, [editing]);

  const toggle = (user: User, mode: EditMode) => {
    onEditStart();
    setEditing(editing?.id === user.id && editing.mode === mode ? null : { id: user.id, mode });
  };

  const action = (user: User, mode: EditMode, open: EditMode | null, label: string, name: string) => (
    <Button
      size="sm"
      variant="ghost"
      aria-label={t(`users.${mode}For`, { name })}
      aria-expanded={open === mode}
      data-user={user.id}
      data-action={mode}
      onClick={() => toggle(user, mode)}
    >
      {label}
    </Button>
  );

  return (
    <div className="table-wrap">
      <table ref={tableRef} className="table">
        <caption className="sr-only">{t('users.listTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('users.columns.name')}</th>
            <th scope="col">{t('users.columns.role')}</th>
            <th scope="col">{t('users.columns.status')}</th>
            <th scope="col">
              <span className="sr-only">{t('users.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const name = fullName(user);
            const open = editing?.id === user.id ? editing.mode : null;
            return (
              <Fragment key={user.id}>
                <tr className={user.active ? undefined : 'row-inactive'}>
                  <th scope="row" className="cell-name">
                    <span className="cell-name-line">
                      {name}
                      {user.id === me ? <span className="badge">{t('users.you')}</span> : null}
                    </span>
                    <span className="cell-sub mono">{user.username}</span>
                  </th>
                  <td>
                    <span className="cell-role">
                      {t(`roles.${user.role}`)}
                      {action(user, 'role', open, t('users.changeRole'), name)}
                    </span>
                  </td>
                  <td>
                    <span className={user.active ? 'status status-ok' : 'status status-off'}>
                      {user.active ? t('users.active') : t('users.inactive')}
                    </span>
                    {user.signInBlockedUntil ? (
                      <span className="cell-blocked">
                        <span className="status status-off">{t('users.signInBlocked')}</span>
                        <Button
                          size="sm"
                          variant="ghost"
                          aria-label={t('users.unblockFor', { name })}
                          data-user={user.id}
                          data-action="unblock"
                          busy={unblocking === user.id}
                          onClick={() => onUnblock(user)}
                        >
                          {t('users.unblock')}
                        </Button>
                      </span>
                    ) : null}
                  </td>
                  <td className="cell-actions">
                    {action(user, 'password', open, t('users.resetPassword'), name)}
                    {/* Nobody can switch off the account they are using. */}
                    {user.id === me ? null : user.active ? (
                      action(user, 'deactivate', open, t('users.deactivate'), name)
                    ) : (
                      <Button
                        size="sm"
                        variant="ghost"
                        aria-label={t('users.activateFor', { name })}
                        data-user={user.id}
                        data-action="activate"
                        busy={activating === user.id}
                        onClick={() => onActivate(user)}
                      >
                        {t('users.activate')}
                      </Button>
                    )}
                  </td>
                </tr>
                {open ? (
                  <tr className="row-editor-row">
                    <td colSpan={4}>
                      <UserRowEditor
                        user={user}
                        mode={open}
                        onDone={(message) => {
                          setEditing(null);
                          onChanged(message, user.id);
                        }}
                        onCancel={() => setEditing(null)}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

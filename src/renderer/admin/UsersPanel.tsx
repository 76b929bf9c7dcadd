import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../shared/contract/users';
import { useClient } from '../app/client';
import { useAppStatus, useRefreshStatus } from '../app/status';
import { Alert } from '../ui/Alert';
import { errorMessage } from '../ui/errors';
import { fullName } from '../ui/format';
import { PanelFrame, Section } from '../ui/PanelFrame';
import { QueryState } from '../ui/QueryState';
import { AUDIT_KEY, USERS_KEY } from './keys';
import { NewUserForm } from './NewUserForm';
import { UsersTable } from './UsersTable';

export function UsersPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const status = useAppStatus();
  const refreshStatus = useRefreshStatus();
  const me = status.session?.user.id ?? null;
  const users = useQuery({ queryKey: USERS_KEY, queryFn: () => client['users.list']({}) });
  const [notice, setNotice] = useState<string | null>(null);

  const afterChange = async (message: string, userId: string) => {
    setNotice(message);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: USERS_KEY }),
      queryClient.invalidateQueries({ queryKey: AUDIT_KEY }),
    ]);
    // Changing one's own role changes what this session may do.
    if (userId === me) await refreshStatus();
  };

  const activate = useMutation({
    mutationFn: (user: User) => client['users.update']({ id: user.id, active: true }),
    onSuccess: (user) => afterChange(t('users.activated', { name: fullName(user) }), user.id),
  });

  const unblock = useMutation({
    mutationFn: (user: User) => client['users.unblockSignIn']({ id: user.id }).then(() => user),
    onSuccess: (user) => afterChange(t('users.unblocked', { name: fullName(user) }), user.id),
  });

  return (
    <PanelFrame title={t('panels.users.title')} icon="users" description={t('panels.users.description')}>
      <QueryState query={users}>
        {(list) => (
          <>
            {notice ? <Alert tone="success">{notice}</Alert> : null}
            {activate.error ? <Alert tone="error">{errorMessage(activate.error)}</Alert> : null}
            {unblock.error ? <Alert tone="error">{errorMessage(unblock.error)}</Alert> : null}
            <Section title={t('users.listTitle')}>
              <UsersTable
                users={list}
                me={me}
                activating={activate.isPending ? (activate.variables?.id ?? null) : null}
                onActivate={(user) => activate.mutate(user)}
                unblocking={unblock.isPending ? (unblock.variables?.id ?? null) : null}
                onUnblock={(user) => unblock.mutate(user)}
                onEditStart={() => setNotice(null)}
                onChanged={(message, userId) => void afterChange(message, userId)}
              />
            </Section>
            <Section title={t('users.addTitle')} description={t('users.addDescription')}>
              <NewUserForm
                defaultLanguage={status.practice?.language ?? 'es'}
                onSubmitStart={() => setNotice(null)}
                onCreated={(user) => void afterChange(t('users.created', { name: fullName(user), username: user.username }), user.id)}
              />
            </Section>
          </>
        )}
      </QueryState>
    </PanelFrame>
  );
}

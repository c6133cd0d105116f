import { Alert, Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '../../i18n';
import { adminErrorText } from './adminError';
import { usersApi } from './users.api';

/** "Change password" from the account menu: `POST /api/v1/me/password`. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({ mutationFn: usersApi.changeOwnPassword });
  const close = () => {
    setCurrent('');
    setNew('');
    change.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('account.changePassword')}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ currentPassword, newPassword });
        }}
      >
        <Stack gap="sm">
          <PasswordInput
            label={t('account.currentPassword')}
            required
            autoComplete="current-password"
            value={currentPassword}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            data-autofocus
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('account.newPasswordDescription')}
            required
            minLength={10}
            autoComplete="new-password"
            value={newPassword}
            onChange={(event) => setNew(event.currentTarget.value)}
          />
          {change.isError && (
            <Alert color="red" variant="light" role="alert">
              {adminErrorText(change.error, t)}
            </Alert>
          )}
          {change.isSuccess && (
            <Alert color="green" variant="light" role="status">
              {t('account.passwordChanged')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {change.isSuccess ? t('admin.users.done') : t('admin.cancel')}
            </Button>
            {!change.isSuccess && (
              <Button type="submit" loading={change.isPending}>
                {t('account.changePassword')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

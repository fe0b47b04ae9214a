/** *Change password* of the user menu: the current and a new password; other sessions end. */
import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { useNotify } from '../layout/notifications.tsx';
import { changeOwnPassword } from './admin.api.ts';

export function ChangePasswordDialog({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation<void, ApiError>({
    mutationFn: () => changeOwnPassword({ currentPassword, newPassword }),
    onSuccess: () => {
      notify({
        title: t('admin.account.changePassword'),
        message: t('admin.account.changed'),
        color: 'green',
      });
      close();
    },
  });
  function close() {
    setCurrent('');
    setNew('');
    change.reset();
    onClose();
  }
  return (
    <Modal opened={opened} onClose={close} title={t('admin.account.changePassword')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <Stack>
          <PasswordInput
            label={t('admin.account.currentPassword')}
            required
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('admin.account.newPassword')}
            required
            minLength={8}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
          />
          <ErrorAlert error={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('admin.account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * `/admin/users`: every user with role and status; an admin creates users, changes a role,
 * disables or enables, resets a password and deletes — each refused change (the last admin)
 * shown in place.
 */
import {
  Badge,
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@caravan/core/user';
import type { ApiError } from '../api/http-client.ts';
import { useSession } from '../auth/session.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';
import { formatDateTime } from '../layout/format.ts';
import { useNotify } from '../layout/notifications.tsx';
import { AdminPage, AdminTable, useIsAdmin } from './admin-page.tsx';
import {
  changeUser,
  createUser,
  deleteUser,
  listUsers,
  resetPassword,
  type ManagedUser,
} from './admin.api.ts';

const usersKey = ['admin', 'users'];
const roles: Role[] = ['admin', 'manager', 'viewer'];

function useRoleOptions() {
  const { t } = useTranslation();
  return roles.map((r) => ({ value: r, label: t(`admin.roles.${r}`) }));
}

function CreateUserDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const [form, setForm] = useState({ name: '', email: '', role: 'viewer' as Role, password: '' });
  const create = useMutation<ManagedUser, ApiError>({
    mutationFn: () => createUser(form),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      setForm({ name: '', email: '', role: 'viewer', password: '' });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t('admin.users.createTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('admin.common.name')}
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          <TextInput
            label={t('admin.common.email')}
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
          />
          <Select
            label={t('admin.common.role')}
            data={roleOptions}
            value={form.role}
            allowDeselect={false}
            onChange={(v) => v && setForm({ ...form, role: v as Role })}
          />
          <PasswordInput
            label={t('admin.users.password')}
            required
            minLength={8}
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('admin.users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ResetPasswordDialog({ user, onClose }: { user: ManagedUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [password, setPassword] = useState('');
  const reset = useMutation<void, ApiError>({
    mutationFn: () => resetPassword(user?.id ?? '', password),
    onSuccess: () => {
      notify({
        title: t('admin.common.saved'),
        message: t('admin.users.resetBody'),
        color: 'green',
      });
      setPassword('');
      onClose();
    },
  });
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={t('admin.users.resetTitle', { name: user?.name ?? '' })}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          reset.mutate();
        }}
      >
        <Stack>
          <PasswordInput
            label={t('admin.users.newPassword')}
            description={t('admin.users.resetBody')}
            required
            minLength={8}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <ErrorAlert error={reset.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('admin.common.cancel')}
            </Button>
            <Button type="submit" loading={reset.isPending}>
              {t('admin.users.resetPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function UserRow(props: {
  user: ManagedUser;
  isMe: boolean;
  canChange: boolean;
  onReset: () => void;
  onDelete: () => void;
  onError: (error: ApiError) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const { user } = props;
  const change = useMutation<ManagedUser, ApiError, { role?: Role; disabled?: boolean }>({
    mutationFn: (body) => changeUser(user.id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: usersKey }),
    onError: props.onError,
  });
  const name = user.name || user.email;
  return (
    <Table.Tr>
      <Table.Td>
        <b>{user.name}</b> {props.isMe && t('admin.users.you')}
      </Table.Td>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        {props.canChange ? (
          <Select
            aria-label={t('admin.users.roleOf', { name })}
            data={roleOptions}
            value={user.role}
            allowDeselect={false}
            w={150}
            onChange={(v) => v && v !== user.role && change.mutate({ role: v as Role })}
          />
        ) : (
          t(`admin.roles.${user.role}`)
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={user.disabledAt ? 'gray' : 'green'} variant="light">
          {user.disabledAt ? t('admin.users.disabled') : t('admin.users.active')}
        </Badge>
      </Table.Td>
      <Table.Td>{formatDateTime(user.createdAt, i18n.language)}</Table.Td>
      {props.canChange && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              aria-label={t(
                user.disabledAt ? 'admin.users.enableNamed' : 'admin.users.disableNamed',
                { name },
              )}
              loading={change.isPending}
              onClick={() => change.mutate({ disabled: user.disabledAt === null })}
            >
              {user.disabledAt ? t('admin.users.enable') : t('admin.users.disable')}
            </Button>
            <Button
              size="xs"
              variant="light"
              aria-label={t('admin.users.resetPasswordNamed', { name })}
              onClick={props.onReset}
            >
              {t('admin.users.resetPassword')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              aria-label={t('admin.users.deleteNamed', { name })}
              onClick={props.onDelete}
            >
              {t('actions.delete')}
            </Button>
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}

export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isAdmin = useIsAdmin();
  const me = useSession().data;
  const users = useQuery({ queryKey: usersKey, queryFn: listUsers });
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<ManagedUser | null>(null);
  const [deleting, setDeleting] = useState<ManagedUser | null>(null);
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const remove = useMutation<void, ApiError, string>({
    mutationFn: deleteUser,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      setDeleting(null);
    },
  });
  const headers = [
    t('admin.common.name'),
    t('admin.common.email'),
    t('admin.common.role'),
    t('admin.users.status'),
    t('admin.common.createdAt'),
    ...(isAdmin ? [t('admin.common.actions')] : []),
  ];
  return (
    <AdminPage
      title={t('admin.users.title')}
      action={
        isAdmin && <Button onClick={() => setCreating(true)}>{t('admin.users.create')}</Button>
      }
    >
      <ErrorAlert error={users.error ?? rowError} />
      <AdminTable label={t('admin.users.title')} headers={headers}>
        {(users.data?.items ?? []).map((user) => (
          <UserRow
            key={user.id}
            user={user}
            isMe={user.id === me?.id}
            canChange={isAdmin}
            onReset={() => setResetting(user)}
            onDelete={() => setDeleting(user)}
            onError={setRowError}
          />
        ))}
      </AdminTable>
      <CreateUserDialog opened={creating} onClose={() => setCreating(false)} />
      <ResetPasswordDialog user={resetting} onClose={() => setResetting(null)} />
      <ConfirmActionDialog
        opened={deleting !== null}
        title={t('admin.users.deleteTitle')}
        body={t('admin.users.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </AdminPage>
  );
}

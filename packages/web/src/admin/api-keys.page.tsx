/**
 * `/admin/api-keys`: API keys and Segment write keys with who created them and when each was last
 * used; *Create key* shows the secret once, with a copy button and — for a write key — the
 * `@segment/analytics-node` configuration pointing at this server; *Revoke* after confirmation.
 */
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@caravan/core/user';
import type { ApiError } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';
import { formatDateTime } from '../layout/format.ts';
import { AdminPage, AdminTable } from './admin-page.tsx';
import {
  createApiKey,
  getSendingSettings,
  listApiKeys,
  revokeApiKey,
  type ApiKey,
  type KeyPurpose,
} from './admin.api.ts';

const keysKey = ['admin', 'api-keys'];

/** The SDK set-up for a write key; `host` is this server, where the SDKs' `/v1/*` paths are served. */
export function segmentSnippet(writeKey: string, host: string): string {
  return [
    "import { Analytics } from '@segment/analytics-node';",
    '',
    `const analytics = new Analytics({ writeKey: '${writeKey}', host: '${host}' });`,
    '',
    "analytics.identify({ userId: 'person-42', traits: { email: 'ada@example.com' } });",
    "analytics.track({ userId: 'person-42', event: 'Demo Requested' });",
  ].join('\n');
}

export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              variant="light"
              onClick={copy}
              aria-label={`${t('admin.common.copy')} ${label}`}
            >
              {copied ? t('admin.common.copied') : t('admin.common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block aria-label={label}>
        {value}
      </Code>
    </Stack>
  );
}

function CreateKeyDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('manager');
  const [purpose, setPurpose] = useState<KeyPurpose>('api');
  // The SDKs post to `host` + `/v1/…`: the server's PUBLIC_URL, not necessarily this page's origin.
  const settings = useQuery({ queryKey: ['admin', 'sending'], queryFn: getSendingSettings });
  const create = useMutation<Awaited<ReturnType<typeof createApiKey>>, ApiError>({
    mutationFn: () => createApiKey({ name, role, purpose }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: keysKey }),
  });
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  const created = create.data;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('admin.keys.secretTitle') : t('admin.keys.createTitle')}
      centered
      size="lg"
    >
      {created ? (
        <Stack>
          <Alert color="yellow">{t('admin.keys.secretWarning')}</Alert>
          <CopyField label={t('admin.keys.secret')} value={created.key} />
          {created.purpose === 'segment' && (
            <>
              <Text size="sm">{t('admin.keys.snippetHelp')}</Text>
              <CopyField
                label={t('admin.keys.snippet')}
                value={segmentSnippet(
                  created.key,
                  settings.data?.trackingDomain ?? window.location.origin,
                )}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button onClick={close}>{t('admin.common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack>
            <SegmentedControl
              aria-label={t('admin.keys.purpose')}
              value={purpose}
              onChange={(v) => setPurpose(v as KeyPurpose)}
              data={[
                { value: 'api', label: t('admin.keys.purposes.api') },
                { value: 'segment', label: t('admin.keys.purposes.segment') },
              ]}
            />
            <TextInput
              label={t('admin.common.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <Select
              label={t('admin.common.role')}
              allowDeselect={false}
              value={role}
              onChange={(v) => v && setRole(v as Role)}
              data={(['admin', 'manager', 'viewer'] as const).map((r) => ({
                value: r,
                label: t(`admin.roles.${r}`),
              }))}
            />
            <ErrorAlert error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('admin.common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('admin.keys.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: keysKey, queryFn: listApiKeys });
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useMutation<void, ApiError, string>({
    mutationFn: revokeApiKey,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keysKey });
      setRevoking(null);
    },
  });
  const items = keys.data?.items ?? [];
  return (
    <AdminPage
      title={t('admin.keys.title')}
      action={<Button onClick={() => setCreating(true)}>{t('admin.keys.create')}</Button>}
    >
      <ErrorAlert error={keys.error} />
      <AdminTable
        label={t('admin.keys.title')}
        headers={[
          t('admin.common.name'),
          t('admin.keys.purpose'),
          t('admin.common.role'),
          t('admin.common.createdBy'),
          t('admin.common.createdAt'),
          t('admin.keys.lastUsedAt'),
          t('admin.common.actions'),
        ]}
        empty={keys.isSuccess && items.length === 0 && t('data.empty')}
      >
        {items.map((key) => (
          <Table.Tr key={key.id}>
            <Table.Td>
              <b>{key.name}</b>
            </Table.Td>
            <Table.Td>{t(`admin.keys.purposes.${key.purpose}`)}</Table.Td>
            <Table.Td>{t(`admin.roles.${key.role}`)}</Table.Td>
            <Table.Td>{key.createdBy?.name ?? '—'}</Table.Td>
            <Table.Td>{formatDateTime(key.createdAt, i18n.language)}</Table.Td>
            <Table.Td>
              {key.lastUsedAt
                ? formatDateTime(key.lastUsedAt, i18n.language)
                : t('admin.keys.never')}
            </Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                color="red"
                aria-label={t('admin.keys.revokeNamed', { name: key.name })}
                onClick={() => setRevoking(key)}
              >
                {t('admin.keys.revoke')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </AdminTable>
      <CreateKeyDialog opened={creating} onClose={() => setCreating(false)} />
      <ConfirmActionDialog
        opened={revoking !== null}
        title={t('admin.keys.revokeTitle')}
        body={t('admin.keys.revokeBody', { name: revoking?.name ?? '' })}
        confirmLabel={t('admin.keys.revoke')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
      />
    </AdminPage>
  );
}

/**
 * `/admin/webhook-secrets`: the destinations webhooks are signed for, with when each secret was
 * created or last rotated; *Rotate secret* (for a listed destination or a new URL) shows the new
 * secret once, with a copy button. The secrets themselves are never listed.
 */
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { formatDateTime } from '../layout/format.ts';
import { AdminPage, AdminTable } from './admin-page.tsx';
import { listWebhookDestinations, rotateWebhookSecret } from './admin.api.ts';
import { CopyField } from './api-keys.page.tsx';

const destinationsKey = ['admin', 'webhook-secrets'];

function RotateDialog({ url, onClose }: { url: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const rotate = useMutation<Awaited<ReturnType<typeof rotateWebhookSecret>>, ApiError, string>({
    mutationFn: rotateWebhookSecret,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: destinationsKey }),
  });
  const close = () => {
    rotate.reset();
    setTyped('');
    onClose();
  };
  const rotated = rotate.data;
  const target = url === '' ? typed : (url ?? '');
  return (
    <Modal
      opened={url !== null}
      onClose={close}
      title={rotated ? t('admin.webhooks.secretTitle') : t('admin.webhooks.rotateTitle')}
      centered
      size="lg"
    >
      {rotated ? (
        <Stack>
          <Alert color="yellow">
            {rotated.replaced
              ? t('admin.webhooks.replacedWarning', { destination: rotated.destination })
              : t('admin.webhooks.newWarning', { destination: rotated.destination })}
          </Alert>
          <CopyField label={t('admin.webhooks.secret')} value={rotated.secret} />
          <Group justify="flex-end">
            <Button onClick={close}>{t('admin.common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            rotate.mutate(target);
          }}
        >
          <Stack>
            {url === '' ? (
              <TextInput
                label={t('admin.webhooks.url')}
                description={t('admin.webhooks.urlHelp')}
                required
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
              />
            ) : (
              <Text size="sm">{t('admin.webhooks.rotateBody', { destination: url })}</Text>
            )}
            <ErrorAlert error={rotate.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('admin.common.cancel')}
              </Button>
              <Button type="submit" loading={rotate.isPending} color="red">
                {t('admin.webhooks.rotate')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

export function WebhookSecretsPage() {
  const { t, i18n } = useTranslation();
  const destinations = useQuery({ queryKey: destinationsKey, queryFn: listWebhookDestinations });
  // null: closed; '': a destination typed in the dialog; otherwise the listed destination.
  const [rotating, setRotating] = useState<string | null>(null);
  const items = destinations.data?.items ?? [];
  return (
    <AdminPage
      title={t('admin.webhooks.title')}
      action={<Button onClick={() => setRotating('')}>{t('admin.webhooks.newSecret')}</Button>}
    >
      <Text size="sm" c="dimmed">
        {t('admin.webhooks.help')}
      </Text>
      <ErrorAlert error={destinations.error} />
      <AdminTable
        label={t('admin.webhooks.title')}
        headers={[
          t('admin.webhooks.destination'),
          t('admin.webhooks.secretSince'),
          t('admin.common.actions'),
        ]}
        empty={destinations.isSuccess && items.length === 0 && t('admin.webhooks.empty')}
      >
        {items.map((item) => (
          <Table.Tr key={item.destination}>
            <Table.Td>
              <b>{item.destination}</b>
            </Table.Td>
            <Table.Td>{formatDateTime(item.secretSince, i18n.language)}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                color="red"
                aria-label={t('admin.webhooks.rotateNamed', { destination: item.destination })}
                onClick={() => setRotating(item.destination)}
              >
                {t('admin.webhooks.rotate')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </AdminTable>
      <RotateDialog url={rotating} onClose={() => setRotating(null)} />
    </AdminPage>
  );
}

/**
 * `/external-services`: the services external actions and external splits call, searchable;
 * *Create external service*, and per row *Edit* and *Delete*. A delete that a journey still needs
 * is refused by the server (409) and its message, naming the journeys, stays in the dialog.
 */
import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';
import { formatDateTime, formatNumber } from '../layout/format.ts';
import { ExternalServiceDialog } from './external-service.dialog.tsx';
import {
  deleteExternalService,
  listExternalServices,
  type ExternalService,
} from './external-services.api.ts';

type Editing = { kind: 'create' } | { kind: 'edit'; service: ExternalService } | null;

export function ExternalServiceListPage() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ExternalService | null>(null);
  const remove = useMutation<void, ApiError, string>({
    mutationFn: deleteExternalService,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['external-services'] });
      setDeleting(null);
    },
  });
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  const columns: Column<ExternalService>[] = [
    { label: t('externalServices.name'), render: (s) => <b>{s.name}</b> },
    { label: t('externalServices.url'), render: (s) => s.url },
    {
      label: t('externalServices.timeout'),
      render: (s) => formatNumber(s.timeoutSeconds, i18n.language),
    },
    {
      label: t('externalServices.updatedAt'),
      render: (s) => formatDateTime(s.updatedAt, i18n.language),
    },
    {
      label: t('externalServices.actions'),
      render: (s) => (
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            aria-label={t('externalServices.editNamed', { name: s.name })}
            onClick={() => setEditing({ kind: 'edit', service: s })}
          >
            {t('actions.edit')}
          </Button>
          <Button
            size="xs"
            variant="light"
            color="red"
            aria-label={t('externalServices.deleteNamed', { name: s.name })}
            onClick={() => setDeleting(s)}
          >
            {t('actions.delete')}
          </Button>
        </Group>
      ),
    },
  ];

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('externalServices.title')}
        action={
          <Button onClick={() => setEditing({ kind: 'create' })}>
            {t('externalServices.create')}
          </Button>
        }
      />
      <PagedList
        queryKey={['external-services']}
        fetchPage={listExternalServices}
        columns={columns}
        rowKey={(s) => s.id}
      />
      <ExternalServiceDialog
        opened={editing !== null}
        {...(editing?.kind === 'edit' ? { service: editing.service } : {})}
        onClose={() => setEditing(null)}
      />
      <ConfirmActionDialog
        opened={deleting !== null}
        title={t('externalServices.deleteTitle')}
        body={t('externalServices.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        pending={remove.isPending}
        // The 409's details list journeys, not validation problems: show its message only.
        error={null}
        onConfirm={() => deleting && remove.mutate(deleting.id)}
        onClose={closeDelete}
      >
        <ErrorAlert error={remove.error} />
      </ConfirmActionDialog>
    </Stack>
  );
}

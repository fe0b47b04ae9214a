/** `/event-types`: the declared kinds of events (name, label, entity, fields) and *Create event type*. */
import { Alert, Button, Center, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listEventTypes } from '../api/b2b.api.ts';
import { PageHeader } from '../data/paged-list.tsx';
import { CreateEventTypeDialog } from './create-event-type.dialog.tsx';

export function EventTypeListPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const types = useQuery({ queryKey: ['event-types'], queryFn: listEventTypes });
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.eventTypes')}
        action={<Button onClick={() => setCreating(true)}>{t('data.eventType.create')}</Button>}
      />
      <Paper withBorder radius="md" p="md">
        {types.error && (
          <Alert color="red" role="alert" title={t('data.loadFailed')}>
            {types.error.message}
          </Alert>
        )}
        {types.isPending ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('data.eventType.name')}</Table.Th>
                <Table.Th>{t('data.eventType.label')}</Table.Th>
                <Table.Th>{t('data.eventType.entity')}</Table.Th>
                <Table.Th>{t('data.eventType.fields')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(types.data?.items ?? []).map((type) => (
                <Table.Tr key={type.name}>
                  <Table.Td fw={600}>{type.name}</Table.Td>
                  <Table.Td>{type.label}</Table.Td>
                  <Table.Td>{t(`data.entity.${type.entity}`)}</Table.Td>
                  <Table.Td>
                    {type.fields.map((f) => `${f.name} (${t(`data.type.${f.type}`)})`).join(', ') ||
                      '—'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {types.data?.items.length === 0 && (
          <Text ta="center" c="dimmed" py="lg">
            {t('data.empty')}
          </Text>
        )}
      </Paper>
      <CreateEventTypeDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

/**
 * `/admin/audit`: who created, changed, published, closed, aborted or deleted which journey, and
 * who changed users, keys, limits and settings — with before and after — newest first, filtered
 * by kind and by who did it.
 */
import { Button, Center, Code, Group, Loader, Paper, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';
import { formatDateTime } from '../layout/format.ts';
import {
  AdminPage,
  AdminTable,
  DayRangeInputs,
  dayRangeFilter,
  type DayRange,
} from './admin-page.tsx';
import { listAudit, listUsers, type AuditEntry, type AuditFilter } from './admin.api.ts';

const entityTypes = ['journey', 'user', 'apiKey', 'settings'] as const;

function Change({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  if (entry.before == null && entry.after == null) return <>—</>;
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      {entry.before != null && (
        <Text size="xs" component="div">
          {t('admin.audit.before')}: <Code>{JSON.stringify(entry.before)}</Code>
        </Text>
      )}
      {entry.after != null && (
        <Text size="xs" component="div">
          {t('admin.audit.after')}: <Code>{JSON.stringify(entry.after)}</Code>
        </Text>
      )}
    </Group>
  );
}

export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [picked, setFilter] = useState<AuditFilter>({});
  const [days, setDays] = useState<DayRange>({ from: '', to: '' });
  const filter: AuditFilter = { ...picked, ...dayRangeFilter(days) };
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: listUsers });
  const pages = useInfiniteQuery({
    queryKey: ['admin', 'audit', filter],
    queryFn: ({ pageParam }) => listAudit(filter, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  return (
    <AdminPage title={t('admin.audit.title')}>
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end">
          <Select
            label={t('admin.audit.entityType')}
            value={filter.entityType ?? 'all'}
            allowDeselect={false}
            data={[
              { value: 'all', label: t('admin.audit.entityTypes.all') },
              ...entityTypes.map((e) => ({ value: e, label: t(`admin.audit.entityTypes.${e}`) })),
            ]}
            onChange={(v) => {
              const { entityType: _e, ...rest } = picked;
              setFilter(v && v !== 'all' ? { ...rest, entityType: v } : rest);
            }}
            w={200}
          />
          <Select
            label={t('admin.audit.actorFilter')}
            value={filter.actorId ?? 'all'}
            allowDeselect={false}
            data={[
              { value: 'all', label: t('admin.audit.anyone') },
              ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.name || u.email })),
            ]}
            onChange={(v) => {
              const { actorId: _a, ...rest } = picked;
              setFilter(v && v !== 'all' ? { ...rest, actorId: v } : rest);
            }}
            w={240}
          />
          <DayRangeInputs
            fromLabel={t('admin.audit.from')}
            toLabel={t('admin.audit.to')}
            value={days}
            onChange={setDays}
          />
          {total !== undefined && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('data.total', { count: total })}
            </Text>
          )}
        </Group>
      </Paper>
      <ErrorAlert error={pages.error} />
      {pages.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <AdminTable
          label={t('admin.audit.title')}
          headers={[
            t('admin.audit.at'),
            t('admin.audit.actor'),
            t('admin.audit.action'),
            t('admin.audit.entity'),
            t('admin.audit.change'),
          ]}
          empty={items.length === 0 && t('admin.audit.empty')}
        >
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>{formatDateTime(e.at, i18n.language)}</Table.Td>
              <Table.Td>{e.actor.name}</Table.Td>
              <Table.Td>
                {t(`admin.audit.actions.${e.action}`, { defaultValue: e.action })}
              </Table.Td>
              <Table.Td>{e.entityName ?? e.entityId ?? '—'}</Table.Td>
              <Table.Td maw={480}>
                <Change entry={e} />
              </Table.Td>
            </Table.Tr>
          ))}
        </AdminTable>
      )}
      {pages.hasNextPage && (
        <Center>
          <Button
            variant="light"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('list.loadMore')}
          </Button>
        </Center>
      )}
    </AdminPage>
  );
}

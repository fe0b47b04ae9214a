/**
 * The activity history on the account and person pages: newest first, filterable by activity
 * type (by its label), *Load more* for older pages. The account page names the person of each
 * activity; the person page names the account.
 */
import { Anchor, Button, Group, MultiSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listActivities, type ActivityEntry } from '../api/activities.api.ts';
import { ErrorAlert } from './error-alert.tsx';

const pageSize = 25;

/** "plan: pro · url: https://…": the properties in one line. */
function details(entry: ActivityEntry): string {
  return Object.entries(entry.properties)
    .filter(([, value]) => value !== null && value !== '')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

export function ActivityHistory({ subject, id }: { subject: 'accounts' | 'people'; id: string }) {
  const { t, i18n } = useTranslation();
  const [types, setTypes] = useState<string[]>([]);
  const history = useInfiniteQuery({
    queryKey: ['activities', subject, id, types],
    queryFn: ({ pageParam }) =>
      listActivities({ subject, id, types, cursor: pageParam, limit: pageSize }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const label = (type: string) => t(`activity.types.${type}`, { defaultValue: type });
  const known = history.data?.pages[0]?.types ?? [];
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4">
            {t('activity.title')}
          </Title>
          <MultiSelect
            label={t('activity.filter')}
            placeholder={types.length === 0 ? t('activity.allTypes') : undefined}
            data={[...new Set([...known, ...types])].map((v) => ({ value: v, label: label(v) }))}
            value={types}
            onChange={setTypes}
            searchable
            clearable
            w={360}
          />
        </Group>
        {history.error && <ErrorAlert error={history.error} />}
        {history.isSuccess && items.length === 0 ? (
          <Text c="dimmed">{t(types.length ? 'activity.noneOfType' : 'activity.none')}</Text>
        ) : (
          <Table aria-label={t('activity.title')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('activity.when')}</Table.Th>
                <Table.Th>{t('activity.what')}</Table.Th>
                <Table.Th>{subject === 'accounts' ? t('activity.person') : t('activity.account')}</Table.Th>
                <Table.Th>{t('activity.details')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {when.format(new Date(entry.occurredAt))}
                  </Table.Td>
                  <Table.Td>{label(entry.type)}</Table.Td>
                  <Table.Td>
                    {subject === 'accounts' ? (
                      entry.person && (
                        <Anchor component={Link} to={`/people/${entry.person.id}`}>
                          {entry.person.name}
                        </Anchor>
                      )
                    ) : (
                      <Anchor component={Link} to={`/accounts/${entry.account.id}`}>
                        {entry.account.name}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2} style={{ wordBreak: 'break-word' }}>
                      {details(entry)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {history.hasNextPage && (
          <Button
            variant="default"
            loading={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {t('activity.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

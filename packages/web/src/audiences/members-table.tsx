/** The accounts of an audience or list, a page at a time, each linking to the account. */
import { Anchor, Button, Center, Group, Loader, Paper, Table, Text, Title } from '@mantine/core';
import type { Account } from '@caravan/core/b2b/account';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Page } from '../api/b2b.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';

interface Props {
  queryKey: readonly unknown[];
  fetchPage: (limit: number, cursor: string | null) => Promise<Page<Account>>;
  /** When given, each row gets a *Remove* button (static lists). */
  onRemove?: (account: Account) => void;
}

const pageSize = 100;

export function MembersTable({ queryKey, fetchPage, onRemove }: Props) {
  const { t } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageSize, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('segments.members')}
        </Title>
        {total !== undefined && (
          <Text size="sm" c="dimmed">
            {t('data.total', { count: total })}
          </Text>
        )}
      </Group>
      <ErrorAlert error={pages.error} />
      {pages.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : (
        <Table striped verticalSpacing="xs" aria-label={t('segments.members')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('data.account.name')}</Table.Th>
              <Table.Th>{t('data.account.industry')}</Table.Th>
              <Table.Th>{t('data.account.country')}</Table.Th>
              {onRemove && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${a.id}`}>
                    {a.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{a.industry ?? '—'}</Table.Td>
                <Table.Td>{a.country ?? '—'}</Table.Td>
                {onRemove && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      aria-label={t('segments.removeMember', { name: a.name })}
                      onClick={() => onRemove(a)}
                    >
                      {t('data.remove')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {!pages.isPending && items.length === 0 && !pages.error && (
        <Text ta="center" c="dimmed" py="md">
          {t('segments.noMembers')}
        </Text>
      )}
      {pages.hasNextPage && (
        <Center mt="md">
          <Button
            variant="light"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('list.loadMore')}
          </Button>
        </Center>
      )}
    </Paper>
  );
}

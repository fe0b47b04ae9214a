/**
 * The list every data page shares: a search box, the total, a table and *Load more*. Each page
 * gives its columns and how to fetch a page; the query key keeps pages of different resources apart.
 */
import { Alert, Button, Center, Group, Loader, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page, PageQuery } from '../api/b2b.api.ts';
import { SearchIcon } from '../layout/icons.tsx';

export interface Column<T> {
  label: string;
  render: (item: T) => ReactNode;
}

interface Props<T> {
  queryKey: readonly unknown[];
  fetchPage: (q: PageQuery) => Promise<Page<T>>;
  columns: readonly Column<T>[];
  rowKey: (item: T) => string;
}

const pageSize = 50;

export function PagedList<T>({ queryKey, fetchPage, columns, rowKey }: Props<T>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const pages = useInfiniteQuery({
    queryKey: [...queryKey, { search: debounced }],
    queryFn: ({ pageParam }) =>
      fetchPage({ search: debounced, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;

  return (
    <Paper withBorder radius="md" p="md">
      <Group gap="md" mb="sm">
        <TextInput
          aria-label={t('list.search')}
          placeholder={t('list.search')}
          leftSection={<SearchIcon />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={320}
          type="search"
        />
        {total !== undefined && (
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('data.total', { count: total })}
          </Text>
        )}
      </Group>
      {pages.error && (
        <Alert color="red" role="alert" title={t('data.loadFailed')}>
          {pages.error.message}
        </Alert>
      )}
      {pages.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <DataTable items={items} columns={columns} rowKey={rowKey} />
      )}
      {!pages.isPending && items.length === 0 && !pages.error && (
        <Text ta="center" c="dimmed" py="lg">
          {t('data.empty')}
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

function DataTable<T>({ items, columns, rowKey }: { items: T[] } & Pick<Props<T>, 'columns' | 'rowKey'>) {
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.label}>{c.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={rowKey(item)}>
              {columns.map((c) => (
                <Table.Td key={c.label}>{c.render(item)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A title with an optional primary button, as on *Account journeys*. */
export function PageHeader({ title, action }: { title: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <Text component="h1" fw={700} fz="h2" m={0}>
        {title}
      </Text>
      {action}
    </Group>
  );
}

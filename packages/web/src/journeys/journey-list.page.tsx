/** `/journeys`: search, count, the table, and the dialogs its buttons open. */
import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listJourneys, type ApiJourney, type JourneySort } from '../api/journeys.api.ts';
import { ColumnsIcon, SearchIcon } from '../layout/icons.tsx';
import { ConfirmActionDialog } from './confirm-action.dialog.tsx';
import { CreateJourneyDialog } from './create-journey.dialog.tsx';
import { CustomizeTableDialog } from './customize-table.dialog.tsx';
import { DuplicateJourneyDialog } from './duplicate-journey.dialog.tsx';
import { ImportJourneyDialog } from './import-journey.dialog.tsx';
import { sortableColumns, type ColumnId } from './journey-columns.ts';
import { journeyListKey, useDeleteJourney } from './journey-mutations.ts';
import { JourneyTable } from './journey-table.tsx';
import { JourneyTabs } from '../reports/journey-tabs.tsx';
import { useJourneyColumns } from './use-journey-columns.ts';

const pageSize = 50;
const defaultSort: JourneySort = { field: 'updatedAt', direction: 'desc' };

/** Clicking a header sorts ascending first, then toggles. */
function nextSort(current: JourneySort, column: ColumnId): JourneySort {
  const field = sortableColumns[column] ?? current.field;
  if (current.field !== field) return { field, direction: 'asc' };
  return { field, direction: current.direction === 'asc' ? 'desc' : 'asc' };
}

function useJourneyPages(search: string, sort: JourneySort) {
  return useInfiniteQuery({
    queryKey: [...journeyListKey, { search, sort }],
    queryFn: ({ pageParam }) => listJourneys({ search, sort, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function JourneyListPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const [sort, setSort] = useState<JourneySort>(defaultSort);
  const [customizing, setCustomizing] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [duplicating, setDuplicating] = useState<ApiJourney | null>(null);
  const [deleting, setDeleting] = useState<ApiJourney | null>(null);
  const { columns, ready: columnsReady, save: saveColumns } = useJourneyColumns();
  const pages = useJourneyPages(debouncedSearch, sort);
  const remove = useDeleteJourney();

  const journeys = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('app.accountJourneys')}
        </Title>
        <Group gap="xs">
          <Button variant="default" onClick={() => setImporting(true)}>
            {t('transfer.import')}
          </Button>
          <Button onClick={() => setCreating(true)}>{t('list.create')}</Button>
        </Group>
      </Group>
      <JourneyTabs active="journeys" />
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm">
          <Group gap="md">
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
                {t('list.count', { count: total })}
              </Text>
            )}
          </Group>
          <Button
            variant="default"
            leftSection={<ColumnsIcon />}
            onClick={() => setCustomizing(true)}
          >
            {t('list.customize')}
          </Button>
        </Group>
        {pages.error && (
          <Alert color="red" role="alert" title={t('list.loadFailed')}>
            {pages.error.message}
          </Alert>
        )}
        {pages.isPending || !columnsReady ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : (
          <JourneyTable
            journeys={journeys}
            columns={columns}
            sort={sort}
            onSort={(column) => setSort((current) => nextSort(current, column))}
            onDuplicate={setDuplicating}
            onDelete={setDeleting}
          />
        )}
        {!pages.isPending && journeys.length === 0 && !pages.error && (
          <Text ta="center" c="dimmed" py="lg">
            {t('list.empty')}
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
      <CustomizeTableDialog
        opened={customizing}
        columns={columns}
        onClose={() => setCustomizing(false)}
        onApply={(chosen) => saveColumns.mutate(chosen)}
      />
      <CreateJourneyDialog opened={creating} onClose={() => setCreating(false)} />
      <ImportJourneyDialog opened={importing} onClose={() => setImporting(false)} />
      <DuplicateJourneyDialog journey={duplicating} onClose={() => setDuplicating(null)} />
      <ConfirmActionDialog
        opened={deleting !== null}
        title={t('confirm.deleteTitle')}
        body={t('confirm.deleteBody', { name: deleting?.name ?? '' })}
        confirmLabel={t('actions.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
      />
    </Stack>
  );
}

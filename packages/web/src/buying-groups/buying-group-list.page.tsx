/**
 * `/buying-groups`: every buying group, filtered by solution interest (`?solutionInterest=`), and
 * the stored engagement weights below the list. With an interest chosen, writers can create its
 * groups for an audience (`CreateGroupsDialog`).
 */
import {
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import { canWrite } from '@caravan/core/user';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { listBuyingGroups } from '../api/buying-groups.api.ts';
import { useSession } from '../auth/session.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { CreateGroupsDialog } from './create-groups.dialog.tsx';
import { EngagementWeightsForm } from './engagement-weights-form.tsx';
import { AccountName } from './entity-names.tsx';
import { nameOf, useSolutionInterests } from './use-buying-group-setup.ts';

const pageSize = 50;

export function BuyingGroupListPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const interestId = params.get('solutionInterest');
  const interests = useSolutionInterests();
  const session = useSession();
  const writable = session.data ? canWrite(session.data.role) : false;
  const [creating, setCreating] = useState(false);
  const pages = useInfiniteQuery({
    queryKey: ['buying-groups', { interestId }],
    queryFn: ({ pageParam }) =>
      listBuyingGroups({ solutionInterestId: interestId, limit: pageSize, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader title={t('segments.nav.buyingGroups')} />
      <Paper withBorder radius="md" p="md">
        <Group gap="md" mb="sm" align="flex-end">
          <Select
            label={t('segments.group.solutionInterest')}
            placeholder={t('segments.group.allInterests')}
            clearable
            data={(interests.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))}
            value={interestId}
            onChange={(id) => setParams(id ? { solutionInterest: id } : {})}
            w={320}
          />
          {total !== undefined && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('data.total', { count: total })}
            </Text>
          )}
          {writable && interestId && (
            <Button ml="auto" onClick={() => setCreating(true)}>
              {t('segments.groupJob.title')}
            </Button>
          )}
        </Group>
        {interestId && (
          <CreateGroupsDialog
            solutionInterestId={interestId}
            opened={creating}
            onClose={() => setCreating(false)}
          />
        )}
        <ErrorAlert error={pages.error} />
        {pages.isPending ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : (
          <GroupTable items={items} interestName={(id) => nameOf(interests.data?.items, id)} />
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
      <EngagementWeightsForm />
    </Stack>
  );
}

function GroupTable({
  items,
  interestName,
}: {
  items: BuyingGroup[];
  interestName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table
        striped
        highlightOnHover
        verticalSpacing="sm"
        aria-label={t('segments.nav.buyingGroups')}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('segments.group.account')}</Table.Th>
            <Table.Th>{t('segments.group.solutionInterest')}</Table.Th>
            <Table.Th>{t('segments.group.stage')}</Table.Th>
            <Table.Th>{t('segments.status')}</Table.Th>
            <Table.Th>{t('segments.group.completeness')}</Table.Th>
            <Table.Th>{t('segments.group.engagement')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((g) => (
            <Table.Tr key={g.id}>
              <Table.Td>
                <AccountName id={g.accountId} />
              </Table.Td>
              <Table.Td>{interestName(g.solutionInterestId)}</Table.Td>
              <Table.Td>{g.stage}</Table.Td>
              <Table.Td>{g.status ?? '—'}</Table.Td>
              <Table.Td>{g.completenessScore} %</Table.Td>
              <Table.Td>{g.engagementScore}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/buying-groups/${g.id}`}>
                  {t('segments.group.open')}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Drill-through drawers of a journey report: the accounts in a status, the people of an email. */
import { Anchor, Button, Center, Drawer, Loader, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getReportPeople, getStatusAccounts, type ReportStatus } from '../api/reports.api.ts';
import { formatDateTime } from '../layout/format.ts';

export function StatusAccountsDrawer({
  journeyId,
  status,
  onClose,
}: {
  journeyId: string;
  status: ReportStatus | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['journey-report-accounts', journeyId, status],
    queryFn: ({ pageParam }) => getStatusAccounts(journeyId, status ?? 'completed', pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: status !== null,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const label = status ? t(`reports.status.${status}`) : '';
  return (
    <Drawer
      opened={status !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={t('reports.accounts.title', { status: label })}
    >
      {pages.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('reports.empty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.accounts.account')}</Table.Th>
              <Table.Th>{t('reports.accounts.entered')}</Table.Th>
              <Table.Th>{t('reports.accounts.ended')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((a) => (
              <Table.Tr key={a.enrollmentId}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${a.accountId}`}>
                    {a.accountName ?? a.accountId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDateTime(a.enteredAt, i18n.language)}</Table.Td>
                <Table.Td>{a.endedAt ? formatDateTime(a.endedAt, i18n.language) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages.hasNextPage && (
        <Button variant="light" mt="md" onClick={() => void pages.fetchNextPage()}>
          {t('list.loadMore')}
        </Button>
      )}
    </Drawer>
  );
}

export interface PeopleTarget {
  nodeId: string;
  name: string;
  kind: 'opened' | 'clicked' | 'bounced';
}

export function MessagePeopleDrawer({
  journeyId,
  target,
  onClose,
}: {
  journeyId: string;
  target: PeopleTarget | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const pages = useInfiniteQuery({
    queryKey: ['journey-report-people', journeyId, target],
    queryFn: ({ pageParam }) =>
      getReportPeople(journeyId, target?.kind ?? 'opened', target?.nodeId ?? '', pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: target !== null,
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const title = target
    ? t('reports.people.title', { kind: t(`reports.people.${target.kind}`), name: target.name })
    : '';
  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size="lg" title={title}>
      {pages.isPending ? (
        <Center py="lg">
          <Loader />
        </Center>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.people.person')}</Table.Th>
              <Table.Th>{t('reports.people.account')}</Table.Th>
              <Table.Th>{t('reports.people.at')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.personId}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/${p.personId}`}>
                    {p.email ?? ([p.firstName, p.lastName].filter(Boolean).join(' ') || p.personId)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.accountName ?? '–'}</Table.Td>
                <Table.Td>{formatDateTime(p.at, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Drawer>
  );
}

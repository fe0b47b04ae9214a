/**
 * The account page's view of where the account stands: its buying groups, the lists and
 * audiences it is in, and the journeys it is or was in (with where it is now).
 */
import { Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getAccountSegments } from '../api/b2b.api.ts';
import { listBuyingGroups } from '../api/buying-groups.api.ts';
import { getAccountJourneys } from '../api/journey-runs.api.ts';
import { nameOf, useSolutionInterests } from '../buying-groups/use-buying-group-setup.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { StatusBadge } from '../journeys/status-badge.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function AccountBuyingGroups({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const interests = useSolutionInterests();
  const groups = useQuery({
    queryKey: ['buying-groups', { accountId }],
    queryFn: () => listBuyingGroups({ accountId, limit: 100, cursor: null }),
  });
  if (groups.error) return <ErrorAlert error={groups.error} />;
  const items = groups.data?.items ?? [];
  return (
    <Section title={t('accountRelations.buyingGroups')}>
      {items.length === 0 ? (
        <Text c="dimmed">{t('accountRelations.noBuyingGroups')}</Text>
      ) : (
        <Table aria-label={t('accountRelations.buyingGroups')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accountRelations.solutionInterest')}</Table.Th>
              <Table.Th>{t('accountRelations.stage')}</Table.Th>
              <Table.Th>{t('accountRelations.completeness')}</Table.Th>
              <Table.Th>{t('accountRelations.engagement')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((g) => (
              <Table.Tr key={g.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/buying-groups/${g.id}`}>
                    {nameOf(interests.data?.items, g.solutionInterestId)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{g.stage}</Table.Td>
                <Table.Td>{g.completenessScore} %</Table.Td>
                <Table.Td>{g.engagementScore}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function AccountSegmentsSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const segments = useQuery({
    queryKey: ['accounts', accountId, 'segments'],
    queryFn: () => getAccountSegments(accountId),
  });
  if (segments.error) return <ErrorAlert error={segments.error} />;
  const { lists = [], audiences = [] } = segments.data ?? {};
  return (
    <Section title={t('accountRelations.segments')}>
      {lists.length + audiences.length === 0 ? (
        <Text c="dimmed">{t('accountRelations.noSegments')}</Text>
      ) : (
        <Group gap="xs">
          {lists.map((l) => (
            <Anchor key={l.id} component={Link} to={`/account-lists/${l.id}`}>
              <Badge variant="light">{`${t('accountRelations.list')}: ${l.name}`}</Badge>
            </Anchor>
          ))}
          {audiences.map((a) => (
            <Anchor key={a.id} component={Link} to={`/audiences/${a.id}`}>
              <Badge
                variant="light"
                color="grape"
              >{`${t('accountRelations.audience')}: ${a.name}`}</Badge>
            </Anchor>
          ))}
        </Group>
      )}
    </Section>
  );
}

function AccountJourneysSection({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const journeys = useQuery({
    queryKey: ['accounts', accountId, 'journeys'],
    queryFn: () => getAccountJourneys(accountId),
  });
  if (journeys.error) return <ErrorAlert error={journeys.error} />;
  const items = journeys.data?.items ?? [];
  return (
    <Section title={t('accountRelations.journeys')}>
      {items.length === 0 ? (
        <Text c="dimmed">{t('accountRelations.noJourneys')}</Text>
      ) : (
        <Table aria-label={t('accountRelations.journeys')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('accountRelations.journey')}</Table.Th>
              <Table.Th>{t('accountRelations.journeyStatus')}</Table.Th>
              <Table.Th>{t('accountRelations.where')}</Table.Th>
              <Table.Th>{t('accountRelations.passes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((j) => (
              <Table.Tr key={j.journeyId}>
                <Table.Td>
                  <Anchor component={Link} to={`/journeys/${j.journeyId}`}>
                    {j.journeyName}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge status={j.journeyStatus} />
                </Table.Td>
                <Table.Td>
                  {j.status === 'active'
                    ? t('accountRelations.atNode', { node: j.nodeTitle ?? j.nodeId })
                    : t('accountRelations.ended', { reason: j.endReason ?? j.status })}
                </Table.Td>
                <Table.Td>{j.passes}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

export function AccountRelations({ accountId }: { accountId: string }) {
  return (
    <>
      <AccountBuyingGroups accountId={accountId} />
      <AccountSegmentsSection accountId={accountId} />
      <AccountJourneysSection accountId={accountId} />
    </>
  );
}

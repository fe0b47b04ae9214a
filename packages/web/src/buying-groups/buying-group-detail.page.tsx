/** `/buying-groups/:id`: the group's stage, status and scores, and its members (role, source). */
import {
  Alert,
  Anchor,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getBuyingGroup } from '../api/buying-groups.api.ts';
import { AccountName, PersonName } from './entity-names.tsx';
import { nameOf, useSolutionInterests } from './use-buying-group-setup.ts';

export function BuyingGroupDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const group = useQuery({ queryKey: ['buying-groups', id], queryFn: () => getBuyingGroup(id) });
  const interests = useSolutionInterests();
  if (group.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (group.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {group.error.message}
      </Alert>
    );
  }
  const g = group.data;
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/buying-groups" size="sm">
        {t('segments.nav.buyingGroups')}
      </Anchor>
      <Title order={1} size="h2">
        {t('segments.group.title', {
          interest: nameOf(interests.data?.items, g.solutionInterestId),
        })}
      </Title>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, md: 5 }}>
          <Fact label={t('segments.group.account')} value={<AccountName id={g.accountId} />} />
          <Fact label={t('segments.group.stage')} value={g.stage} />
          <Fact label={t('segments.status')} value={g.status ?? '—'} />
          <Fact label={t('segments.group.completeness')} value={`${g.completenessScore} %`} />
          <Fact label={t('segments.group.engagement')} value={String(g.engagementScore)} />
        </SimpleGrid>
      </Paper>
      <Members group={g} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Stack gap={2} role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={600}>{value}</Text>
    </Stack>
  );
}

function Members({ group }: { group: BuyingGroup }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('segments.members')}
        </Title>
      </Group>
      {group.members.length === 0 ? (
        <Text c="dimmed">{t('segments.noMembers')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" aria-label={t('segments.members')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.group.person')}</Table.Th>
              <Table.Th>{t('segments.role.name')}</Table.Th>
              <Table.Th>{t('segments.group.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.members.map((m) => (
              <Table.Tr key={m.personId}>
                <Table.Td>
                  <PersonName id={m.personId} />
                </Table.Td>
                <Table.Td>{m.role}</Table.Td>
                <Table.Td>{t(`segments.group.sources.${m.source}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

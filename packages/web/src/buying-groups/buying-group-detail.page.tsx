/**
 * `/buying-groups/:id`: the group's stage, status and scores, the roles it still lacks, and its
 * members (role, source); change the stage and status, assign a person of the account to a role,
 * remove a member.
 */
import {
  Alert,
  Anchor,
  Button,
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
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { listAccountPeople, personName, type Member } from '../api/b2b.api.ts';
import { getBuyingGroup, removeBuyingGroupMember } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { AssignMember, StageAndStatus, useGroupChange } from './buying-group-edits.tsx';
import { AccountName, PersonName } from './entity-names.tsx';
import { MissingRoles } from './missing-roles.tsx';
import {
  nameOf,
  useRoleTemplates,
  useSolutionInterests,
  useStageModels,
} from './use-buying-group-setup.ts';

export function BuyingGroupDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const group = useQuery({ queryKey: ['buying-groups', id], queryFn: () => getBuyingGroup(id) });
  const interests = useSolutionInterests();
  const templates = useRoleTemplates();
  const models = useStageModels();
  const accountId = group.data?.accountId;
  const people = useQuery({
    queryKey: ['accounts', accountId, 'people'],
    queryFn: () => listAccountPeople(accountId ?? ''),
    enabled: accountId !== undefined,
  });
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
  const interest = interests.data?.items.find((i) => i.id === g.solutionInterestId);
  const template = templates.data?.items.find((x) => x.id === interest?.roleTemplateId);
  const model = models.data?.items.find((x) => x.id === interest?.stageModelId);
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
      <StageAndStatus group={g} model={model} />
      {template && <MissingRoles group={g} template={template} />}
      <Members group={g} template={template} people={people.data?.items ?? []} />
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

function Members(props: {
  group: BuyingGroup;
  template: RoleTemplate | undefined;
  people: readonly Member[];
}) {
  const { t } = useTranslation();
  const { group, people } = props;
  const remove = useGroupChange(group.id, (personId: string) =>
    removeBuyingGroupMember(group.id, personId),
  );
  const nameById = new Map(people.map((p) => [p.id, personName(p)]));
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('segments.members')}
        </Title>
      </Group>
      <AssignMember group={group} template={props.template} people={people} />
      <ErrorAlert error={remove.error} />
      {group.members.length === 0 ? (
        <Text c="dimmed">{t('segments.noMembers')}</Text>
      ) : (
        <Table striped verticalSpacing="xs" mt="md" aria-label={t('segments.members')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('segments.group.person')}</Table.Th>
              <Table.Th>{t('segments.role.name')}</Table.Th>
              <Table.Th>{t('segments.group.source')}</Table.Th>
              <Table.Th />
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
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('segments.removeMember', {
                      name: nameById.get(m.personId) ?? m.personId,
                    })}
                    loading={remove.isPending && remove.variables === m.personId}
                    onClick={() => remove.mutate(m.personId)}
                  >
                    {t('data.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

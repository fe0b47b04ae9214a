/** `/solution-interests`: what accounts may buy, each with its role template and stage model. */
import { Anchor, Center, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import {
  nameOf,
  useRoleTemplates,
  useSolutionInterests,
  useStageModels,
} from './use-buying-group-setup.ts';

export function SolutionInterestListPage() {
  const { t } = useTranslation();
  const interests = useSolutionInterests();
  const templates = useRoleTemplates();
  const models = useStageModels();
  const items = interests.data?.items ?? [];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader title={t('segments.nav.solutionInterests')} />
      <Paper withBorder radius="md" p="md">
        <ErrorAlert error={interests.error ?? templates.error ?? models.error} />
        {interests.isPending ? (
          <Center py="xl">
            <Loader />
          </Center>
        ) : (
          <Table striped verticalSpacing="sm" aria-label={t('segments.nav.solutionInterests')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('segments.name')}</Table.Th>
                <Table.Th>{t('segments.description')}</Table.Th>
                <Table.Th>{t('segments.group.roleTemplate')}</Table.Th>
                <Table.Th>{t('segments.group.stageModel')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td fw={600}>{i.name}</Table.Td>
                  <Table.Td>{i.description || '—'}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to="/role-templates">
                      {nameOf(templates.data?.items, i.roleTemplateId)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to="/stage-models">
                      {nameOf(models.data?.items, i.stageModelId)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/buying-groups?solutionInterest=${i.id}`}>
                      {t('segments.nav.buyingGroups')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {!interests.isPending && items.length === 0 && (
          <Text ta="center" c="dimmed" py="lg">
            {t('data.empty')}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}

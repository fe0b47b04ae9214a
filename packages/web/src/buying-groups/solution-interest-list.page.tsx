/**
 * `/solution-interests`: what accounts may buy, each with its role template and stage model;
 * *Create solution interest*, and *Edit* / *Delete* per row.
 */
import { Anchor, Button, Center, Loader, Paper, Stack, Table, Text } from '@mantine/core';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deleteSolutionInterest } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { DeleteSetupDialog } from './delete-setup.dialog.tsx';
import { RowActions } from './row-actions.tsx';
import { SolutionInterestDialog } from './solution-interest.dialog.tsx';
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
  const [editing, setEditing] = useState<SolutionInterest | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SolutionInterest | null>(null);
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('segments.nav.solutionInterests')}
        action={
          <Button onClick={() => setEditing('new')}>{t('segments.setup.createInterest')}</Button>
        }
      />
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
                  <Table.Td>
                    <RowActions
                      name={i.name}
                      onEdit={() => setEditing(i)}
                      onDelete={() => setDeleting(i)}
                    />
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
      {editing !== null && (
        <SolutionInterestDialog
          interest={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting !== null && (
        <DeleteSetupDialog
          title={t('segments.setup.deleteInterest')}
          name={deleting.name}
          queryKey="solution-interests"
          remove={() => deleteSolutionInterest(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}

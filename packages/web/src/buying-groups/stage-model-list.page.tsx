/**
 * `/stage-models`: each model's stages with their kind and the moves allowed out of each;
 * *Create stage model*, and *Edit* / *Delete* per model.
 */
import {
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteStageModel } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { DeleteSetupDialog } from './delete-setup.dialog.tsx';
import { RowActions } from './row-actions.tsx';
import { StageModelDialog } from './stage-model.dialog.tsx';
import { useStageModels } from './use-buying-group-setup.ts';

export function StageModelListPage() {
  const { t } = useTranslation();
  const models = useStageModels();
  const items = models.data?.items ?? [];
  const [editing, setEditing] = useState<StageModel | 'new' | null>(null);
  const [deleting, setDeleting] = useState<StageModel | null>(null);
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('segments.nav.stageModels')}
        action={
          <Button onClick={() => setEditing('new')}>{t('segments.setup.createModel')}</Button>
        }
      />
      <ErrorAlert error={models.error} />
      {models.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {!models.isPending && items.length === 0 && (
        <Text ta="center" c="dimmed" py="lg">
          {t('data.empty')}
        </Text>
      )}
      {items.map((model) => (
        <StageTable
          key={model.id}
          model={model}
          onEdit={() => setEditing(model)}
          onDelete={() => setDeleting(model)}
        />
      ))}
      {editing !== null && (
        <StageModelDialog
          model={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting !== null && (
        <DeleteSetupDialog
          title={t('segments.setup.deleteModel')}
          name={deleting.name}
          queryKey="stage-models"
          remove={() => deleteStageModel(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}

function StageTable(props: { model: StageModel; onEdit: () => void; onDelete: () => void }) {
  const { model } = props;
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {model.name}
        </Title>
        <RowActions name={model.name} onEdit={props.onEdit} onDelete={props.onDelete} />
      </Group>
      <Table striped verticalSpacing="xs" mt="sm" aria-label={model.name}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('segments.stage.name')}</Table.Th>
            <Table.Th>{t('segments.stage.kind')}</Table.Th>
            <Table.Th>{t('segments.stage.movesTo')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {model.stages.map((stage) => {
            const targets = model.transitions.filter((tr) => tr.from === stage.name);
            return (
              <Table.Tr key={stage.name}>
                <Table.Td fw={600}>{stage.name}</Table.Td>
                <Table.Td>
                  <Badge variant="light">{t(`segments.stage.kinds.${stage.kind}`)}</Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {targets.length === 0
                      ? '—'
                      : targets.map((tr) => (
                          <Badge key={tr.to} variant="outline" color="gray">
                            {tr.to}
                          </Badge>
                        ))}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

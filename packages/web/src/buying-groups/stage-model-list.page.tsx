/** `/stage-models`: each model's stages with their kind and the moves allowed out of each. */
import { Badge, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { useStageModels } from './use-buying-group-setup.ts';

export function StageModelListPage() {
  const { t } = useTranslation();
  const models = useStageModels();
  const items = models.data?.items ?? [];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader title={t('segments.nav.stageModels')} />
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
        <StageTable key={model.id} model={model} />
      ))}
    </Stack>
  );
}

function StageTable({ model }: { model: StageModel }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4">
        {model.name}
      </Title>
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

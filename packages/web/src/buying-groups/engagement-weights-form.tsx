/**
 * *Engagement weights* on the buying groups page: points and daily cap per activity type and the
 * saturation, stored for the daily run and every recompute (docs/engagement-score.md). Saving
 * does not rescore; *Recompute scores now* does, for every group.
 */
import {
  ActionIcon,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getEngagementSettings,
  recomputeEngagement,
  saveEngagementSettings,
  type EngagementSettings,
} from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import {
  newWeightRow,
  weightsDraft,
  weightsSettings,
  type WeightRow,
  type WeightsDraft,
} from './engagement-weights-draft.ts';

const settingsKey = ['engagement-weights'];

function WeightRows(props: { draft: WeightsDraft; onChange: (draft: WeightsDraft) => void }) {
  const { t } = useTranslation();
  const { draft, onChange } = props;
  const setRow = (key: number, patch: Partial<WeightRow>) =>
    onChange({ ...draft, rows: draft.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  return (
    <Table verticalSpacing={4} aria-label={t('segments.engagement.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('segments.engagement.type')}</Table.Th>
          <Table.Th>{t('segments.engagement.points')}</Table.Th>
          <Table.Th>{t('segments.engagement.dailyCap')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {draft.rows.map((row, index) => {
          const n = index + 1;
          return (
            <Table.Tr key={row.key}>
              <Table.Td>
                <TextInput
                  aria-label={t('segments.engagement.typeN', { n })}
                  value={row.type}
                  onChange={(e) => setRow(row.key, { type: e.currentTarget.value })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('segments.engagement.pointsN', { n })}
                  min={0}
                  value={row.points}
                  onChange={(points) => setRow(row.key, { points })}
                />
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('segments.engagement.dailyCapN', { n })}
                  min={0}
                  value={row.dailyCap}
                  onChange={(dailyCap) => setRow(row.key, { dailyCap })}
                />
              </Table.Td>
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('segments.engagement.removeN', { n })}
                  onClick={() =>
                    onChange({ ...draft, rows: draft.rows.filter((r) => r.key !== row.key) })
                  }
                >
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function WeightsEditor({ stored }: { stored: EngagementSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => weightsDraft(stored));
  const save = useMutation({
    mutationFn: saveEngagementSettings,
    onSuccess: (saved) => queryClient.setQueryData(settingsKey, saved),
  });
  const recompute = useMutation({
    mutationFn: recomputeEngagement,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['buying-groups'] }),
  });
  const settings = weightsSettings(draft);
  return (
    <Stack gap="sm">
      <WeightRows draft={draft} onChange={setDraft} />
      <Group align="flex-end">
        <Button
          variant="light"
          onClick={() => setDraft({ ...draft, rows: [...draft.rows, newWeightRow()] })}
        >
          {t('segments.engagement.add')}
        </Button>
        <NumberInput
          w={280}
          label={t('segments.engagement.saturation')}
          min={0}
          value={draft.saturation}
          onChange={(saturation) => setDraft({ ...draft, saturation })}
        />
      </Group>
      {!settings.ok && (
        <List size="sm" c="orange">
          {settings.error.map((p) => (
            <List.Item key={p}>{t(`segments.engagement.problems.${p}`)}</List.Item>
          ))}
        </List>
      )}
      <ErrorAlert error={save.error ?? recompute.error} />
      {save.isSuccess && (
        <Text size="sm" c="teal" role="status">
          {t('segments.engagement.saved')}
        </Text>
      )}
      {recompute.data && (
        <Text size="sm" role="status">
          {t('segments.engagement.recomputed', {
            count: recompute.data.groups,
            changed: recompute.data.changed,
          })}
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" loading={recompute.isPending} onClick={() => recompute.mutate()}>
          {t('segments.engagement.recompute')}
        </Button>
        <Button
          disabled={!settings.ok}
          loading={save.isPending}
          onClick={() => settings.ok && save.mutate(settings.value)}
        >
          {t('segments.engagement.save')}
        </Button>
      </Group>
    </Stack>
  );
}

export function EngagementWeightsForm() {
  const { t } = useTranslation();
  const stored = useQuery({ queryKey: settingsKey, queryFn: getEngagementSettings });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('segments.engagement.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('segments.engagement.hint')}
        </Text>
        <ErrorAlert error={stored.error} />
        {stored.data && <WeightsEditor stored={stored.data} />}
      </Stack>
    </Paper>
  );
}

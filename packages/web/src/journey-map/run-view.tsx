/**
 * The run of a published journey around its read-only canvas: metrics re-read every 5 s and
 * handed to the nodes, the journey's totals, and the drawer that lists a count's accounts.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getJourneyMetrics,
  type JourneyMetrics,
  type NodeAccountsState,
} from '../api/journey-runs.api.ts';
import { RunAccountsDrawer, type DrillDown } from './run-accounts.drawer.tsx';
import { RunCountsContext, runMetricsKey, runRefreshMs, type RunCounts } from './run-counts.ts';
import { nodeTitleText } from '../map/node-text.ts';
import { numberFormat } from '../layout/format.ts';

function RunTotals({ totals }: { totals: JourneyMetrics['totals'] }) {
  const { t, i18n } = useTranslation();
  const number = numberFormat(i18n.language);
  const items = [
    ['entered', totals.entered],
    ['inProgress', totals.inProgress],
    ['completed', totals.completed],
    ['aborted', totals.aborted],
  ] as const;
  return (
    <Paper withBorder radius="md" px="md" py={6} component="section" aria-label={t('run.totals')}>
      <Group gap="lg">
        {items.map(([key, value]) => (
          <Text key={key} size="sm">
            {t(`run.totalLabels.${key}`)}: <strong>{number.format(value)}</strong>
          </Text>
        ))}
      </Group>
    </Paper>
  );
}

interface Props {
  journeyId: string;
  definition: JourneyDefinition;
  /** The map; its nodes read the counts from context. The totals go above it. */
  children: ReactNode;
}

export function RunView({ journeyId, definition, children }: Props) {
  const { t } = useTranslation();
  const metrics = useQuery({
    queryKey: runMetricsKey(journeyId),
    queryFn: () => getJourneyMetrics(journeyId),
    refetchInterval: runRefreshMs,
  });
  const [target, setTarget] = useState<DrillDown | null>(null);
  const open = useCallback(
    (nodeId: string, state: NodeAccountsState) => {
      const node = definition.nodes.find((n) => n.id === nodeId);
      setTarget({ nodeId, state, title: node ? nodeTitleText(t, node) : nodeId });
    },
    [definition, t],
  );
  const counts = useMemo<RunCounts>(
    () => ({
      byNode: new Map((metrics.data?.nodes ?? []).map((n) => [n.nodeId, n])),
      open,
    }),
    [metrics.data, open],
  );
  return (
    <RunCountsContext.Provider value={counts}>
      {metrics.data && <RunTotals totals={metrics.data.totals} />}
      {children}
      <RunAccountsDrawer
        journeyId={journeyId}
        target={target}
        onChangeState={(state) => setTarget((shown) => (shown ? { ...shown, state } : shown))}
        onClose={() => setTarget(null)}
      />
    </RunCountsContext.Provider>
  );
}

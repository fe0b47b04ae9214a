/** `/journeys/:id`: the map header (name, *Edit*, status, actions), the canvas and the history. */
// First: a map opened by its URL may load (and run) before the app's entry (`main.tsx`).
import '../zod-config.ts';
import { canWrite } from '@caravan/core/user';
import { Anchor, Box, Center, Flex, Group, Loader, Paper, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Suspense, lazy, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http-client.ts';
import { getJourney, type ApiJourney } from '../api/journeys.api.ts';
import { useSession } from '../auth/session.ts';
import { journeyKey } from '../journeys/journey-mutations.ts';
import { StatusBadge } from '../journeys/status-badge.tsx';
import { formatDateTime } from '../layout/format.ts';
import { JourneyCanvas } from '../map/journey-canvas.tsx';
import { JourneyEditor, canvasFallback } from '../map/journey-editor.tsx';
import { PropertiesPanel } from '../map/properties/properties-panel.tsx';
import { JourneyActions } from './journey-actions.tsx';
import { JourneyTitle } from './journey-title.tsx';
import { RunView } from './run-view.tsx';
import { SaveConflict } from './save-conflict.tsx';
import { StatusHistory } from './status-history.tsx';

// The report brings the charts (Recharts); only a journey's Report tab loads them.
const JourneyReportTab = lazy(async () => ({
  default: (await import('../reports/journey-report.tab.tsx')).JourneyReportTab,
}));

function MapHeader({
  journey,
  publishBlocked = false,
  publishWaiting = false,
}: {
  journey: ApiJourney;
  publishBlocked?: boolean;
  publishWaiting?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const writable = session.data ? canWrite(session.data.role) : false;
  return (
    <Paper withBorder radius="md" p="md" component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group align="flex-start" gap="md" wrap="nowrap" miw={0} style={{ flex: 1 }}>
          <JourneyTitle journey={journey} canEdit={writable} />
          <Box pt={6}>
            <StatusBadge status={journey.status} />
          </Box>
        </Group>
        {writable && (
          // The buttons keep their width; the name gives way.
          <Box style={{ flexShrink: 0 }}>
            <JourneyActions
              journey={journey}
              publishBlocked={publishBlocked}
              publishWaiting={publishWaiting}
            />
          </Box>
        )}
      </Group>
      <Text size="xs" c="dimmed" mt="xs">
        {t('list.columns.updatedAt')}: {formatDateTime(journey.updatedAt, i18n.language)}
        {journey.updatedBy ? ` · ${t('map.by', { name: journey.updatedBy.name })}` : ''}
        {journey.publishedAt
          ? ` · ${t('list.columns.publishedAt')}: ${formatDateTime(journey.publishedAt, i18n.language)}`
          : ''}
      </Text>
    </Paper>
  );
}

/** A journey that cannot be edited (published, or a viewer): the read-only canvas. */
function ReadOnlyMap({ journey }: { journey: ApiJourney }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = journey.definition.nodes.find((n) => n.id === selectedId);
  const grid = (
    <Flex gap="md" direction={{ base: 'column', lg: 'row' }} align="flex-start">
      <Box flex={1} miw={0} w="100%">
        <Paper
          withBorder
          radius="md"
          h="calc(100vh - 290px)"
          mih={420}
          style={{ overflow: 'hidden' }}
        >
          <Suspense fallback={canvasFallback}>
            <JourneyCanvas
              definition={journey.definition}
              onSelect={setSelectedId}
              journeyId={journey.id}
            />
          </Suspense>
        </Paper>
      </Box>
      <Box w={{ base: '100%', lg: 340 }} style={{ flexShrink: 0 }}>
        <Stack gap="md">
          {selected && (
            <PropertiesPanel
              node={selected}
              definition={journey.definition}
              problems={[]}
              readOnly
              run={() => false}
              onDeleted={() => setSelectedId(null)}
            />
          )}
          <StatusHistory journeyId={journey.id} />
        </Stack>
      </Box>
    </Flex>
  );
  return (
    <>
      <MapHeader journey={journey} />
      {journey.status === 'draft' ? grid : <PublishedTabs journey={journey} grid={grid} />}
    </>
  );
}

/** A published journey: its map with the run's counts, and its report. */
function PublishedTabs({ journey, grid }: { journey: ApiJourney; grid: ReactNode }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('map');
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false}>
      <Tabs.List mb="md">
        <Tabs.Tab value="map">{t('reports.tabs.map')}</Tabs.Tab>
        <Tabs.Tab value="report">{t('reports.tabs.report')}</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="map">
        {/* A published journey shows its run: counts on the nodes, totals, drill-down. */}
        <RunView journeyId={journey.id} definition={journey.definition}>
          {grid}
        </RunView>
      </Tabs.Panel>
      <Tabs.Panel value="report">
        <Suspense
          fallback={
            <Center py="xl">
              <Loader />
            </Center>
          }
        >
          <JourneyReportTab journeyId={journey.id} />
        </Suspense>
      </Tabs.Panel>
    </Tabs>
  );
}

/** How long a journey just fetched is used as it is when its map opens. */
const journeyFreshMs = 10_000;

export function JourneyMapPage() {
  const { t } = useTranslation();
  const session = useSession();
  const { id = '' } = useParams();
  const journey = useQuery({
    queryKey: journeyKey(id),
    queryFn: () => getJourney(id),
    // A map opened by its URL has just been fetched (`route-prefetch.ts`): not again on mount.
    // Every change made here writes the cache itself; leaving and coming back later refetches.
    staleTime: journeyFreshMs,
  });

  if (journey.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (journey.error) {
    const missing = journey.error instanceof ApiError && journey.error.status === 404;
    return (
      <Stack align="center" py="xl">
        <Text c={missing ? undefined : 'red'} fw={600}>
          {missing ? t('map.notFound') : journey.error.message}
        </Text>
        <Anchor component={Link} to="/journeys">
          {t('map.back')}
        </Anchor>
      </Stack>
    );
  }
  const editable = journey.data.status === 'draft' && !!session.data && canWrite(session.data.role);
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/journeys" size="sm">
        ← {t('map.back')}
      </Anchor>
      {editable && <SaveConflict journeyId={journey.data.id} />}
      {editable ? (
        <JourneyEditor
          // One editor per journey: its edit history must not leak into another journey.
          key={journey.data.id}
          journey={journey.data}
          header={(blocked, saving) => (
            <MapHeader journey={journey.data} publishBlocked={blocked} publishWaiting={saving} />
          )}
          aside={<StatusHistory journeyId={journey.data.id} />}
        />
      ) : (
        <ReadOnlyMap journey={journey.data} />
      )}
    </Stack>
  );
}

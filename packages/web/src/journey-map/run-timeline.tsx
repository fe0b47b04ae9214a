/**
 * One account's passes through the journey (SPEC §4 "Explain"): each entry with its time, the
 * node's title, what happened, the path taken and the reason the engine recorded.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { Badge, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getAccountTimeline, type TimelineEntry } from '../api/journey-runs.api.ts';
import { getJourney } from '../api/journeys.api.ts';
import { journeyKey } from '../journeys/journey-mutations.ts';
import { formatDateTime } from '../layout/format.ts';
import { nodeTitleText, type MapNames } from '../map/node-text.ts';
import { useMapNames } from '../map/use-map-names.ts';
import { rawOf, timelineWords } from './timeline-words.ts';

const emptyDefinition: JourneyDefinition = { nodes: [], edges: [] };

const timelineKinds = [
  'entered',
  'step',
  'queued',
  'sent',
  'suppressed',
  'blocked',
  'failed',
  'exited',
] as const;

function Entry({
  entry,
  definition,
  names,
}: {
  entry: TimelineEntry;
  definition: JourneyDefinition | undefined;
  names: MapNames;
}) {
  const { t, i18n } = useTranslation();
  const kind = (timelineKinds as readonly string[]).includes(entry.kind)
    ? t(`run.kinds.${entry.kind as (typeof timelineKinds)[number]}`)
    : entry.kind;
  const words = timelineWords(t, names, entry, definition);
  const node = definition?.nodes.find((n) => n.id === entry.nodeId);
  const title = node ? nodeTitleText(t, node) : entry.nodeTitle;
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {formatDateTime(entry.at, i18n.language)}
      </Text>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {title ?? t('run.journey')}
        </Text>
        <Badge size="xs" variant="light">
          {kind}
        </Badge>
      </Group>
      {words && (
        // The engine's own code stays one hover away.
        <Text size="sm" title={rawOf(entry)}>
          {words}
        </Text>
      )}
    </Stack>
  );
}

export function RunTimeline({ journeyId, accountId }: { journeyId: string; accountId: string }) {
  const { t, i18n } = useTranslation();
  // The definition names the paths and conditions the entries refer to (cached with the map).
  const journey = useQuery({
    queryKey: journeyKey(journeyId),
    queryFn: () => getJourney(journeyId),
  });
  const definition = journey.data?.definition;
  const names = useMapNames(definition ?? emptyDefinition, journeyId);
  const timeline = useQuery({
    queryKey: ['journeys', journeyId, 'accounts', accountId, 'timeline'],
    queryFn: () => getAccountTimeline(journeyId, accountId),
  });
  if (timeline.isPending) return <Loader size="sm" />;
  if (timeline.error) return <Text c="red">{timeline.error.message}</Text>;
  const { passes } = timeline.data;
  if (passes.length === 0) return <Text c="dimmed">{t('run.noTimeline')}</Text>;
  return (
    <Stack gap="lg" component="section" aria-label={t('run.timeline')}>
      {passes.map((pass) => (
        <Stack key={pass.enrollmentId} gap="xs">
          <Title order={3} size="h6">
            {t('run.pass', { pass: pass.pass })} · {formatDateTime(pass.enteredAt, i18n.language)}
            {' · '}
            {pass.endReason
              ? t('run.ended', {
                  reason: t(`mapText.ends.${pass.endReason}`, { defaultValue: pass.endReason }),
                })
              : t('run.inProgress')}
          </Title>
          {pass.entries.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('run.noEntries')}
            </Text>
          )}
          <Timeline bulletSize={12} lineWidth={2} active={pass.entries.length - 1}>
            {pass.entries.map((entry, index) => (
              <Timeline.Item key={`${entry.at}-${index}`}>
                <Entry entry={entry} definition={definition} names={names} />
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ))}
    </Stack>
  );
}

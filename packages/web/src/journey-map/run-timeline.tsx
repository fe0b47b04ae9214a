/**
 * One account's passes through the journey (SPEC §4 "Explain"): each entry with its time, the
 * node's title, what happened, the path taken and the reason the engine recorded.
 */
import { Badge, Group, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getAccountTimeline, type TimelineEntry } from '../api/journey-runs.api.ts';
import { formatDateTime } from '../layout/format.ts';

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

/** The engine's own words for the entry: its reason, else its decision. */
function reasonOf(entry: TimelineEntry): string | null {
  const { reason, decision } = entry.detail;
  if (typeof reason === 'string' && reason !== '') return reason;
  if (typeof decision === 'string' && decision !== '') return decision;
  return null;
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const kind = (timelineKinds as readonly string[]).includes(entry.kind)
    ? t(`run.kinds.${entry.kind as (typeof timelineKinds)[number]}`)
    : entry.kind;
  const reason = reasonOf(entry);
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {formatDateTime(entry.at, i18n.language)}
      </Text>
      <Group gap={6}>
        <Text size="sm" fw={600}>
          {entry.nodeTitle ?? t('run.journey')}
        </Text>
        <Badge size="xs" variant="light">
          {kind}
        </Badge>
        {entry.port && (
          <Badge size="xs" variant="outline" color="gray">
            {t('run.path', { port: entry.port })}
          </Badge>
        )}
      </Group>
      {reason && <Text size="sm">{reason}</Text>}
    </Stack>
  );
}

export function RunTimeline({ journeyId, accountId }: { journeyId: string; accountId: string }) {
  const { t, i18n } = useTranslation();
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
            {pass.endReason ? t('run.ended', { reason: pass.endReason }) : t('run.inProgress')}
          </Title>
          {pass.entries.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('run.noEntries')}
            </Text>
          )}
          <Timeline bulletSize={12} lineWidth={2} active={pass.entries.length - 1}>
            {pass.entries.map((entry, index) => (
              <Timeline.Item key={`${entry.at}-${index}`}>
                <Entry entry={entry} />
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ))}
    </Stack>
  );
}

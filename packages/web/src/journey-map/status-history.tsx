/** Who moved the journey between statuses, and when (SPEC §1, last bullet). */
import { Paper, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listStatusChanges } from '../api/journeys.api.ts';
import { journeyHistoryKey } from '../journeys/journey-mutations.ts';
import { formatDateTime } from '../layout/format.ts';

export function StatusHistory({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const history = useQuery({
    queryKey: journeyHistoryKey(journeyId),
    queryFn: () => listStatusChanges(journeyId),
  });
  const items = history.data?.items ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('map.history')}>
      <Title order={2} size="h5" mb="sm">
        {t('map.history')}
      </Title>
      {history.error && (
        <Text c="red" size="sm">
          {history.error.message}
        </Text>
      )}
      {items.length === 0 && !history.error && (
        <Text size="sm" c="dimmed">
          {t('map.historyEmpty')}
        </Text>
      )}
      <Timeline bulletSize={12} lineWidth={2} active={items.length - 1}>
        {[...items].reverse().map((change, i) => (
          <Timeline.Item
            key={`${change.at}-${i}`}
            title={
              change.from
                ? t('map.historyEntry', {
                    from: t(`status.${change.from}`),
                    to: t(`status.${change.to}`),
                  })
                : `${t('map.created')}: ${t(`status.${change.to}`)}`
            }
          >
            <Text size="xs" c="dimmed">
              {formatDateTime(change.at, i18n.language)}{' '}
              {change.by
                ? t('map.by', { name: change.by.name || change.by.email })
                : t('map.system')}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}

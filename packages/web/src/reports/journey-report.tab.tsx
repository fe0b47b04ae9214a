/**
 * The *Report* tab of a published journey (issue 12): account status donut (click a status for
 * its accounts), completion over time, completion rate and duration tiles, engagement donuts,
 * and the email and SMS tables (click a number for the people). Re-read every 5 s while open.
 * Loaded lazily with the charts, so the map does not carry Recharts.
 */
import '@mantine/charts/styles.css';
import { DonutChart, LineChart } from '@mantine/charts';
import { Anchor, Center, Group, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getJourneyReport,
  journeyReportCsvUrl,
  type MessagePerformance,
  type ReportStatus,
} from '../api/reports.api.ts';
import { formatDateTime } from '../layout/format.ts';
import { MessagePeopleDrawer, StatusAccountsDrawer, type PeopleTarget } from './report-drawers.tsx';
import {
  MessageTable,
  Tile,
  Widget,
  formatDuration,
  useNumbers,
  type MessageTableRow,
} from './report-widgets.tsx';

const statusColors: Record<ReportStatus, string> = {
  completed: 'teal.6',
  inProgress: 'indigo.5',
  aborted: 'red.6',
  exited: 'gray.5',
};

const rowsOf = (items: MessagePerformance[]): MessageTableRow[] =>
  items.map((m) => ({ ...m, key: m.nodeId, detail: m.nodeTitle }));

export function JourneyReportTab({ journeyId }: { journeyId: string }) {
  const { t, i18n } = useTranslation();
  const { n, percent } = useNumbers();
  const [status, setStatus] = useState<ReportStatus | null>(null);
  const [people, setPeople] = useState<PeopleTarget | null>(null);
  const report = useQuery({
    queryKey: ['journey-report', journeyId],
    queryFn: () => getJourneyReport(journeyId),
    refetchInterval: 5000,
  });
  if (report.isPending) {
    return (
      <Center py="xl" aria-label={t('reports.loading')}>
        <Loader />
      </Center>
    );
  }
  if (report.error) return <Text c="red">{report.error.message}</Text>;
  const r = report.data;
  const drill = (row: MessageTableRow, kind: PeopleTarget['kind']) =>
    setPeople({ nodeId: row.key, name: row.name, kind });
  const statusLabel = (s: ReportStatus) => t(`reports.status.${s}`);
  const engagedTypes = Object.entries(r.engagement.byType);
  const time = (at: string) =>
    r.granularity === 'hour'
      ? new Intl.DateTimeFormat(i18n.language, {
          day: 'numeric',
          month: 'short',
          hour: '2-digit',
        }).format(new Date(at))
      : at;
  return (
    <Stack gap="md">
      <Text size="xs" c="dimmed">
        {t('reports.updated', { time: formatDateTime(r.generatedAt, i18n.language) })}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Tile label={t('reports.completion.rate')} value={percent(r.completionRate)} />
        <Tile label={t('reports.completion.average')} value={formatDuration(r.averageDurationMs)} />
        <Tile label={t('reports.completion.median')} value={formatDuration(r.medianDurationMs)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Widget title={t('reports.status.title')} csvUrl={journeyReportCsvUrl(journeyId, 'status')}>
          <Group align="center" wrap="nowrap">
            <DonutChart
              size={160}
              thickness={26}
              withTooltip
              chartLabel={n(r.accounts)}
              data={r.statuses.map((s) => ({
                name: statusLabel(s.status),
                value: s.count,
                color: statusColors[s.status],
              }))}
            />
            <Stack gap={4}>
              {r.statuses.map((s) => (
                <Group key={s.status} gap="xs">
                  <Text size="sm">{statusLabel(s.status)}:</Text>
                  <Anchor
                    component="button"
                    type="button"
                    size="sm"
                    fw={600}
                    onClick={() => setStatus(s.status)}
                    aria-label={t('reports.status.show', { status: statusLabel(s.status) })}
                  >
                    {n(s.count)}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    ({percent(s.percent)})
                  </Text>
                </Group>
              ))}
            </Stack>
          </Group>
        </Widget>
        <Widget
          title={t('reports.completion.title')}
          csvUrl={journeyReportCsvUrl(journeyId, 'completion')}
        >
          {r.completionOverTime.length === 0 ? (
            <Text c="dimmed">{t('reports.empty')}</Text>
          ) : (
            <LineChart
              h={180}
              dataKey="at"
              data={r.completionOverTime.map((p) => ({ at: time(p.at), completed: p.completed }))}
              series={[
                { name: 'completed', label: t('reports.completion.completed'), color: 'teal.6' },
              ]}
              curveType="monotone"
            />
          )}
        </Widget>
      </SimpleGrid>
      <Widget title={t('reports.engagement.title')}>
        <Group gap="xl" align="center">
          <DonutChart
            size={140}
            thickness={22}
            withTooltip
            chartLabel={percent(r.accounts ? (r.engagement.engagedAccounts / r.accounts) * 100 : 0)}
            data={[
              {
                name: t('reports.engagement.engaged'),
                value: r.engagement.engagedAccounts,
                color: 'teal.6',
              },
              {
                name: t('reports.engagement.notEngaged'),
                value: r.engagement.notEngagedAccounts,
                color: 'gray.4',
              },
            ]}
          />
          <Stack gap={4}>
            <Text size="sm">
              {t('reports.engagement.engaged')}: <strong>{n(r.engagement.engagedAccounts)}</strong>
            </Text>
            <Text size="sm">
              {t('reports.engagement.notEngaged')}:{' '}
              <strong>{n(r.engagement.notEngagedAccounts)}</strong>
            </Text>
            <Text size="sm">
              {t('reports.engagement.people')}: <strong>{n(r.engagement.engagedPeople)}</strong>
            </Text>
            {engagedTypes.map(([type, count]) => (
              <Text key={type} size="xs" c="dimmed">
                {t(`reports.engagement.types.${type}`, { defaultValue: type })}: {n(count)}
              </Text>
            ))}
          </Stack>
        </Group>
      </Widget>
      <Widget
        title={t('reports.email.title')}
        csvUrl={journeyReportCsvUrl(journeyId, 'email')}
        more={<MessageTable rows={rowsOf(r.email)} full onDrill={drill} />}
      >
        <MessageTable rows={rowsOf(r.email)} onDrill={drill} />
      </Widget>
      <Widget
        title={t('reports.sms.title')}
        csvUrl={journeyReportCsvUrl(journeyId, 'sms')}
        more={<MessageTable rows={rowsOf(r.sms)} full />}
      >
        <MessageTable rows={rowsOf(r.sms)} />
      </Widget>
      <StatusAccountsDrawer journeyId={journeyId} status={status} onClose={() => setStatus(null)} />
      <MessagePeopleDrawer journeyId={journeyId} target={people} onClose={() => setPeople(null)} />
    </Stack>
  );
}

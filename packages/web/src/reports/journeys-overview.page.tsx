/**
 * `/journeys/overview` (issue 12): journeys by completion-rate band (donut), journeys by
 * engagement type (bars), and every journey's accounts, completion and engagement.
 */
import '@mantine/charts/styles.css';
import { BarChart, DonutChart } from '@mantine/charts';
import { Anchor, Center, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getJourneysOverview, overviewCsvUrl } from '../api/reports.api.ts';
import { StatusBadge } from '../journeys/status-badge.tsx';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { JourneyTabs } from './journey-tabs.tsx';
import { Widget, useNumbers } from './report-widgets.tsx';

const bandColors = ['red.5', 'orange.5', 'yellow.5', 'teal.6'];

export function JourneysOverviewPage() {
  const { t } = useTranslation();
  const { n, percent } = useNumbers();
  const overview = useQuery({
    queryKey: ['journeys-overview'],
    queryFn: getJourneysOverview,
    refetchInterval: 10_000,
  });
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Title order={1} size="h2">
        {t('app.accountJourneys')}
      </Title>
      <JourneyTabs active="overview" />
      {overview.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : overview.error ? (
        <Text c="red">{overview.error.message}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Widget title={t('reports.overview.bands')}>
              <DonutChart
                size={180}
                thickness={28}
                withTooltip
                withLabelsLine
                withLabels
                data={overview.data.completionBands.map((b, i) => {
                  const [from, to] = b.band.split('-');
                  return {
                    name: t('reports.overview.band', { from, to }),
                    value: b.journeys,
                    color: bandColors[i] ?? 'gray.5',
                  };
                })}
              />
              <Stack gap={2} mt="sm">
                {overview.data.completionBands.map((b) => {
                  const [from, to] = b.band.split('-');
                  return (
                    <Text key={b.band} size="sm">
                      {t('reports.overview.band', { from, to })}: <strong>{n(b.journeys)}</strong>
                    </Text>
                  );
                })}
              </Stack>
            </Widget>
            <Widget title={t('reports.overview.types')}>
              <BarChart
                h={220}
                dataKey="type"
                data={overview.data.engagementTypes.map((e) => ({
                  type: t(`reports.engagement.types.${e.type}`, { defaultValue: e.type }),
                  journeys: e.journeys,
                }))}
                series={[
                  { name: 'journeys', label: t('reports.overview.journeys'), color: 'indigo.5' },
                ]}
              />
            </Widget>
          </SimpleGrid>
          <Widget title={t('reports.overview.table')} csvUrl={overviewCsvUrl()}>
            <Table.ScrollContainer minWidth={700}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('reports.columns.name')}</Table.Th>
                    <Table.Th>{t('list.columns.status')}</Table.Th>
                    <Table.Th>{t('reports.overview.accounts')}</Table.Th>
                    <Table.Th>{t('reports.overview.completionRate')}</Table.Th>
                    <Table.Th>{t('reports.overview.engagementRate')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {overview.data.journeys.map((j) => (
                    <Table.Tr key={j.journeyId}>
                      <Table.Td>
                        <Anchor component={Link} to={`/journeys/${j.journeyId}`}>
                          {j.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={j.status as JourneyStatus} />
                      </Table.Td>
                      <Table.Td>{n(j.accounts)}</Table.Td>
                      <Table.Td>{percent(j.completionRate)}</Table.Td>
                      <Table.Td>{percent(j.engagementRate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Widget>
        </>
      )}
    </Stack>
  );
}

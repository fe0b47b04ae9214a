/**
 * `/reports/email-performance` (issue 12): journeys (multi-select) and dates (presets or custom),
 * the count and rate tiles, the per-email table 10 a page, and a CSV that follows the filters.
 * `EmailPerformancePanel` is also the email page's "performance across journeys".
 */
import {
  Button,
  Center,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listJourneys } from '../api/journeys.api.ts';
import {
  emailPerformanceCsvUrl,
  getEmailPerformance,
  type EmailPerformanceFilter,
} from '../api/reports.api.ts';
import { MessageTable, Tile, Widget, useNumbers } from './report-widgets.tsx';

const presets = ['all', 'today', 'last7', 'last30', 'last90', 'custom'] as const;
type Preset = (typeof presets)[number];
const presetDays: Partial<Record<Preset, number>> = { today: 0, last7: 6, last30: 29, last90: 89 };

const day = (date: Date) => date.toISOString().slice(0, 10);

function rangeOf(preset: Preset, custom: { from: string; to: string }) {
  if (preset === 'custom')
    return {
      ...(custom.from ? { from: custom.from } : {}),
      ...(custom.to ? { to: custom.to } : {}),
    };
  const back = presetDays[preset];
  if (back === undefined) return {};
  const now = new Date();
  return { from: day(new Date(now.getTime() - back * 86_400_000)), to: day(now) };
}

export function EmailPerformancePanel({ filter }: { filter: EmailPerformanceFilter }) {
  const { t } = useTranslation();
  const { n, percent } = useNumbers();
  const [page, setPage] = useState(1);
  const data = useQuery({
    queryKey: ['email-performance', filter, page],
    queryFn: () => getEmailPerformance(filter, page),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  if (data.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (data.error) return <Text c="red">{data.error.message}</Text>;
  const { totals, items, total, pageSize } = data.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const c = (key: string) => t(`reports.columns.${key}`);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 6 }}>
        <Tile label={c('sent')} value={n(totals.sent)} />
        <Tile label={c('delivered')} value={n(totals.delivered)} />
        <Tile label={c('opened')} value={n(totals.opened)} />
        <Tile label={c('clicked')} value={n(totals.clicked)} />
        <Tile label={c('bounced')} value={n(totals.bounced)} />
        <Tile label={c('unsubscribed')} value={n(totals.unsubscribed)} />
      </SimpleGrid>
      <Paper
        withBorder
        radius="md"
        p="md"
        component="section"
        aria-label={t('reports.performance.rates')}
      >
        <SimpleGrid cols={{ base: 2, md: 6 }}>
          <Tile label={c('deliveredRate')} value={percent(totals.deliveredRate)} />
          <Tile label={c('openRate')} value={percent(totals.openRate)} />
          <Tile label={c('clickRate')} value={percent(totals.clickRate)} />
          <Tile label={c('bounceRate')} value={percent(totals.bounceRate)} />
          <Tile label={c('clickToOpenRate')} value={percent(totals.clickToOpenRate)} />
          <Tile label={c('unsubscribeRate')} value={percent(totals.unsubscribeRate)} />
        </SimpleGrid>
      </Paper>
      <Widget title={t('reports.email.title')} csvUrl={emailPerformanceCsvUrl(filter)}>
        <MessageTable
          full
          rows={items.map((row) => ({
            ...row,
            key: row.emailId ?? `${row.journeys[0]?.journeyId}:${row.journeys[0]?.nodeId}`,
            detail: [...new Set(row.journeys.map((j) => j.name))].join(', '),
          }))}
        />
        {pages > 1 && (
          <Group justify="flex-end" mt="sm">
            <Text size="sm">{t('reports.performance.page', { page, pages })}</Text>
            <Button
              variant="default"
              size="xs"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              {t('reports.performance.previous')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={page >= pages}
              onClick={() => setPage(page + 1)}
            >
              {t('reports.performance.next')}
            </Button>
          </Group>
        )}
      </Widget>
    </Stack>
  );
}

export function EmailPerformancePage() {
  const { t } = useTranslation();
  const [journeyIds, setJourneyIds] = useState<string[]>([]);
  const [preset, setPreset] = useState<Preset>('all');
  const [custom, setCustom] = useState({ from: '', to: '' });
  const journeys = useQuery({
    queryKey: ['journeys-for-reports'],
    queryFn: () =>
      listJourneys({
        search: '',
        sort: { field: 'name', direction: 'asc' },
        limit: 200,
        cursor: null,
      }),
  });
  const filter = useMemo<EmailPerformanceFilter>(
    () => ({ journeyIds, ...rangeOf(preset, custom) }),
    [journeyIds, preset, custom],
  );
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Title order={1} size="h2">
        {t('reports.performance.title')}
      </Title>
      <Paper withBorder radius="md" p="md">
        <Group align="flex-end" gap="md">
          <MultiSelect
            label={t('reports.performance.journeys')}
            placeholder={journeyIds.length === 0 ? t('reports.performance.allJourneys') : undefined}
            data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
            value={journeyIds}
            onChange={setJourneyIds}
            searchable
            clearable
            w={420}
          />
          <Select
            label={t('reports.performance.range')}
            data={presets.map((p) => ({ value: p, label: t(`reports.performance.presets.${p}`) }))}
            value={preset}
            onChange={(value) => setPreset((value as Preset | null) ?? 'all')}
            allowDeselect={false}
            w={200}
          />
          {preset === 'custom' && (
            <>
              <TextInput
                type="date"
                label={t('reports.performance.from')}
                value={custom.from}
                onChange={(e) => setCustom({ ...custom, from: e.currentTarget.value })}
              />
              <TextInput
                type="date"
                label={t('reports.performance.to')}
                value={custom.to}
                onChange={(e) => setCustom({ ...custom, to: e.currentTarget.value })}
              />
            </>
          )}
        </Group>
      </Paper>
      <EmailPerformancePanel key={JSON.stringify(filter)} filter={filter} />
    </Stack>
  );
}

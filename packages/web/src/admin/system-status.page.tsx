/**
 * `/admin/system`: the numbers Prometheus scrapes, for a person — engine runtimes and their last
 * heartbeat, due-timer lag, journey passes in progress, outbox depth by channel, ingestion,
 * database kind and size, version. Refreshes every 10 s.
 */
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';
import { formatDateTime, formatNumber } from '../layout/format.ts';
import { AdminPage, AdminTable } from './admin-page.tsx';
import { getSystemStatus, type SystemStatus } from './admin.api.ts';

function formatBytes(bytes: number, language: string): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
    </Paper>
  );
}

function Workers({ status }: { status: SystemStatus }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3}>{t('admin.system.workers')}</Title>
      <AdminTable
        label={t('admin.system.workers')}
        headers={[
          t('admin.system.worker'),
          t('admin.system.host'),
          t('admin.system.version'),
          t('admin.system.startedAt'),
          t('admin.system.lastHeartbeat'),
          '',
        ]}
        empty={status.workers.length === 0 && t('admin.system.noWorkers')}
      >
        {status.workers.map((w) => (
          <Table.Tr key={w.id}>
            <Table.Td>{`caravan ${w.kind}`}</Table.Td>
            <Table.Td>{`${w.host} (pid ${w.pid})`}</Table.Td>
            <Table.Td>{w.version}</Table.Td>
            <Table.Td>{formatDateTime(w.startedAt, i18n.language)}</Table.Td>
            <Table.Td>{new Date(w.beatAt).toLocaleTimeString(i18n.language)}</Table.Td>
            <Table.Td>
              <Badge color={w.alive ? 'green' : 'red'} variant="light">
                {w.alive ? t('admin.system.alive') : t('admin.system.notAlive')}
              </Badge>
            </Table.Td>
          </Table.Tr>
        ))}
      </AdminTable>
    </Stack>
  );
}

export function SystemStatusPage() {
  const { t, i18n } = useTranslation();
  const status = useQuery({
    queryKey: ['admin', 'system'],
    queryFn: getSystemStatus,
    refetchInterval: 10_000,
  });
  const s = status.data;
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <AdminPage
      title={t('admin.system.title')}
      action={
        <Button variant="light" loading={status.isFetching} onClick={() => void status.refetch()}>
          {t('admin.system.refresh')}
        </Button>
      }
    >
      <ErrorAlert error={status.error} />
      {s && (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <Figure label={t('admin.system.version')} value={s.version} />
            <Figure
              label={t('admin.system.database')}
              value={s.database.kind === 'postgres' ? 'PostgreSQL' : 'SQLite'}
            />
            <Figure
              label={t('admin.system.databaseSize')}
              value={formatBytes(s.database.sizeBytes, i18n.language)}
            />
            <Figure
              label={t('admin.system.dueLag')}
              value={t('admin.system.seconds', { value: n(Math.round(s.dueLagSeconds * 10) / 10) })}
            />
            <Figure label={t('admin.system.activePasses')} value={n(s.enrollmentsActive)} />
            <Figure label={t('admin.system.lastMinute')} value={n(s.ingestion.lastMinute)} />
            <Figure label={t('admin.system.lastHour')} value={n(s.ingestion.lastHour)} />
            <Figure label={t('admin.system.dead')} value={n(s.outbox.dead)} />
          </SimpleGrid>
          <Workers status={s} />
          <Stack gap="xs">
            <Title order={3}>{t('admin.system.outbox')}</Title>
            <AdminTable
              label={t('admin.system.outbox')}
              headers={[
                t('admin.delivery.channel'),
                t('admin.system.pending'),
                t('admin.system.sending'),
                t('admin.system.dead'),
              ]}
            >
              {s.outbox.byChannel.map((c) => (
                <Table.Tr key={c.channel}>
                  <Table.Td>
                    {t(`admin.delivery.channels.${c.channel}`, { defaultValue: c.channel })}
                  </Table.Td>
                  <Table.Td>{n(c.pending)}</Table.Td>
                  <Table.Td>{n(c.sending)}</Table.Td>
                  <Table.Td>{n(c.dead)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td fw={700}>Σ</Table.Td>
                <Table.Td fw={700}>{n(s.outbox.pending)}</Table.Td>
                <Table.Td fw={700}>{n(s.outbox.sending)}</Table.Td>
                <Table.Td fw={700}>{n(s.outbox.dead)}</Table.Td>
              </Table.Tr>
            </AdminTable>
          </Stack>
          <Group>
            <Text size="sm" c="dimmed">
              {t('admin.system.metricsNote')}
            </Text>
          </Group>
        </>
      )}
    </AdminPage>
  );
}

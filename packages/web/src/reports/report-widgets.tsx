/**
 * Building blocks of the report pages: a widget card with its *…* menu (*View more*, *Download
 * CSV*), number tiles, and the email/SMS performance table.
 */
import { ActionIcon, Anchor, Group, Menu, Modal, Paper, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageCounts } from '../api/reports.api.ts';
import { formatDateTime } from '../layout/format.ts';

export function Widget({
  title,
  csvUrl,
  more,
  children,
}: {
  title: string;
  csvUrl?: string;
  /** The full table *View more* opens; no menu item when absent. */
  more?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {(csvUrl || more) && (
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('reports.menu', { widget: title })}
              >
                …
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {more && <Menu.Item onClick={() => setOpen(true)}>{t('reports.viewMore')}</Menu.Item>}
              {csvUrl && (
                <Menu.Item component="a" href={csvUrl} download>
                  {t('reports.downloadCsv')}
                </Menu.Item>
              )}
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      {children}
      {more && (
        <Modal opened={open} onClose={() => setOpen(false)} title={title} size="90%">
          {more}
        </Modal>
      )}
    </Paper>
  );
}

export function Tile({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz={26}>
        {value}
      </Text>
    </Paper>
  );
}

export function useNumbers() {
  const { i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const percent = (value: number) =>
    `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value)} %`;
  return { n: (value: number) => number.format(value), percent };
}

/** "2 h 5 min", "3 d 4 h", "45 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

export interface MessageTableRow extends MessageCounts {
  key: string;
  name: string;
  /** A second line under the name (the node, the journeys). */
  detail?: string;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}

type Drill = (row: MessageTableRow, kind: 'opened' | 'clicked' | 'bounced') => void;

export function MessageTable({
  rows,
  full = false,
  onDrill,
}: {
  rows: MessageTableRow[];
  /** Every column (View more) or the main ones. */
  full?: boolean;
  onDrill?: Drill;
}) {
  const { t, i18n } = useTranslation();
  const { n, percent } = useNumbers();
  if (rows.length === 0) return <Text c="dimmed">{t('reports.empty')}</Text>;
  const c = (key: string) => t(`reports.columns.${key}`);
  const drill = (row: MessageTableRow, kind: 'opened' | 'clicked' | 'bounced', value: number) =>
    onDrill && value > 0 ? (
      <Anchor
        component="button"
        type="button"
        onClick={() => onDrill(row, kind)}
        aria-label={t('reports.people.show', { kind: t(`reports.people.${kind}`), name: row.name })}
      >
        {n(value)}
      </Anchor>
    ) : (
      n(value)
    );
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{c('name')}</Table.Th>
            <Table.Th>{c('sent')}</Table.Th>
            <Table.Th>{c('delivered')}</Table.Th>
            <Table.Th>{c('deliveredRate')}</Table.Th>
            <Table.Th>{c('opened')}</Table.Th>
            <Table.Th>{c('openRate')}</Table.Th>
            <Table.Th>{c('clicked')}</Table.Th>
            <Table.Th>{c('clickRate')}</Table.Th>
            {full && <Table.Th>{c('clickToOpenRate')}</Table.Th>}
            <Table.Th>{c('bounced')}</Table.Th>
            {full && <Table.Th>{c('bounceRate')}</Table.Th>}
            <Table.Th>{c('unsubscribed')}</Table.Th>
            {full && <Table.Th>{c('unsubscribeRate')}</Table.Th>}
            {full && <Table.Th>{c('firstActivity')}</Table.Th>}
            {full && <Table.Th>{c('lastActivity')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {row.name}
                </Text>
                {row.detail && (
                  <Text size="xs" c="dimmed">
                    {row.detail}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{n(row.sent)}</Table.Td>
              <Table.Td>{n(row.delivered)}</Table.Td>
              <Table.Td>{percent(row.deliveredRate)}</Table.Td>
              <Table.Td>{drill(row, 'opened', row.opened)}</Table.Td>
              <Table.Td>{percent(row.openRate)}</Table.Td>
              <Table.Td>{drill(row, 'clicked', row.clicked)}</Table.Td>
              <Table.Td>{percent(row.clickRate)}</Table.Td>
              {full && <Table.Td>{percent(row.clickToOpenRate)}</Table.Td>}
              <Table.Td>{drill(row, 'bounced', row.bounced)}</Table.Td>
              {full && <Table.Td>{percent(row.bounceRate)}</Table.Td>}
              <Table.Td>{n(row.unsubscribed)}</Table.Td>
              {full && <Table.Td>{percent(row.unsubscribeRate)}</Table.Td>}
              {full && (
                <Table.Td>
                  {row.firstActivityAt ? formatDateTime(row.firstActivityAt, i18n.language) : '–'}
                </Table.Td>
              )}
              {full && (
                <Table.Td>
                  {row.lastActivityAt ? formatDateTime(row.lastActivityAt, i18n.language) : '–'}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

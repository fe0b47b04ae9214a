/**
 * `/admin/delivery-log`: the outbox as a filterable, paged table — status, channel, recipient and
 * journey and creation date — each row with attempts, the last error as the caller's role may see it, and
 * the account's timeline in the journey; *Retry* for dead letters, one or the selected ones,
 * after confirmation (managers and admins).
 */
import {
  Anchor,
  Badge,
  Button,
  Center,
  Checkbox,
  Drawer,
  Group,
  Loader,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiError } from '../api/http-client.ts';
import { useSession } from '../auth/session.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { RunTimeline } from '../journey-map/run-timeline.tsx';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';
import { formatDateTime } from '../layout/format.ts';
import { useNotify } from '../layout/notifications.tsx';
import { JourneyPicker } from '../conditions/data-pickers.tsx';
import {
  AdminPage,
  AdminTable,
  DayRangeInputs,
  dayRangeFilter,
  type DayRange,
} from './admin-page.tsx';
import {
  listDeliveries,
  retryDeliveries,
  type Delivery,
  type DeliveryChannel,
  type DeliveryFilter,
  type DeliveryState,
} from './admin.api.ts';

export const deliveriesKey = ['admin', 'deliveries'];

const states: DeliveryState[] = [
  'pending',
  'retrying',
  'sending',
  'sent',
  'dead',
  'suppressed',
  'cancelled',
];
const channels: DeliveryChannel[] = ['email', 'sms', 'webhook', 'salesAlert', 'external'];
const stateColor: Record<DeliveryState, string> = {
  pending: 'blue',
  retrying: 'orange',
  sending: 'cyan',
  sent: 'green',
  dead: 'red',
  suppressed: 'gray',
  cancelled: 'gray',
};

function Filters(props: {
  filter: DeliveryFilter;
  recipient: string;
  onRecipient: (v: string) => void;
  onChange: (f: DeliveryFilter) => void;
  days: DayRange;
  onDays: (d: DayRange) => void;
}) {
  const { t } = useTranslation();
  const { filter, onChange } = props;
  return (
    <Group align="flex-end">
      <Select
        label={t('admin.delivery.status')}
        value={filter.status ?? 'all'}
        allowDeselect={false}
        data={[
          { value: 'all', label: t('admin.delivery.states.all') },
          ...states.map((s) => ({ value: s, label: t(`admin.delivery.states.${s}`) })),
        ]}
        onChange={(v) => {
          const { status: _s, ...rest } = filter;
          onChange(v && v !== 'all' ? { ...rest, status: v as DeliveryState } : rest);
        }}
        w={180}
      />
      <Select
        label={t('admin.delivery.channel')}
        value={filter.channel ?? 'all'}
        allowDeselect={false}
        data={[
          { value: 'all', label: t('admin.delivery.channels.all') },
          ...channels.map((c) => ({ value: c, label: t(`admin.delivery.channels.${c}`) })),
        ]}
        onChange={(v) => {
          const { channel: _c, ...rest } = filter;
          onChange(v && v !== 'all' ? { ...rest, channel: v as DeliveryChannel } : rest);
        }}
        w={180}
      />
      <TextInput
        label={t('admin.delivery.recipient')}
        type="search"
        value={props.recipient}
        onChange={(e) => props.onRecipient(e.currentTarget.value)}
        w={240}
      />
      <div style={{ width: 280 }}>
        <JourneyPicker
          label={t('admin.delivery.journey')}
          value={filter.journeyId}
          onChange={(id) => {
            const { journeyId: _j, ...rest } = filter;
            onChange(id ? { ...rest, journeyId: id } : rest);
          }}
        />
      </div>
      <DayRangeInputs
        fromLabel={t('admin.delivery.createdFrom')}
        toLabel={t('admin.delivery.createdTo')}
        value={props.days}
        onChange={props.onDays}
      />
    </Group>
  );
}

function DeliveryRow(props: {
  message: Delivery;
  canRetry: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onRetry: () => void;
  onTimeline: () => void;
}) {
  const { t, i18n } = useTranslation();
  const m = props.message;
  const dead = m.state === 'dead';
  return (
    <Table.Tr>
      {props.canRetry && (
        <Table.Td>
          {dead && (
            <Checkbox
              aria-label={t('admin.delivery.select', { id: m.id })}
              checked={props.selected}
              onChange={(e) => props.onSelect(e.currentTarget.checked)}
            />
          )}
        </Table.Td>
      )}
      <Table.Td>{formatDateTime(m.createdAt, i18n.language)}</Table.Td>
      <Table.Td>
        <Badge color={stateColor[m.state]} variant="light" style={{ overflow: 'visible' }}>
          {t(`admin.delivery.states.${m.state}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t(`admin.delivery.channels.${m.channel}`)}</Table.Td>
      <Table.Td>
        {m.journeyId ? (
          <Anchor component={Link} to={`/journeys/${m.journeyId}`}>
            {m.journeyName ?? m.journeyId}
          </Anchor>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{m.recipient ?? '—'}</Table.Td>
      <Table.Td>{m.attempts}</Table.Td>
      <Table.Td maw={360}>
        <Text size="sm" lineClamp={3}>
          {m.lastError ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {m.journeyId && m.accountId && (
            <Button
              size="xs"
              variant="subtle"
              aria-label={t('admin.delivery.timelineOf', { id: m.id })}
              onClick={props.onTimeline}
            >
              {t('admin.delivery.timeline')}
            </Button>
          )}
          {props.canRetry && dead && (
            <Button
              size="xs"
              variant="light"
              aria-label={t('admin.delivery.retryNamed', { id: m.id })}
              onClick={props.onRetry}
            >
              {t('admin.delivery.retry')}
            </Button>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function DeliveryLogPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const canRetry = useSession().data?.role !== 'viewer';
  const [filter, setFilter] = useState<DeliveryFilter>({});
  const [recipient, setRecipient] = useState('');
  const [debounced] = useDebouncedValue(recipient, 300);
  const [days, setDays] = useState<DayRange>({ from: '', to: '' });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [confirming, setConfirming] = useState<number[] | null>(null);
  const [timeline, setTimeline] = useState<Delivery | null>(null);
  const query: DeliveryFilter = {
    ...filter,
    ...(debounced ? { recipient: debounced } : {}),
    ...dayRangeFilter(days),
  };
  const pages = useInfiniteQuery({
    queryKey: [...deliveriesKey, query],
    queryFn: ({ pageParam }) => listDeliveries(query, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const retry = useMutation<Awaited<ReturnType<typeof retryDeliveries>>, ApiError, number[]>({
    mutationFn: retryDeliveries,
    onSuccess: (result) => {
      setConfirming(null);
      setSelected(new Set());
      void queryClient.invalidateQueries({ queryKey: ['admin'] });
      notify({
        title: t('admin.delivery.retry'),
        message: t('admin.delivery.retried', { count: result.retried.length }),
        color: 'green',
      });
    },
  });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const total = pages.data?.pages[0]?.total;
  const toggle = (id: number, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };
  return (
    <AdminPage
      title={t('admin.delivery.title')}
      action={
        canRetry && (
          <Button disabled={selected.size === 0} onClick={() => setConfirming([...selected])}>
            {t('admin.delivery.retrySelected', { count: selected.size })}
          </Button>
        )
      }
    >
      <Paper withBorder radius="md" p="md">
        <Filters
          filter={filter}
          onChange={setFilter}
          recipient={recipient}
          onRecipient={setRecipient}
          days={days}
          onDays={setDays}
        />
        {total !== undefined && (
          <Text size="sm" c="dimmed" mt="sm" aria-live="polite">
            {t('data.total', { count: total })}
          </Text>
        )}
      </Paper>
      <ErrorAlert error={pages.error} />
      {pages.isPending ? (
        <Center py="xl">
          <Loader />
        </Center>
      ) : (
        <AdminTable
          label={t('admin.delivery.title')}
          headers={[
            ...(canRetry ? [''] : []),
            t('admin.delivery.createdAt'),
            t('admin.delivery.status'),
            t('admin.delivery.channel'),
            t('admin.delivery.journey'),
            t('admin.delivery.recipient'),
            t('admin.delivery.attempts'),
            t('admin.delivery.lastError'),
            t('admin.common.actions'),
          ]}
          empty={items.length === 0 && t('admin.delivery.empty')}
        >
          {items.map((m) => (
            <DeliveryRow
              key={m.id}
              message={m}
              canRetry={canRetry}
              selected={selected.has(m.id)}
              onSelect={(on) => toggle(m.id, on)}
              onRetry={() => setConfirming([m.id])}
              onTimeline={() => setTimeline(m)}
            />
          ))}
        </AdminTable>
      )}
      {pages.hasNextPage && (
        <Center>
          <Button
            variant="light"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {t('list.loadMore')}
          </Button>
        </Center>
      )}
      <ConfirmActionDialog
        opened={confirming !== null}
        title={t('admin.delivery.retryTitle')}
        body={t('admin.delivery.retryBody', { count: confirming?.length ?? 0 })}
        confirmLabel={t('admin.delivery.retry')}
        pending={retry.isPending}
        error={retry.error}
        onConfirm={() => confirming && retry.mutate(confirming)}
        onClose={() => {
          setConfirming(null);
          retry.reset();
        }}
      />
      <Drawer
        opened={timeline !== null}
        onClose={() => setTimeline(null)}
        position="right"
        size="lg"
        title={t('admin.delivery.timelineOf', { id: timeline?.id ?? '' })}
      >
        {timeline?.journeyId && timeline.accountId && (
          <RunTimeline journeyId={timeline.journeyId} accountId={timeline.accountId} />
        )}
      </Drawer>
    </AdminPage>
  );
}

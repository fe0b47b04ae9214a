/**
 * The accounts behind a node's count (SPEC §6): those currently there or every pass that
 * entered it, page by page; choosing one shows its timeline in the same drawer.
 */
import {
  Button,
  Drawer,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  getNodeAccounts,
  type NodeAccount,
  type NodeAccountsState,
} from '../api/journey-runs.api.ts';
import { formatDateTime } from '../layout/format.ts';
import { RunTimeline } from './run-timeline.tsx';

export interface DrillDown {
  nodeId: string;
  title: string;
  state: NodeAccountsState;
}

const pageSize = 50;

function AccountList({
  journeyId,
  target,
  onPick,
}: {
  journeyId: string;
  target: DrillDown;
  onPick: (account: NodeAccount) => void;
}) {
  const { t, i18n } = useTranslation();
  const accounts = useInfiniteQuery({
    queryKey: ['journeys', journeyId, 'nodes', target.nodeId, 'accounts', target.state],
    queryFn: ({ pageParam }) =>
      getNodeAccounts(journeyId, target.nodeId, {
        state: target.state,
        limit: pageSize,
        cursor: pageParam,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (accounts.isPending) return <Loader size="sm" />;
  if (accounts.error) return <Text c="red">{accounts.error.message}</Text>;
  const items = accounts.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <Text c="dimmed">{t('run.noAccounts')}</Text>;
  return (
    <Stack gap={4}>
      <Stack
        gap={2}
        component="ul"
        aria-label={t('run.accounts')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {items.map((account) => (
          <li key={account.enrollmentId}>
            <UnstyledButton
              w="100%"
              p={6}
              style={{ borderRadius: 6 }}
              onClick={() => onPick(account)}
            >
              <Group justify="space-between" wrap="nowrap">
                <Text size="sm" fw={600} truncate>
                  {account.accountName ?? t('run.deletedAccount')}
                </Text>
                <Text size="xs" c="dimmed">
                  {account.pass > 1 ? `${t('run.pass', { pass: account.pass })} · ` : ''}
                  {formatDateTime(account.since, i18n.language)}
                </Text>
              </Group>
            </UnstyledButton>
          </li>
        ))}
      </Stack>
      {accounts.hasNextPage && (
        <Button
          variant="subtle"
          size="xs"
          loading={accounts.isFetchingNextPage}
          onClick={() => void accounts.fetchNextPage()}
        >
          {t('run.more')}
        </Button>
      )}
    </Stack>
  );
}

interface Props {
  journeyId: string;
  target: DrillDown | null;
  onChangeState: (state: NodeAccountsState) => void;
  onClose: () => void;
}

export function RunAccountsDrawer({ journeyId, target, onChangeState, onClose }: Props) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<NodeAccount | null>(null);
  const close = () => {
    setAccount(null);
    onClose();
  };
  return (
    <Drawer
      opened={target !== null}
      onClose={close}
      position="right"
      size="md"
      title={
        account
          ? (account.accountName ?? t('run.deletedAccount'))
          : target
            ? t('run.drawerTitle', { title: target.title })
            : ''
      }
    >
      {target && account && (
        <Stack gap="md">
          <Button variant="subtle" size="xs" onClick={() => setAccount(null)} w="fit-content">
            ← {t('run.backToAccounts')}
          </Button>
          <RunTimeline journeyId={journeyId} accountId={account.accountId} />
        </Stack>
      )}
      {target && !account && (
        <Stack gap="md">
          <SegmentedControl
            value={target.state}
            onChange={(value) => onChangeState(value as NodeAccountsState)}
            data={[
              { value: 'current', label: t('run.current') },
              { value: 'entered', label: t('run.entered') },
            ]}
          />
          <AccountList journeyId={journeyId} target={target} onPick={setAccount} />
        </Stack>
      )}
    </Drawer>
  );
}

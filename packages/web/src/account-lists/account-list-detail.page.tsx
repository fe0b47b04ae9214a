/**
 * `/account-lists/:id`: a static list adds and removes accounts by hand; a dynamic list edits its
 * condition (JSON, with the live count). A draft list is made live with *Publish*.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  addListMembers,
  getAccountList,
  listAccountListMembers,
  publishAccountList,
  removeListMembers,
  updateAccountList,
  type AccountList,
} from '../api/segments.api.ts';
import { ConditionField } from '../audiences/condition-field.tsx';
import {
  conditionToJson,
  emptyCondition,
  parseConditionJson,
} from '../audiences/condition-json.ts';
import { MembersTable } from '../audiences/members-table.tsx';
import { ErrorAlert } from '../data/error-alert.tsx';
import { AccountPicker } from './account-picker.tsx';

export function AccountListDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const list = useQuery({ queryKey: ['account-lists', id], queryFn: () => getAccountList(id) });
  if (list.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (list.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {list.error.message}
      </Alert>
    );
  }
  const saved = list.data;
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/account-lists" size="sm">
        {t('segments.nav.accountLists')}
      </Anchor>
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={1} size="h2">
            {saved.name}
          </Title>
          <Badge variant="light">{t(`segments.statuses.${saved.status}`)}</Badge>
          <Text c="dimmed" size="sm">
            {t(`segments.list.kinds.${saved.kind}`)}
          </Text>
        </Group>
        {saved.status === 'draft' && <PublishButton list={saved} />}
      </Group>
      {saved.description && <Text>{saved.description}</Text>}
      {saved.kind === 'static' ? (
        <AddAccount list={saved} />
      ) : (
        <DynamicCondition key={saved.updatedAt} list={saved} />
      )}
      <ListMembers list={saved} />
    </Stack>
  );
}

function useListUpdated(id: string) {
  const queryClient = useQueryClient();
  return (list?: AccountList) => {
    if (list) queryClient.setQueryData(['account-lists', id], list);
    void queryClient.invalidateQueries({ queryKey: ['account-lists'] });
  };
}

function PublishButton({ list }: { list: AccountList }) {
  const { t } = useTranslation();
  const updated = useListUpdated(list.id);
  const publish = useMutation({
    mutationFn: () => publishAccountList(list.id),
    onSuccess: updated,
  });
  return (
    <Stack gap={4} align="flex-end">
      <Button loading={publish.isPending} onClick={() => publish.mutate()}>
        {t('actions.publish')}
      </Button>
      <ErrorAlert error={publish.error} />
    </Stack>
  );
}

function AddAccount({ list }: { list: AccountList }) {
  const { t } = useTranslation();
  const [accountId, setAccountId] = useState<string | null>(null);
  const updated = useListUpdated(list.id);
  const add = useMutation({
    mutationFn: (id: string) => addListMembers(list.id, [id]),
    onSuccess: () => {
      setAccountId(null);
      updated();
    },
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <ErrorAlert error={add.error} />
        <Group align="flex-end">
          <AccountPicker
            label={t('segments.list.findAccount')}
            value={accountId}
            onChange={setAccountId}
          />
          <Button
            disabled={accountId === null}
            loading={add.isPending}
            onClick={() => accountId && add.mutate(accountId)}
          >
            {t('segments.list.addAccount')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function DynamicCondition({ list }: { list: AccountList }) {
  const { t } = useTranslation();
  const [text, setText] = useState(conditionToJson(list.condition ?? emptyCondition));
  const parsed = parseConditionJson(text);
  const updated = useListUpdated(list.id);
  const save = useMutation({
    mutationFn: () =>
      updateAccountList(list.id, { condition: parsed.ok ? parsed.value : emptyCondition }),
    onSuccess: updated,
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <ErrorAlert error={save.error} />
        <ConditionField value={text} onChange={setText} />
        <Group justify="flex-end">
          <Button disabled={!parsed.ok} loading={save.isPending} onClick={() => save.mutate()}>
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ListMembers({ list }: { list: AccountList }) {
  const updated = useListUpdated(list.id);
  const remove = useMutation({
    mutationFn: (accountId: string) => removeListMembers(list.id, [accountId]),
    onSuccess: () => updated(),
  });
  return (
    <>
      <ErrorAlert error={remove.error} />
      <MembersTable
        queryKey={['account-lists', list.id, 'members']}
        fetchPage={(limit, cursor) => listAccountListMembers(list.id, limit, cursor)}
        onRemove={list.kind === 'static' ? (a) => remove.mutate(a.id) : undefined}
      />
    </>
  );
}

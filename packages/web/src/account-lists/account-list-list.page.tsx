/** `/account-lists`: static and dynamic account lists with *Create account list*. */
import { Anchor, Badge, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listAccountLists, type AccountList } from '../api/segments.api.ts';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { formatDateTime, formatNumber } from '../layout/format.ts';
import { CreateAccountListDialog } from './create-account-list.dialog.tsx';

export const accountListsKey = ['account-lists'] as const;

export function AccountListListPage() {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const columns: Column<AccountList>[] = [
    {
      label: t('segments.name'),
      render: (l) => (
        <Anchor component={Link} to={`/account-lists/${l.id}`} fw={600}>
          {l.name}
        </Anchor>
      ),
    },
    { label: t('segments.list.kind'), render: (l) => t(`segments.list.kinds.${l.kind}`) },
    {
      label: t('segments.status'),
      render: (l) => <Badge variant="light">{t(`segments.statuses.${l.status}`)}</Badge>,
    },
    { label: t('segments.members'), render: (l) => formatNumber(l.memberCount, i18n.language) },
    { label: t('segments.updatedAt'), render: (l) => formatDateTime(l.updatedAt, i18n.language) },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('segments.nav.accountLists')}
        action={<Button onClick={() => setCreating(true)}>{t('segments.list.create')}</Button>}
      />
      <PagedList
        queryKey={accountListsKey}
        fetchPage={listAccountLists}
        columns={columns}
        rowKey={(l) => l.id}
      />
      <CreateAccountListDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

/** `/accounts`: every account, searchable, with *Create account*. */
import { Anchor, Button, Stack } from '@mantine/core';
import type { Account } from '@caravan/core/b2b/account';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listAccounts } from '../api/b2b.api.ts';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { formatNumber } from '../layout/format.ts';
import { CreateAccountDialog } from './create-account.dialog.tsx';

export const accountsKey = ['accounts'] as const;

export function AccountListPage() {
  const { t, i18n } = useTranslation();
  const [creating, setCreating] = useState(false);
  const columns: Column<Account>[] = [
    {
      label: t('data.account.name'),
      render: (a) => (
        <Anchor component={Link} to={`/accounts/${a.id}`} fw={600}>
          {a.name}
        </Anchor>
      ),
    },
    { label: t('data.account.domain'), render: (a) => a.domain ?? '—' },
    { label: t('data.account.industry'), render: (a) => a.industry ?? '—' },
    { label: t('data.account.country'), render: (a) => a.country ?? '—' },
    { label: t('data.account.employees'), render: (a) => formatNumber(a.employees, i18n.language) },
    {
      label: t('data.account.annualRevenue'),
      render: (a) => formatNumber(a.annualRevenue, i18n.language),
    },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.accounts')}
        action={<Button onClick={() => setCreating(true)}>{t('data.account.create')}</Button>}
      />
      <PagedList
        queryKey={accountsKey}
        fetchPage={listAccounts}
        columns={columns}
        rowKey={(a) => a.id}
      />
      <CreateAccountDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

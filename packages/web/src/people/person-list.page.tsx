/** `/people`: every person, searchable, with *Create person*. */
import { Anchor, Button, Stack } from '@mantine/core';
import type { Person } from '@caravan/core/b2b/person';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { listPeople, personName } from '../api/b2b.api.ts';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { CreatePersonDialog } from './create-person.dialog.tsx';

export function PersonListPage() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const consent = (value: Person['emailConsent']) => t(`data.consent.${value}`);
  const columns: Column<Person>[] = [
    {
      label: t('data.person.name'),
      render: (p) => (
        <Anchor component={Link} to={`/people/${p.id}`} fw={600}>
          {personName(p)}
        </Anchor>
      ),
    },
    { label: t('data.person.email'), render: (p) => p.email ?? '—' },
    { label: t('data.person.jobTitle'), render: (p) => p.jobTitle ?? '—' },
    { label: t('data.person.emailConsent'), render: (p) => consent(p.emailConsent) },
    { label: t('data.person.smsConsent'), render: (p) => consent(p.smsConsent) },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.people')}
        action={<Button onClick={() => setCreating(true)}>{t('data.person.create')}</Button>}
      />
      <PagedList
        queryKey={['people']}
        fetchPage={listPeople}
        columns={columns}
        rowKey={(p) => p.id}
      />
      <CreatePersonDialog opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

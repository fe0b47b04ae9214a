/** `/emails`: every email, searchable; *Create email* opens the new one in its editor. */
import { Anchor, Button, Stack } from '@mantine/core';
import type { Email } from '@caravan/core/content/email';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createEmail, listEmails } from '../api/content.api.ts';
import { FieldsDialog } from '../data/fields.dialog.tsx';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';

// What the server needs before it stores an email at all (blocking problems refuse a write).
const newEmailFields = ['name', 'subject', 'fromName', 'fromEmail', 'html'] as const;
type NewEmail = Record<(typeof newEmailFields)[number], string>;

export function EmailListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: NewEmail) => createEmail({ ...v, name: v.name.trim() }),
    onSuccess: (email) => void navigate(`/emails/${email.id}`),
  });
  const columns: Column<Email>[] = [
    {
      label: t('form.name'),
      render: (e) => (
        <Anchor component={Link} to={`/emails/${e.id}`} fw={600}>
          {e.name}
        </Anchor>
      ),
    },
    { label: t('data.email.subject'), render: (e) => e.subject || '—' },
    { label: t('data.email.fromEmail'), render: (e) => e.fromEmail || '—' },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.emails')}
        action={<Button onClick={() => setCreating(true)}>{t('data.email.create')}</Button>}
      />
      <PagedList
        queryKey={['emails']}
        fetchPage={listEmails}
        columns={columns}
        rowKey={(e) => e.id}
      />
      <FieldsDialog
        title={t('data.email.create')}
        fields={newEmailFields.map((key) => ({
          key,
          label: t(`data.email.${key}`),
          multiline: key === 'html',
        }))}
        opened={creating}
        pending={create.isPending}
        error={create.error}
        onClose={() => setCreating(false)}
        onCreate={(values) => create.mutate(values)}
      />
    </Stack>
  );
}

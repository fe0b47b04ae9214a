/** `/sms`: every SMS message, searchable; *Create SMS* opens the new one in its editor. */
import { Anchor, Button, Stack } from '@mantine/core';
import type { Sms } from '@caravan/core/content/sms';
import { smsSegments } from '@caravan/core/content/sms';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createSms, listSms } from '../api/content.api.ts';
import { FieldsDialog } from '../data/fields.dialog.tsx';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';

export function SmsListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: { name: string; message: string }) =>
      createSms({ name: v.name.trim(), message: v.message }),
    onSuccess: (sms) => void navigate(`/sms/${sms.id}`),
  });
  const columns: Column<Sms>[] = [
    {
      label: t('form.name'),
      render: (s) => (
        <Anchor component={Link} to={`/sms/${s.id}`} fw={600}>
          {s.name}
        </Anchor>
      ),
    },
    { label: t('data.sms.message'), render: (s) => s.message.slice(0, 80) || '—' },
    { label: t('data.sms.segmentsColumn'), render: (s) => smsSegments(s.message).segments },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.sms')}
        action={<Button onClick={() => setCreating(true)}>{t('data.sms.create')}</Button>}
      />
      <PagedList queryKey={['sms']} fetchPage={listSms} columns={columns} rowKey={(s) => s.id} />
      <FieldsDialog
        title={t('data.sms.create')}
        fields={[
          { key: 'name', label: t('form.name') },
          { key: 'message', label: t('data.sms.message'), multiline: true },
        ]}
        opened={creating}
        pending={create.isPending}
        error={create.error}
        onClose={() => setCreating(false)}
        onCreate={(values) => create.mutate(values)}
      />
    </Stack>
  );
}

/**
 * `/emails`: every email, searchable, with its performance across journeys (issue 12: sent,
 * delivered, open %, click %, bounces, from the report rollups, read once per page of the list);
 * *Create email* opens the new one in its editor.
 */
import { Anchor, Button, Stack } from '@mantine/core';
import type { Email } from '@caravan/core/content/email';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createEmail, listEmails } from '../api/content.api.ts';
import type { Page, PageQuery } from '../api/b2b.api.ts';
import { getEmailPerformance, type EmailPerformanceRow } from '../api/reports.api.ts';
import { FieldsDialog } from '../data/fields.dialog.tsx';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { useNumbers } from '../reports/report-widgets.tsx';

// What the server needs before it stores an email at all (blocking problems refuse a write).
const newEmailFields = ['name', 'subject', 'fromName', 'fromEmail', 'html'] as const;
type NewEmail = Record<(typeof newEmailFields)[number], string>;

/** An email of the list with its performance; undefined when it was never sent. */
type ListedEmail = Email & { performance: EmailPerformanceRow | undefined };

/** A page of emails, then the performance of exactly those emails in one request. */
async function fetchEmailsWithPerformance(q: PageQuery): Promise<Page<ListedEmail>> {
  const page = await listEmails(q);
  if (page.items.length === 0) return { ...page, items: [] };
  const ids = page.items.map((e) => e.id);
  const performance = await getEmailPerformance({ journeyIds: [], emailIds: ids }, 1, ids.length);
  const byId = new Map(performance.items.map((row) => [row.emailId, row]));
  return { ...page, items: page.items.map((e) => ({ ...e, performance: byId.get(e.id) })) };
}

export function EmailListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: NewEmail) => createEmail({ ...v, name: v.name.trim() }),
    onSuccess: (email) => void navigate(`/emails/${email.id}`),
  });
  const { n, percent } = useNumbers();
  const c = (key: string) => t(`reports.columns.${key}`);
  const metric = (value: (p: EmailPerformanceRow) => string) => (e: ListedEmail) =>
    e.performance ? value(e.performance) : '—';
  const columns: Column<ListedEmail>[] = [
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
    { label: c('sent'), render: metric((p) => n(p.sent)) },
    { label: c('delivered'), render: metric((p) => n(p.delivered)) },
    { label: c('openRate'), render: metric((p) => percent(p.openRate)) },
    { label: c('clickRate'), render: metric((p) => percent(p.clickRate)) },
    { label: c('bounced'), render: metric((p) => n(p.bounced)) },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('data.nav.emails')}
        action={<Button onClick={() => setCreating(true)}>{t('data.email.create')}</Button>}
      />
      <PagedList
        queryKey={['emails', 'with-performance']}
        fetchPage={fetchEmailsWithPerformance}
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

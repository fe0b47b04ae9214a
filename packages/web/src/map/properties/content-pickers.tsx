/**
 * The email and SMS pickers of *Send email* / *Send SMS*: search the content library by name, or
 * *New email…* / *New SMS…* to create one in a small dialog (what the server needs to store it)
 * and select it at once. Both are one `ContentPicker` over the kind's calls and labels.
 */
import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createEmail,
  createSms,
  getEmail,
  getSms,
  listEmails,
  listSms,
} from '../../api/content.api.ts';
import { SearchSelect } from '../../conditions/search-select.tsx';
import { FieldsDialog } from '../../data/fields.dialog.tsx';

interface Props {
  value: string | undefined;
  onChange: (id: string | undefined) => void;
}

type Named = { id: string; name: string };

/** What differs between the email and the SMS picker. */
interface ContentKind {
  queryKey: string;
  /** i18n keys under `pickers.` */
  label: 'email' | 'sms';
  newLabel: 'newEmail' | 'newSms';
  newTitle: 'newEmailTitle' | 'newSmsTitle';
  fields: readonly string[];
  multiline: string;
  list(search: string): Promise<Named[]>;
  get(id: string): Promise<Named>;
  create(values: Record<string, string>): Promise<Named>;
}

const emailKind: ContentKind = {
  queryKey: 'emails',
  label: 'email',
  newLabel: 'newEmail',
  newTitle: 'newEmailTitle',
  fields: ['name', 'subject', 'fromName', 'fromEmail', 'html'],
  multiline: 'html',
  list: async (search) => (await listEmails({ search, limit: 50 })).items,
  get: getEmail,
  create: (v) =>
    createEmail({
      name: (v.name ?? '').trim(),
      subject: v.subject ?? '',
      fromName: v.fromName ?? '',
      fromEmail: v.fromEmail ?? '',
      html: v.html ?? '',
    }),
};

const smsKind: ContentKind = {
  queryKey: 'sms',
  label: 'sms',
  newLabel: 'newSms',
  newTitle: 'newSmsTitle',
  fields: ['name', 'message'],
  multiline: 'message',
  list: async (search) => (await listSms({ search, limit: 50 })).items,
  get: getSms,
  create: (v) => createSms({ name: (v.name ?? '').trim(), message: v.message ?? '' }),
};

function ContentPicker({ kind, value, onChange }: Props & { kind: ContentKind }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: kind.create,
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: [kind.queryKey] });
      setCreating(false);
      onChange(created.id);
    },
  });
  const option = (item: Named) => ({ value: item.id, label: item.name });
  return (
    <Stack gap={4}>
      <SearchSelect
        label={t(`pickers.${kind.label}`)}
        value={value}
        onChange={onChange}
        queryKey={[kind.queryKey]}
        placeholder={t('pickers.search')}
        search={async (text) => (await kind.list(text)).map(option)}
        resolve={async (id) => option(await kind.get(id))}
      />
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setCreating(true)}>
          {t(`pickers.${kind.newLabel}`)}
        </Button>
      </Group>
      <FieldsDialog
        title={t(`pickers.${kind.newTitle}`)}
        fields={kind.fields.map((key) => ({
          key,
          label: t(`pickers.${key}` as 'pickers.name'),
          multiline: key === kind.multiline,
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

export function EmailPicker(props: Props) {
  return <ContentPicker kind={emailKind} {...props} />;
}

export function SmsPicker(props: Props) {
  return <ContentPicker kind={smsKind} {...props} />;
}

/**
 * The email and SMS pickers of *Send email* / *Send SMS*: search the content library by name, or
 * *New email…* / *New SMS…* to create one in a small dialog (what the server needs to store it)
 * and select it at once.
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

const emailFields = ['name', 'subject', 'fromName', 'fromEmail', 'html'] as const;
const smsFields = ['name', 'message'] as const;

export function EmailPicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: Record<(typeof emailFields)[number], string>) =>
      createEmail({ ...v, name: v.name.trim() }),
    onSuccess: (email) => {
      void queryClient.invalidateQueries({ queryKey: ['emails'] });
      setCreating(false);
      onChange(email.id);
    },
  });
  return (
    <Stack gap={4}>
      <SearchSelect
        label={t('pickers.email')}
        value={value}
        onChange={onChange}
        queryKey={['emails']}
        placeholder={t('pickers.search')}
        search={async (text) =>
          (await listEmails({ search: text, limit: 50 })).items.map((e) => ({
            value: e.id,
            label: e.name,
          }))
        }
        resolve={async (id) => {
          const e = await getEmail(id);
          return { value: e.id, label: e.name };
        }}
      />
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setCreating(true)}>
          {t('pickers.newEmail')}
        </Button>
      </Group>
      <FieldsDialog
        title={t('pickers.newEmailTitle')}
        fields={emailFields.map((key) => ({
          key,
          label: t(`pickers.${key}`),
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

export function SmsPicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (v: Record<(typeof smsFields)[number], string>) =>
      createSms({ name: v.name.trim(), message: v.message }),
    onSuccess: (sms) => {
      void queryClient.invalidateQueries({ queryKey: ['sms'] });
      setCreating(false);
      onChange(sms.id);
    },
  });
  return (
    <Stack gap={4}>
      <SearchSelect
        label={t('pickers.sms')}
        value={value}
        onChange={onChange}
        queryKey={['sms']}
        placeholder={t('pickers.search')}
        search={async (text) =>
          (await listSms({ search: text, limit: 50 })).items.map((s) => ({
            value: s.id,
            label: s.name,
          }))
        }
        resolve={async (id) => {
          const s = await getSms(id);
          return { value: s.id, label: s.name };
        }}
      />
      <Group>
        <Button size="compact-xs" variant="subtle" onClick={() => setCreating(true)}>
          {t('pickers.newSms')}
        </Button>
      </Group>
      <FieldsDialog
        title={t('pickers.newSmsTitle')}
        fields={smsFields.map((key) => ({
          key,
          label: t(`pickers.${key}`),
          multiline: key === 'message',
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

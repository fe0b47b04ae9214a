/** *Create account list*: name and kind; the new list opens on its page (a draft until published). */
import { Button, Group, Modal, Radio, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createAccountList, type ListKind } from '../api/segments.api.ts';
import { emptyCondition } from '../audiences/condition-json.ts';
import { ErrorAlert } from '../data/error-alert.tsx';

export function CreateAccountListDialog({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('segments.list.create')} centered>
      {opened && <CreateAccountListForm onClose={onClose} />}
    </Modal>
  );
}

function CreateAccountListForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ListKind>('static');
  const create = useMutation({
    // A dynamic list needs a condition from the start; it is written on the list's page.
    mutationFn: () =>
      createAccountList({
        name: name.trim(),
        kind,
        ...(kind === 'dynamic' && { condition: emptyCondition }),
      }),
    onSuccess: (list) => {
      void queryClient.invalidateQueries({ queryKey: ['account-lists'] });
      onClose();
      void navigate(`/account-lists/${list.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={create.error} />
        <TextInput
          label={t('segments.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          data-autofocus
        />
        <Radio.Group
          label={t('segments.list.kind')}
          value={kind}
          onChange={(v) => setKind(v === 'dynamic' ? 'dynamic' : 'static')}
        >
          <Group mt="xs">
            <Radio value="static" label={t('segments.list.kinds.static')} />
            <Radio value="dynamic" label={t('segments.list.kinds.dynamic')} />
          </Group>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={name.trim() === ''}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

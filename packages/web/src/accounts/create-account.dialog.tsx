/** *Create account*: the common fields; the list shows the new account. */
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccount } from '../api/b2b.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { emptyAccountForm, formToAccountPatch, type AccountFieldName } from './account-fields.ts';
import { AccountFormFields } from './account-form.tsx';

const createFields: readonly AccountFieldName[] = [
  'name',
  'domain',
  'industry',
  'country',
  'employees',
  'annualRevenue',
];

export function CreateAccountDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('data.account.create')} centered size="lg">
      {opened && <CreateAccountForm onClose={onClose} />}
    </Modal>
  );
}

function CreateAccountForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(emptyAccountForm);
  const create = useMutation({
    mutationFn: createAccount,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(formToAccountPatch(form));
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={create.error} />
        <AccountFormFields
          form={form}
          fields={createFields}
          onChange={(field, value) => setForm((f) => ({ ...f, [field]: value }))}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={form.name.trim() === ''}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

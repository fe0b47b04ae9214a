/** *Create person*: name, email, phone and the other standard fields; the list shows the result. */
import { Button, Group, Modal, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createPerson } from '../api/b2b.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { formToPersonPatch, personToForm } from './person-fields.ts';
import { PersonFormFields } from './person-form.tsx';

export function CreatePersonDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('data.person.create')} centered size="lg">
      {opened && <CreatePersonForm onClose={onClose} />}
    </Modal>
  );
}

function CreatePersonForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => personToForm({}));
  const create = useMutation({
    mutationFn: createPerson,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      onClose();
    },
  });
  const identified = [form.email, form.mobilePhone, form.externalId].some((v) => v.trim() !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(formToPersonPatch(form));
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={create.error} />
        <PersonFormFields
          form={form}
          onChange={(field, value) => setForm((f) => ({ ...f, [field]: value }))}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} disabled={!identified}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

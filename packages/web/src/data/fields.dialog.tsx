/**
 * A dialog asking for a few required text fields and creating something with them (emails, SMS
 * messages: the server refuses content with blocking problems, so creation asks for what it needs).
 */
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './error-alert.tsx';

export interface DialogField<K extends string> {
  key: K;
  label: string;
  multiline?: boolean;
}

interface Props<K extends string> {
  title: string;
  fields: readonly DialogField<K>[];
  opened: boolean;
  pending: boolean;
  error: Error | null;
  onClose: () => void;
  onCreate: (values: Record<K, string>) => void;
}

export function FieldsDialog<K extends string>(props: Props<K>) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} centered size="lg">
      {props.opened && <FieldsForm {...props} />}
    </Modal>
  );
}

function FieldsForm<K extends string>({ fields, pending, error, onClose, onCreate }: Props<K>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((f) => [f.key, ''])) as Record<K, string>,
  );
  const complete = fields.every((f) => values[f.key].trim() !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onCreate(values);
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={error} />
        {fields.map((f, i) => {
          const common = {
            label: f.label,
            required: true,
            'data-autofocus': i === 0 ? true : undefined,
            value: values[f.key],
            onChange: (e: { currentTarget: { value: string } }) => {
              const value = e.currentTarget.value;
              setValues((v) => ({ ...v, [f.key]: value }));
            },
          };
          return f.multiline ? (
            <Textarea key={f.key} autosize minRows={3} {...common} />
          ) : (
            <TextInput key={f.key} {...common} />
          );
        })}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={pending} disabled={!complete}>
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

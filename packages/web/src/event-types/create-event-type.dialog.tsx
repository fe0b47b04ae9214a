/** *Create event type*: name, label, entity and any number of typed fields. */
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createEventType, type AttributeType, type EventType } from '../api/b2b.api.ts';

const attributeTypes: readonly AttributeType[] = ['text', 'number', 'boolean', 'date'];

export function CreateEventTypeDialog({
  opened,
  onClose,
}: {
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('data.eventType.create')} centered size="lg">
      {opened && <CreateEventTypeForm onClose={onClose} />}
    </Modal>
  );
}

function CreateEventTypeForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [type, setType] = useState<EventType>({
    name: '',
    label: '',
    entity: 'account',
    fields: [],
  });
  const create = useMutation({
    mutationFn: createEventType,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['event-types'] });
      onClose();
    },
  });
  const setField = (index: number, change: Partial<EventField>) =>
    setType((ty) => ({
      ...ty,
      fields: ty.fields.map((f, i) => (i === index ? { ...f, ...change } : f)),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ ...type, name: type.name.trim(), label: type.label.trim() });
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {create.error && (
          <Alert color="red" role="alert">
            {create.error.message}
          </Alert>
        )}
        <TextInput
          label={t('data.eventType.name')}
          required
          data-autofocus
          value={type.name}
          onChange={(e) => setType({ ...type, name: e.currentTarget.value })}
        />
        <TextInput
          label={t('data.eventType.label')}
          required
          value={type.label}
          onChange={(e) => setType({ ...type, label: e.currentTarget.value })}
        />
        <Select
          label={t('data.eventType.entity')}
          allowDeselect={false}
          value={type.entity}
          onChange={(value) =>
            setType({ ...type, entity: value === 'person' ? 'person' : 'account' })
          }
          data={[
            { value: 'account', label: t('data.entity.account') },
            { value: 'person', label: t('data.entity.person') },
          ]}
        />
        <Text fw={600} size="sm">
          {t('data.eventType.fields')}
        </Text>
        {type.fields.map((field, index) => (
          <FieldRow
            key={index}
            field={field}
            onChange={(change) => setField(index, change)}
            onRemove={() =>
              setType((ty) => ({ ...ty, fields: ty.fields.filter((_, i) => i !== index) }))
            }
          />
        ))}
        <Button
          variant="light"
          w="fit-content"
          onClick={() =>
            setType((ty) => ({
              ...ty,
              fields: [...ty.fields, { name: '', label: '', type: 'text' }],
            }))
          }
        >
          {t('data.eventType.addField')}
        </Button>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            type="submit"
            loading={create.isPending}
            disabled={type.name.trim() === '' || type.label.trim() === ''}
          >
            {t('form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type EventField = EventType['fields'][number];

function FieldRow({
  field,
  onChange,
  onRemove,
}: {
  field: EventField;
  onChange: (change: Partial<EventField>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput
        label={t('data.eventType.fieldName')}
        required
        value={field.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
      />
      <TextInput
        label={t('data.eventType.label')}
        required
        value={field.label}
        onChange={(e) => onChange({ label: e.currentTarget.value })}
      />
      <Select
        label={t('data.eventType.fieldType')}
        allowDeselect={false}
        value={field.type}
        onChange={(value) => onChange({ type: attributeTypes.find((a) => a === value) ?? 'text' })}
        data={attributeTypes.map((a) => ({ value: a, label: t(`data.type.${a}`) }))}
        w={130}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        size="lg"
        aria-label={t('data.eventType.removeField')}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}

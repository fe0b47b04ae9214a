/**
 * Every declared custom attribute of accounts or people (GET /attribute-definitions) as a typed
 * input — text, number, yes/no, date — shared by the account and person forms.
 */
import { NumberInput, Select, SimpleGrid, Text, TextInput, Title } from '@mantine/core';
import type { AttributeDefinition, AttributeEntity } from '@caravan/core/b2b/custom-attribute';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listAttributeDefinitions } from '../api/attribute-definitions.api.ts';
import { assertNever } from '@caravan/core/result';
import {
  booleanChoice,
  dateInputType,
  definitionsOf,
  fromBooleanChoice,
  fromNumberInput,
  fromText,
  shownValue,
  withEdit,
  type AttributeForm,
} from './custom-attribute-values.ts';

/** The declarations of one entity; the query is shared with the condition builder. */
export function useAttributeDefinitions(entity: AttributeEntity) {
  const query = useQuery({
    queryKey: ['attribute-definitions'],
    queryFn: () => listAttributeDefinitions(),
  });
  return { ...query, definitions: definitionsOf(query.data?.items, entity) };
}

interface Props {
  entity: AttributeEntity;
  form: AttributeForm;
  onChange: (form: AttributeForm) => void;
  readOnly?: boolean;
}

function AttributeInput(props: Props & { definition: AttributeDefinition }) {
  const { t } = useTranslation();
  const { definition, form, onChange, readOnly = false } = props;
  const { name, label, type } = definition;
  const value = shownValue(form, name);
  const common = { label, readOnly, variant: readOnly ? 'filled' : 'default' } as const;
  const set = (v: ReturnType<typeof shownValue>) => onChange(withEdit(form, name, v));
  switch (type) {
    case 'text':
      return (
        <TextInput
          {...common}
          value={value === null ? '' : String(value)}
          onChange={(e) => set(fromText(e.currentTarget.value))}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={(v) => set(fromNumberInput(v))}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          clearable={!readOnly}
          placeholder="—"
          data={[
            { value: 'true', label: t('segments.yes') },
            { value: 'false', label: t('segments.no') },
          ]}
          value={booleanChoice(value)}
          onChange={(choice) => set(fromBooleanChoice(choice))}
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type={dateInputType(value)}
          value={value === null ? '' : String(value)}
          onChange={(e) => set(fromText(e.currentTarget.value))}
        />
      );
    default:
      return assertNever(type);
  }
}

export function CustomAttributeFields(props: Props) {
  const { t } = useTranslation();
  const { definitions, error } = useAttributeDefinitions(props.entity);
  if (error) {
    return (
      <Text size="sm" c="red">
        {t('data.attributes.loadFailed')}
      </Text>
    );
  }
  if (definitions.length === 0) return null;
  return (
    <>
      <Title order={3} size="h5" mt="xs">
        {t('data.attributes.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {definitions.map((definition) => (
          <AttributeInput key={definition.name} {...props} definition={definition} />
        ))}
      </SimpleGrid>
    </>
  );
}

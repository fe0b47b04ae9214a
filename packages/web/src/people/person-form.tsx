/**
 * The inputs of a person's standard text fields and of every declared custom attribute, shared
 * by the create dialog and the detail page.
 */
import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CustomAttributeFields } from './custom-attribute-fields.tsx';
import { personTextFields, type PersonForm } from './person-fields.ts';

interface Props {
  form: PersonForm;
  /** One field changed: a standard field's text, or the custom attributes as a whole. */
  onChange: <K extends keyof PersonForm>(field: K, value: PersonForm[K]) => void;
  readOnly?: boolean;
}

export function PersonFormFields({ form, onChange, readOnly = false }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {personTextFields.map((field) => (
          <TextInput
            key={field}
            label={t(`data.person.${field}`)}
            readOnly={readOnly}
            variant={readOnly ? 'filled' : 'default'}
            type={field === 'email' ? 'email' : 'text'}
            value={form[field]}
            onChange={(e) => onChange(field, e.currentTarget.value)}
          />
        ))}
      </SimpleGrid>
      <CustomAttributeFields
        entity="person"
        form={form.attributes}
        readOnly={readOnly}
        onChange={(attributes) => onChange('attributes', attributes)}
      />
    </Stack>
  );
}

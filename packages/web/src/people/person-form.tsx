/** The inputs of a person's standard text fields, shared by the create dialog and the detail page. */
import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { personTextFields, type PersonFieldName, type PersonForm } from './person-fields.ts';

interface Props {
  form: PersonForm;
  onChange: (field: PersonFieldName, value: string) => void;
  readOnly?: boolean;
}

export function PersonFormFields({ form, onChange, readOnly = false }: Props) {
  const { t } = useTranslation();
  return (
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
  );
}

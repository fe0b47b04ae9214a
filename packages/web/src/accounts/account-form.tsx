/** The inputs of an account's standard fields, shared by the create dialog and the detail page. */
import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  accountNumberFields,
  accountTextFields,
  type AccountFieldName,
  type AccountForm,
} from './account-fields.ts';

interface Props {
  form: AccountForm;
  onChange: (field: AccountFieldName, value: string) => void;
  readOnly?: boolean;
  fields?: readonly AccountFieldName[];
}

const allFields: readonly AccountFieldName[] = [...accountTextFields, ...accountNumberFields];
const numeric: ReadonlySet<AccountFieldName> = new Set(accountNumberFields);

export function AccountFormFields({ form, onChange, readOnly = false, fields = allFields }: Props) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {fields.map((field) => (
        <TextInput
          key={field}
          label={t(`data.account.${field}`)}
          required={field === 'name' && !readOnly}
          readOnly={readOnly}
          variant={readOnly ? 'filled' : 'default'}
          type={numeric.has(field) ? 'number' : 'text'}
          min={numeric.has(field) ? 0 : undefined}
          value={form[field]}
          onChange={(e) => onChange(field, e.currentTarget.value)}
        />
      ))}
    </SimpleGrid>
  );
}

/**
 * The inputs of an account's standard fields and of every declared custom attribute, shared by
 * the create dialog and the detail page.
 */
import { SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CustomAttributeFields } from '../people/custom-attribute-fields.tsx';
import {
  accountNumberFields,
  accountTextFields,
  type AccountFieldName,
  type AccountForm,
} from './account-fields.ts';

interface Props {
  form: AccountForm;
  /** One field changed: a standard field's text, or the custom attributes as a whole. */
  onChange: <K extends keyof AccountForm>(field: K, value: AccountForm[K]) => void;
  readOnly?: boolean;
  /** The standard fields shown; every declared custom attribute is shown regardless. */
  fields?: readonly AccountFieldName[];
}

const allFields: readonly AccountFieldName[] = [...accountTextFields, ...accountNumberFields];
const numeric: ReadonlySet<AccountFieldName> = new Set(accountNumberFields);

export function AccountFormFields({ form, onChange, readOnly = false, fields = allFields }: Props) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
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
      <CustomAttributeFields
        entity="account"
        form={form.attributes}
        readOnly={readOnly}
        onChange={(attributes) => onChange('attributes', attributes)}
      />
    </Stack>
  );
}

/**
 * The value of a rule in the shape its operator needs: nothing (exists), one value, two (between)
 * or a list (in / not in). Numbers typed for numeric attributes are stored as numbers.
 */
import type { RuleValue } from '@caravan/core/conditions/condition';
import { Autocomplete, Group, Select, TagsInput, TextInput } from '@mantine/core';
import { assertNever } from '@caravan/core/result';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  scalarToText,
  textToScalar,
  type AttributeKind,
  type ValueShape,
} from './condition-rows.ts';
import { useValueSuggestions, type SuggestFor } from './value-suggestions.ts';

interface Props {
  shape: ValueShape;
  type: AttributeKind;
  value: RuleValue | undefined;
  onChange: (value: RuleValue | undefined) => void;
  /** Suggest the values this attribute takes in the data (text attributes). */
  suggest?: SuggestFor;
}

type Scalar = string | number | boolean;

function asList(value: RuleValue | undefined): Scalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function OneValue({
  type,
  value,
  onChange,
  label,
  suggest,
}: Omit<Props, 'shape'> & { label: string }) {
  const { t } = useTranslation();
  const text = scalarToText(asList(value)[0]);
  const suggestions = useValueSuggestions(type === 'text' ? suggest : undefined, text);
  if (type === 'boolean') {
    return (
      <Select
        size="xs"
        label={label}
        data={[
          { value: 'true', label: t('conditionBuilder.true') },
          { value: 'false', label: t('conditionBuilder.false') },
        ]}
        value={text === '' ? null : text}
        onChange={(v) => onChange(v === null ? undefined : v === 'true')}
      />
    );
  }
  if (type === 'text' && suggest) {
    return (
      <Autocomplete
        size="xs"
        label={label}
        data={suggestions}
        value={text}
        onChange={(typed) => onChange(typed === '' ? undefined : typed)}
      />
    );
  }
  return (
    <TextInput
      size="xs"
      label={label}
      type={type === 'date' ? 'date' : 'text'}
      inputMode={type === 'number' ? 'decimal' : undefined}
      value={text}
      onChange={(event) => {
        const typed = event.currentTarget.value;
        onChange(typed === '' ? undefined : textToScalar(typed, type));
      }}
    />
  );
}

/** Several values, picked from the suggestions or typed (Enter or comma adds one). */
function ListValue({ type, value, onChange, suggest }: Omit<Props, 'shape'>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const suggestions = useValueSuggestions(type === 'text' ? suggest : undefined, search);
  const chosen = asList(value).map(scalarToText);
  return (
    <TagsInput
      size="xs"
      label={t('conditionBuilder.values')}
      description={t('conditionBuilder.valuesHint')}
      data={suggestions.filter((s) => !chosen.includes(s))}
      searchValue={search}
      onSearchChange={setSearch}
      value={chosen}
      onChange={(items) =>
        onChange(items.length === 0 ? undefined : items.map((i) => textToScalar(i, type)))
      }
    />
  );
}

export function ValueInput({ shape, type, value, onChange, suggest }: Props) {
  const { t } = useTranslation();
  switch (shape) {
    case 'none':
      return null;
    case 'one':
      return (
        <OneValue
          label={t('conditionBuilder.value')}
          type={type}
          value={value}
          onChange={onChange}
          {...(suggest ? { suggest } : {})}
        />
      );
    case 'two': {
      const [from, to] = asList(value);
      const set = (index: 0 | 1, next: RuleValue | undefined) => {
        const pair: Scalar[] = [from ?? '', to ?? ''];
        pair[index] = next === undefined || Array.isArray(next) ? '' : next;
        onChange(pair[0] === '' && pair[1] === '' ? undefined : pair);
      };
      return (
        <Group grow gap="xs">
          <OneValue
            label={t('conditionBuilder.from')}
            type={type}
            value={from}
            onChange={(v) => set(0, v)}
          />
          <OneValue
            label={t('conditionBuilder.to')}
            type={type}
            value={to}
            onChange={(v) => set(1, v)}
          />
        </Group>
      );
    }
    case 'list':
      return (
        <ListValue
          type={type}
          value={value}
          onChange={onChange}
          {...(suggest ? { suggest } : {})}
        />
      );
    default:
      return assertNever(shape);
  }
}

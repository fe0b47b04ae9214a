/**
 * The value of a rule in the shape its operator needs: nothing (exists), one value, two (between)
 * or a list (in / not in). Numbers typed for numeric attributes are stored as numbers.
 */
import type { RuleValue } from '@caravan/core/conditions/condition';
import { Group, Select, TagsInput, TextInput } from '@mantine/core';
import { assertNever } from '@caravan/core/result';
import { useTranslation } from 'react-i18next';
import {
  scalarToText,
  textToScalar,
  type AttributeKind,
  type ValueShape,
} from './condition-rows.ts';

interface Props {
  shape: ValueShape;
  type: AttributeKind;
  value: RuleValue | undefined;
  onChange: (value: RuleValue | undefined) => void;
}

type Scalar = string | number | boolean;

function asList(value: RuleValue | undefined): Scalar[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function OneValue({ type, value, onChange, label }: Omit<Props, 'shape'> & { label: string }) {
  const { t } = useTranslation();
  const text = scalarToText(asList(value)[0]);
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

export function ValueInput({ shape, type, value, onChange }: Props) {
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
        <TagsInput
          size="xs"
          label={t('conditionBuilder.values')}
          description={t('conditionBuilder.valuesHint')}
          value={asList(value).map(scalarToText)}
          onChange={(items) =>
            onChange(items.length === 0 ? undefined : items.map((i) => textToScalar(i, type)))
          }
        />
      );
    default:
      return assertNever(shape);
  }
}

/**
 * Constraints on an event's properties (SPEC §2): field, *is* / *is not*, values — for a listener
 * and for an event-history rule. Fields are suggested from the event type; a row without a field
 * is still being written and is not saved.
 */
import type { EventConstraint } from '@caravan/core/conditions/condition';
import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  Select,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { completeConstraints } from './condition-rows.ts';
import { useDraft } from './use-draft.ts';

interface Props {
  fields: readonly string[];
  value: EventConstraint[];
  onChange: (constraints: EventConstraint[]) => void;
}

function valueItem(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

export function ConstraintsEditor({ fields, value, onChange }: Props) {
  const { t } = useTranslation();
  const set = (index: number, next: EventConstraint) =>
    onChange(value.map((c, i) => (i === index ? next : c)));
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('conditionBuilder.constraints')}
      </Text>
      {value.map((constraint, index) => {
        const n = index + 1;
        return (
          // Two lines, so that the values get the panel's whole width.
          <Stack key={index} gap={4}>
            <Group gap={4} align="flex-end" wrap="nowrap">
              <Autocomplete
                size="xs"
                flex={1}
                label={t('conditionBuilder.constraintField', { n })}
                data={[...fields]}
                value={constraint.field}
                onChange={(field) => set(index, { ...constraint, field })}
              />
              <Select
                size="xs"
                w={100}
                label={t('conditionBuilder.constraintOperator', { n })}
                allowDeselect={false}
                data={[
                  { value: 'is', label: t('conditionBuilder.is') },
                  { value: 'isNot', label: t('conditionBuilder.isNot') },
                ]}
                value={constraint.operator}
                onChange={(op) =>
                  set(index, { ...constraint, operator: op === 'isNot' ? 'isNot' : 'is' })
                }
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mb={2}
                aria-label={t('conditionBuilder.removeConstraint', { n })}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                ×
              </ActionIcon>
            </Group>
            <TagsInput
              size="xs"
              label={t('conditionBuilder.constraintValues', { n })}
              value={constraint.values.map(String)}
              onChange={(items) => set(index, { ...constraint, values: items.map(valueItem) })}
            />
          </Stack>
        );
      })}
      <Group>
        <Button
          size="compact-xs"
          variant="light"
          onClick={() => onChange([...value, { field: '', operator: 'is', values: [] }])}
        >
          {t('conditionBuilder.addConstraint')}
        </Button>
      </Group>
    </Stack>
  );
}

/** For a saved list of constraints (a listener's): rows being written stay local until named. */
export function SavedConstraintsEditor(props: {
  fields: readonly string[];
  value: EventConstraint[] | undefined;
  onChange: (constraints: EventConstraint[] | undefined) => void;
}) {
  const [drafts, setDrafts] = useDraft(
    props.value,
    (value) => value ?? [],
    (drafts): EventConstraint[] | undefined => {
      const complete = completeConstraints(drafts);
      return complete.length === 0 ? undefined : complete;
    },
    props.onChange,
  );
  return <ConstraintsEditor fields={props.fields} value={drafts} onChange={setDrafts} />;
}

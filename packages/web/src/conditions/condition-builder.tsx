/**
 * The condition builder (SPEC §2): match all / any and a list of rules over accounts, people,
 * buying groups, list membership, role in account and event history, each with the operator and
 * value input that fit. It edits the core `Condition` JSON; a *JSON* switch shows that JSON for
 * power users. A rule still missing something required is kept here, marked, and not saved.
 */
import type { Condition } from '@caravan/core/conditions/condition';
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseConditionJson } from '../audiences/condition-json.ts';
import {
  completeRule,
  conditionOf,
  draftOf,
  newRule,
  nextRuleKey,
  ruleKinds,
  type ConditionDraft,
  type RuleDraft,
  type RuleKind,
} from './condition-rows.ts';
import { RuleFields } from './rule-editor.tsx';
import { useDraft } from './use-draft.ts';

interface Props {
  /** Names the whole builder (a group), e.g. "Condition of path 1". */
  label: string;
  value: Condition | undefined;
  onChange: (condition: Condition) => void;
  /** The rule kinds offered (all by default). */
  kinds?: readonly RuleKind[];
  /** Off where the page shows the JSON itself (the audience editor). */
  jsonToggle?: boolean;
}

function RuleCard(props: {
  index: number;
  draft: RuleDraft;
  kinds: readonly RuleKind[];
  onChange: (draft: RuleDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { index, draft, kinds, onChange } = props;
  const n = index + 1;
  const headingId = useId();
  const complete = completeRule(draft) !== undefined;
  return (
    <Paper withBorder p="xs" radius="sm" role="group" aria-labelledby={headingId}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600} id={headingId}>
            {t('conditionBuilder.rule', { n })}
          </Text>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('conditionBuilder.removeRule', { n })}
            onClick={props.onRemove}
          >
            ×
          </ActionIcon>
        </Group>
        <Select
          size="xs"
          label={t('conditionBuilder.kind')}
          allowDeselect={false}
          data={kinds.map((kind) => ({ value: kind, label: t(`conditionBuilder.kinds.${kind}`) }))}
          value={draft.kind}
          onChange={(kind) => kind && kind !== draft.kind && onChange(newRule(kind as RuleKind))}
        />
        <RuleFields draft={draft} onChange={onChange} />
        {!complete && (
          <Text size="xs" c="orange">
            {t('conditionBuilder.incomplete')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The condition as JSON, checked against the core schema when the field is left. */
function ConditionJson({ value, onChange }: Pick<Props, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  const [text, setText] = useState(() =>
    JSON.stringify(value ?? { match: 'all', rules: [] }, null, 2),
  );
  const [errors, setErrors] = useState<string[]>([]);
  return (
    <Textarea
      size="xs"
      autosize
      minRows={4}
      maxRows={20}
      label={t('conditionBuilder.jsonLabel')}
      styles={{ input: { fontFamily: 'ui-monospace, monospace' } }}
      value={text}
      error={errors.length > 0 ? errors.join('; ') : undefined}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => {
        const parsed = parseConditionJson(text);
        setErrors(parsed.ok ? [] : parsed.error);
        if (parsed.ok) onChange(parsed.value);
      }}
    />
  );
}

export function ConditionBuilder(props: Props) {
  const { t } = useTranslation();
  const { label, value, onChange, kinds = ruleKinds, jsonToggle = true } = props;
  const [asJson, setAsJson] = useState(false);
  const [draft, setDraft] = useDraft<Condition | undefined, ConditionDraft>(
    value,
    draftOf,
    conditionOf,
    (condition) => condition && onChange(condition),
  );
  const setRule = (index: number, rule: RuleDraft) =>
    setDraft({ ...draft, rules: draft.rules.map((r, i) => (i === index ? rule : r)) });
  const removeRule = (index: number) =>
    setDraft({
      ...draft,
      rules: draft.rules.filter((_, i) => i !== index),
      keys: draft.keys.filter((_, i) => i !== index),
    });
  return (
    <Fieldset legend={label} variant="filled" p="xs">
      <Stack gap="xs">
        <Group justify="space-between">
          <SegmentedControl
            size="xs"
            aria-label={t('conditionBuilder.match')}
            value={draft.match}
            data={[
              { value: 'all', label: t('conditionBuilder.matchAll') },
              { value: 'any', label: t('conditionBuilder.matchAny') },
            ]}
            onChange={(match) => setDraft({ ...draft, match: match === 'any' ? 'any' : 'all' })}
          />
          {jsonToggle && (
            <Switch
              size="xs"
              label={t('conditionBuilder.json')}
              checked={asJson}
              onChange={(event) => setAsJson(event.currentTarget.checked)}
            />
          )}
        </Group>
        {asJson ? (
          <ConditionJson key={JSON.stringify(value ?? null)} value={value} onChange={onChange} />
        ) : (
          <>
            {draft.rules.map((rule, index) => (
              <RuleCard
                key={draft.keys[index] ?? index}
                index={index}
                draft={rule}
                kinds={kinds}
                onChange={(next) => setRule(index, next)}
                onRemove={() => removeRule(index)}
              />
            ))}
            {draft.rules.length === 0 && (
              <Text size="xs" c="dimmed">
                {t('conditionBuilder.noRules')}
              </Text>
            )}
            <Group>
              <Button
                size="compact-xs"
                variant="light"
                onClick={() =>
                  setDraft({
                    ...draft,
                    rules: [...draft.rules, newRule(kinds[0] ?? 'account')],
                    keys: [...draft.keys, nextRuleKey()],
                  })
                }
              >
                {t('conditionBuilder.addRule')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Fieldset>
  );
}

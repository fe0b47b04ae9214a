/**
 * An event-history rule: the event type, constraints on its properties, an optional lookback
 * window (amount + unit), the minimum count and *did not do*.
 */
import { Group, NumberInput, Select, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DraftOf, Lookback, LookbackUnit } from './condition-rows.ts';
import { ConstraintsEditor } from './constraints-editor.tsx';
import { EventTypeInput, useEventCatalogue } from './data-pickers.tsx';
import { eventFields } from './event-catalogue.ts';

const lookbackUnits: readonly LookbackUnit[] = ['hours', 'days', 'weeks', 'months'];

interface Props {
  draft: DraftOf<'eventHistory'>;
  onChange: (draft: DraftOf<'eventHistory'>) => void;
}

function positiveInteger(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

function LookbackFields({
  lookback,
  onChange,
}: {
  lookback: Lookback;
  onChange: (l: Lookback) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group grow gap="xs" align="flex-end">
      <NumberInput
        size="xs"
        label={t('conditionBuilder.lookbackAmount')}
        min={1}
        allowDecimal={false}
        value={lookback.amount}
        onChange={(v) => {
          const amount = positiveInteger(v);
          if (amount !== undefined) onChange({ ...lookback, amount });
        }}
      />
      <Select
        size="xs"
        label={t('conditionBuilder.lookbackUnit')}
        allowDeselect={false}
        data={lookbackUnits.map((u) => ({ value: u, label: t(`editor.units.${u}`) }))}
        value={lookback.unit}
        onChange={(u) => u && onChange({ ...lookback, unit: u as LookbackUnit })}
      />
    </Group>
  );
}

export function EventHistoryFields({ draft, onChange }: Props) {
  const { t } = useTranslation();
  const catalogue = useEventCatalogue();
  return (
    <>
      <EventTypeInput
        label={t('conditionBuilder.eventType')}
        value={draft.eventType}
        onChange={(eventType) => {
          const { eventType: _old, ...rest } = draft;
          onChange(eventType ? { ...rest, eventType } : rest);
        }}
      />
      <ConstraintsEditor
        fields={eventFields(catalogue, draft.eventType)}
        value={draft.constraints ?? []}
        onChange={(constraints) => onChange({ ...draft, constraints })}
      />
      <Switch
        size="xs"
        label={t('conditionBuilder.lookback')}
        checked={draft.lookback !== undefined}
        onChange={(event) => {
          const { lookback: _old, ...rest } = draft;
          onChange(
            event.currentTarget.checked
              ? { ...rest, lookback: { amount: 30, unit: 'days' } }
              : rest,
          );
        }}
      />
      {draft.lookback && (
        <LookbackFields
          lookback={draft.lookback}
          onChange={(lookback) => onChange({ ...draft, lookback })}
        />
      )}
      <Group grow gap="xs" align="flex-end">
        <NumberInput
          size="xs"
          label={t('conditionBuilder.minCount')}
          min={1}
          allowDecimal={false}
          value={draft.minCount ?? 1}
          onChange={(v) => {
            const minCount = positiveInteger(v);
            if (minCount !== undefined) onChange({ ...draft, minCount });
          }}
        />
        <Switch
          size="xs"
          label={t('conditionBuilder.didNotDo')}
          checked={draft.didNotDo === true}
          onChange={(event) => onChange({ ...draft, didNotDo: event.currentTarget.checked })}
        />
      </Group>
    </>
  );
}

/**
 * The timing of a wait or a listener's timeout: a duration or a date, and *must end on* (weekdays,
 * time of day, time zone), with a live sentence saying when an account entering now would leave.
 */
import type { DurationUnit, MustEndOn, Timing, Weekday } from '@caravan/core/journey/definition';
import {
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { leaveSentence } from './timing-text.ts';

const units: readonly DurationUnit[] = ['minutes', 'hours', 'days', 'weeks', 'months'];
const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const timeZones: string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
if (!timeZones.includes('UTC')) timeZones.unshift('UTC');

interface Props {
  timing: Timing;
  onChange: (timing: Timing, field?: string) => void;
}

/** `2030-01-01T09:00` (local, as the input shows it) ⇄ an ISO instant. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): string | undefined {
  const date = new Date(value);
  return value === '' || Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function MustEndOnFields({
  mustEndOn,
  onChange,
}: {
  mustEndOn: MustEndOn;
  onChange: (m: MustEndOn, field?: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" pl="md">
      <Checkbox.Group
        label={t('editor.timing.weekdays')}
        value={mustEndOn.weekdays ?? []}
        onChange={(value) => {
          const days = weekdays.filter((day) => value.includes(day));
          // No day ticked means any day, which is what leaving the list out says.
          const { weekdays: _old, ...rest } = mustEndOn;
          onChange(days.length > 0 ? { ...rest, weekdays: days } : rest);
        }}
      >
        <Group gap="xs" mt={4}>
          {weekdays.map((day) => (
            <Checkbox key={day} value={day} label={t(`editor.weekdays.${day}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <TextInput
        type="time"
        label={t('editor.timing.time')}
        value={mustEndOn.time ?? ''}
        onChange={(event) => {
          const { time: _old, ...rest } = mustEndOn;
          const time = event.currentTarget.value;
          onChange(time === '' ? rest : { ...rest, time }, 'time');
        }}
      />
      <Select
        label={t('editor.timing.timeZone')}
        searchable
        clearable
        data={timeZones}
        value={mustEndOn.timeZone ?? null}
        onChange={(value) => {
          const { timeZone: _old, ...rest } = mustEndOn;
          onChange(value ? { ...rest, timeZone: value } : rest);
        }}
      />
    </Stack>
  );
}

function DurationFields({ timing, onChange }: Props) {
  const { t } = useTranslation();
  const { duration, date: _date, ...withoutWhen } = timing;
  return (
    <Group grow align="flex-end">
      <NumberInput
        label={t('editor.timing.amount')}
        min={1}
        allowDecimal={false}
        value={duration?.amount ?? ''}
        onChange={(value) => {
          const amount = typeof value === 'number' ? value : Number.parseInt(value, 10);
          // An emptied field is mid-typing, not a wait of nothing: keep the last amount.
          if (!Number.isInteger(amount) || amount < 1) return;
          onChange(
            { ...withoutWhen, duration: { unit: duration?.unit ?? 'days', amount } },
            'amount',
          );
        }}
      />
      <Select
        label={t('editor.timing.unit')}
        allowDeselect={false}
        data={units.map((unit) => ({ value: unit, label: t(`editor.units.${unit}`) }))}
        value={duration?.unit ?? 'days'}
        onChange={(value) =>
          onChange({
            ...withoutWhen,
            duration: { amount: duration?.amount ?? 1, unit: (value ?? 'days') as DurationUnit },
          })
        }
      />
    </Group>
  );
}

export function TimingForm({ timing, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const mode = timing.date !== undefined ? 'date' : 'duration';
  const sentence = leaveSentence(timing, i18n.language, new Date());
  const { duration, date: _date, ...withoutWhen } = timing;
  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('editor.timing.mode')}
        value={mode}
        data={[
          { value: 'duration', label: t('editor.timing.duration') },
          { value: 'date', label: t('editor.timing.date') },
        ]}
        onChange={(value) =>
          onChange(
            value === 'date'
              ? { ...withoutWhen, date: new Date(Date.now() + 86_400_000).toISOString() }
              : { ...withoutWhen, duration: duration ?? { amount: 5, unit: 'days' } },
          )
        }
      />
      {mode === 'duration' ? (
        <DurationFields timing={timing} onChange={onChange} />
      ) : (
        <TextInput
          type="datetime-local"
          label={t('editor.timing.date')}
          value={toLocalInput(timing.date)}
          onChange={(event) => {
            const date = fromLocalInput(event.currentTarget.value);
            if (date) onChange({ ...withoutWhen, date }, 'date');
          }}
        />
      )}
      <Switch
        label={t('editor.timing.mustEndOn')}
        checked={timing.mustEndOn !== undefined}
        onChange={(event) => {
          const { mustEndOn: _old, ...rest } = timing;
          onChange(event.currentTarget.checked ? { ...rest, mustEndOn: {} } : rest);
        }}
      />
      {timing.mustEndOn && (
        <MustEndOnFields
          mustEndOn={timing.mustEndOn}
          onChange={(mustEndOn, field) => onChange({ ...timing, mustEndOn }, field)}
        />
      )}
      {sentence && (
        <Text size="sm" c="dimmed" role="note">
          {t('editor.timing.leaves', { date: sentence })}
        </Text>
      )}
    </Stack>
  );
}

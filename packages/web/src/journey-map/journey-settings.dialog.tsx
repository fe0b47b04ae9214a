/**
 * *Journey settings* of a draft: start immediately or on a date-time, the end date (required to
 * publish, at most 3 years after the start) and the time zone the dates are entered in. Saved
 * with a PATCH through the map's edit session, so it carries the version like autosave does.
 */
import { Alert, Button, Group, Modal, Radio, Select, Stack, TextInput } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useUpdateJourney } from '../journeys/journey-mutations.ts';
import {
  formToSchedule,
  scheduleToForm,
  type ScheduleForm,
  type ScheduleFormErrors,
} from '../map/settings-edits.ts';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  onClose: () => void;
}

export function JourneySettingsDialog({ journey, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.title')} centered size="lg">
      {opened && <ScheduleFormView journey={journey} onDone={onClose} />}
    </Modal>
  );
}

/** The browser's zone, the default for a journey that has none yet. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  // Some engines list UTC only as an alias; a stored zone must always be selectable.
  return [...new Set(['UTC', current, ...zones])].sort();
}

function errorText(t: (key: string) => string, errors: ScheduleFormErrors) {
  const text = (key: string | undefined) => (key ? t(`settings.errors.${key}`) : undefined);
  return {
    start: text(
      errors.start === 'required'
        ? 'startRequired'
        : errors.start === 'past'
          ? 'startPast'
          : undefined,
    ),
    end: text(
      errors.end === 'required'
        ? 'endRequired'
        : errors.end === 'beforeStart'
          ? 'endBeforeStart'
          : errors.end === 'tooLong'
            ? 'endTooLong'
            : undefined,
    ),
    timeZone: text(errors.timeZone ? 'timeZoneUnknown' : undefined),
  };
}

function ScheduleFormView({ journey, onDone }: { journey: ApiJourney; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateJourney(journey.id);
  const [form, setForm] = useState<ScheduleForm>(() =>
    scheduleToForm(journey.schedule, browserTimeZone()),
  );
  // Errors show once the user tried to save, then follow every change.
  const [tried, setTried] = useState(false);
  const zones = useMemo(() => timeZoneOptions(form.timeZone), [form.timeZone]);
  const result = formToSchedule(form, new Date());
  const errors = errorText(t, tried && !result.ok ? result.error : {});
  const set = (patch: Partial<ScheduleForm>) => setForm((current) => ({ ...current, ...patch }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!result.ok) return;
    update.mutate({ schedule: result.value }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Radio.Group
          label={t('settings.start')}
          value={form.startMode}
          onChange={(value) => set({ startMode: value === 'date' ? 'date' : 'immediately' })}
        >
          <Group mt="xs">
            <Radio value="immediately" label={t('settings.startImmediately')} />
            <Radio value="date" label={t('settings.startOnDate')} />
          </Group>
        </Radio.Group>
        {form.startMode === 'date' && (
          <TextInput
            type="datetime-local"
            label={t('settings.startAt')}
            required
            value={form.start}
            error={errors.start}
            onChange={(e) => set({ start: e.currentTarget.value })}
          />
        )}
        <TextInput
          type="datetime-local"
          label={t('settings.endAt')}
          description={t('settings.endHint')}
          required
          value={form.end}
          error={errors.end}
          onChange={(e) => set({ end: e.currentTarget.value })}
        />
        <Select
          label={t('settings.timeZone')}
          description={t('settings.timeZoneHint')}
          searchable
          limit={50}
          data={zones}
          value={form.timeZone}
          error={errors.timeZone}
          allowDeselect={false}
          onChange={(value) => value && set({ timeZone: value })}
        />
        {update.error && (
          <Alert color="red" role="alert">
            {update.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

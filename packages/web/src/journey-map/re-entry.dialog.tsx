/**
 * *Re-entry* (More... of a draft): off by default; when on, the entry limit, the delay in hours
 * or days, and whether it is measured from the start or the end of the previous pass (SPEC §2).
 */
import { Modal, NumberInput, Radio, Select, Stack, Switch, Group, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useUpdateJourney } from '../journeys/journey-mutations.ts';
import { reEntryErrors, switchReEntry, type ReEntry } from '../map/settings-edits.ts';
import { DialogFooter } from './dialog-footer.tsx';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  onClose: () => void;
}

export function ReEntryDialog({ journey, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.reEntry.title')} centered>
      {opened && <ReEntryForm journey={journey} onDone={onClose} />}
    </Modal>
  );
}

/** A NumberInput's value as a number, `undefined` while it is empty or not a number. */
function numeric(value: string | number): number | undefined {
  const n = typeof value === 'number' ? value : Number(value);
  return value === '' || Number.isNaN(n) ? undefined : n;
}

function ReEntryForm({ journey, onDone }: { journey: ApiJourney; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateJourney(journey.id);
  const [reEntry, setReEntry] = useState<ReEntry>(journey.settings.reEntry);
  const errors = reEntryErrors(reEntry);
  const invalid = Object.keys(errors).length > 0;
  const delay = reEntry.delay ?? { amount: 1, unit: 'days' as const };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    update.mutate({ settings: { ...journey.settings, reEntry } }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Switch
          label={t('settings.reEntry.enabled')}
          checked={reEntry.enabled}
          onChange={(e) => setReEntry(switchReEntry(reEntry, e.currentTarget.checked))}
        />
        <Text size="sm" c="dimmed">
          {t('settings.reEntry.hint')}
        </Text>
        {reEntry.enabled && (
          <>
            <NumberInput
              label={t('settings.reEntry.entryLimit')}
              description={t('settings.reEntry.entryLimitHint')}
              min={1}
              allowDecimal={false}
              value={reEntry.entryLimit ?? ''}
              error={errors.entryLimit && t('settings.reEntry.limitRequired')}
              onChange={(value) => setReEntry({ ...reEntry, entryLimit: numeric(value) })}
            />
            <Group grow align="flex-start">
              <NumberInput
                label={t('settings.reEntry.delay')}
                min={0}
                allowDecimal={false}
                value={reEntry.delay?.amount ?? ''}
                error={errors.delay && t('settings.reEntry.delayRequired')}
                onChange={(value) =>
                  setReEntry({
                    ...reEntry,
                    // An emptied amount is kept as NaN so the error shows until it is filled.
                    delay: { ...delay, amount: numeric(value) ?? Number.NaN },
                  })
                }
              />
              <Select
                label={t('settings.reEntry.delayUnit')}
                data={[
                  { value: 'hours', label: t('settings.reEntry.hours') },
                  { value: 'days', label: t('settings.reEntry.days') },
                ]}
                value={delay.unit}
                allowDeselect={false}
                onChange={(value) =>
                  setReEntry({
                    ...reEntry,
                    delay: { ...delay, unit: value === 'hours' ? 'hours' : 'days' },
                  })
                }
              />
            </Group>
            <Radio.Group
              label={t('settings.reEntry.measuredFrom')}
              value={reEntry.measuredFrom ?? 'end'}
              onChange={(value) =>
                setReEntry({ ...reEntry, measuredFrom: value === 'start' ? 'start' : 'end' })
              }
            >
              <Stack gap="xs" mt="xs">
                <Radio value="start" label={t('settings.reEntry.fromStart')} />
                <Radio value="end" label={t('settings.reEntry.fromEnd')} />
              </Stack>
            </Radio.Group>
          </>
        )}
        <DialogFooter
          error={update.error}
          pending={update.isPending}
          onCancel={onDone}
          saveDisabled={invalid}
        />
      </Stack>
    </form>
  );
}

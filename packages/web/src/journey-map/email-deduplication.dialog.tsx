/** *Email deduplication* (More... of a draft): one switch, saved with the journey's settings. */
import { Modal, Stack, Switch, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useUpdateJourney } from '../journeys/journey-mutations.ts';
import { DialogFooter } from './dialog-footer.tsx';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  onClose: () => void;
}

export function EmailDeduplicationDialog({ journey, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.dedup.title')} centered>
      {opened && <DeduplicationForm journey={journey} onDone={onClose} />}
    </Modal>
  );
}

function DeduplicationForm({ journey, onDone }: { journey: ApiJourney; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateJourney(journey.id);
  const [enabled, setEnabled] = useState(journey.settings.emailDeduplication);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { settings: { ...journey.settings, emailDeduplication: enabled } },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        <Switch
          label={t('settings.dedup.label')}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
        />
        <Text size="sm" c="dimmed">
          {t('settings.dedup.hint')}
        </Text>
        <DialogFooter error={update.error} pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

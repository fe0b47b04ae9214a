import type { DuplicationType } from '@caravan/core/journey/journey';
import { Alert, Button, Group, Modal, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useDuplicateJourney } from './journey-mutations.ts';

interface Props {
  journey: Pick<ApiJourney, 'id' | 'name' | 'description'> | null;
  onClose: () => void;
}

/** *Duplicate journey*: name `<name>_copy` by default, a type, then the copy opens. */
export function DuplicateJourneyDialog({ journey, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={journey !== null} onClose={onClose} title={t('duplicate.title')} centered>
      {journey && <DuplicateForm journey={journey} onClose={onClose} />}
    </Modal>
  );
}

function DuplicateForm({
  journey,
  onClose,
}: {
  journey: NonNullable<Props['journey']>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const duplicate = useDuplicateJourney(journey.id);
  // Same default as core's `defaultCopyName`, spelled out so the web bundle stays lean.
  const [name, setName] = useState(`${journey.name}_copy`);
  const [description, setDescription] = useState(journey.description);
  const [type, setType] = useState<DuplicationType>('partial');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    duplicate.mutate(
      { name: name.trim(), description, type },
      {
        onSuccess: (copy) => {
          onClose();
          void navigate(`/journeys/${copy.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        {duplicate.error && (
          <Alert color="red" role="alert">
            {duplicate.error.message}
          </Alert>
        )}
        <TextInput
          label={t('form.name')}
          required
          maxLength={255}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Textarea
          label={t('form.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Radio.Group
          label={t('form.type')}
          value={type}
          onChange={(value) => setType(value === 'skeleton' ? 'skeleton' : 'partial')}
        >
          <Stack gap="xs" mt="xs">
            <Radio
              value="partial"
              label={t('duplicate.partial')}
              description={t('duplicate.partialHint')}
            />
            <Radio
              value="skeleton"
              label={t('duplicate.skeleton')}
              description={t('duplicate.skeletonHint')}
            />
          </Stack>
        </Radio.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={duplicate.isPending} disabled={name.trim() === ''}>
            {t('actions.duplicate')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

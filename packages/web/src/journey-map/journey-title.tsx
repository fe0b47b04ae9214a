/** The journey name with its *Edit* pencil: rename (and re-describe) in place. */
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useUpdateJourney } from '../journeys/journey-mutations.ts';
import { PencilIcon } from '../layout/icons.tsx';

export function JourneyTitle({ journey, canEdit }: { journey: ApiJourney; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  if (editing) return <RenameForm journey={journey} onDone={() => setEditing(false)} />;
  return (
    <Stack gap={2} miw={0}>
      <Group gap={6} wrap="nowrap">
        {/* A long name (even one without spaces) ends in an ellipsis; the whole name is a hover away. */}
        <Tooltip
          label={journey.name}
          multiline
          maw={480}
          openDelay={300}
          style={{ overflowWrap: 'anywhere' }}
        >
          <Title order={1} size="h3" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
            {journey.name}
          </Title>
        </Tooltip>
        {canEdit && (
          <Tooltip label={t('actions.edit')}>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('actions.edit')}
              onClick={() => setEditing(true)}
            >
              <PencilIcon />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Text size="sm" c="dimmed" lineClamp={1}>
        {journey.description || t('map.descriptionPlaceholder')}
      </Text>
    </Stack>
  );
}

function RenameForm({ journey, onDone }: { journey: ApiJourney; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateJourney(journey.id);
  const [name, setName] = useState(journey.name);
  const [description, setDescription] = useState(journey.description);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), description }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} style={{ flex: 1, maxWidth: 560 }}>
      <Stack gap="xs">
        <TextInput
          label={t('form.name')}
          required
          maxLength={255}
          autoFocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && onDone()}
        />
        <Textarea
          label={t('form.description')}
          autosize
          minRows={1}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        {update.error && (
          <Alert color="red" role="alert">
            {update.error.message}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" size="xs" loading={update.isPending} disabled={name.trim() === ''}>
            {t('actions.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

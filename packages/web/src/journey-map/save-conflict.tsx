/** What the map shows once autosave ran into another tab's save: the message and *Reload*. */
import { Alert, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSaveConflict } from '../map/use-autosave.ts';

export function SaveConflict({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const message = useSaveConflict(journeyId);
  if (message === undefined) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{t('editor.notSaved', { message })}</Text>
        {/* A full reload: the edit store, its undo history and the version all start afresh. */}
        <Button size="xs" color="red" onClick={() => window.location.reload()}>
          {t('map.reload')}
        </Button>
      </Group>
    </Alert>
  );
}

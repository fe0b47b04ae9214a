/** The bottom of the journey-settings dialogs: the save error, *Cancel* and *Save*. */
import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';

interface Props {
  error: ApiError | null;
  pending: boolean;
  onCancel: () => void;
  saveDisabled?: boolean;
}

export function DialogFooter({ error, pending, onCancel, saveDisabled = false }: Props) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <Alert color="red" role="alert">
          {error.message}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('actions.cancel')}
        </Button>
        <Button type="submit" loading={pending} disabled={saveDisabled}>
          {t('actions.save')}
        </Button>
      </Group>
    </>
  );
}

/**
 * Confirms deleting a solution interest, role template or stage model. A refusal (409 IN_USE: a
 * journey, interest or group still uses it) stays in the dialog with the server's message.
 */
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';

interface Props {
  /** What is being deleted, e.g. "Delete role template"; also the dialog's name. */
  title: string;
  name: string;
  /** The list to refresh once deleted. */
  queryKey: string;
  remove: () => Promise<void>;
  onClose: () => void;
}

export function DeleteSetupDialog({ title, name, queryKey, remove, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const deletion = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [queryKey] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{t('segments.setup.deleteBody', { name })}</Text>
        <ErrorAlert error={deletion.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red" loading={deletion.isPending} onClick={() => deletion.mutate()}>
            {t('actions.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The *Publish* confirmation. It validates first and lists every problem, so the user sees why
 * publishing is refused before trying; the server's 422 is shown the same way if it still comes.
 */
import { Alert, List, Loader, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';
import { validateJourney, type ApiJourney } from '../api/journeys.api.ts';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  pending: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  onClose: () => void;
}

export function PublishDialog({ journey, opened, pending, error, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const validation = useQuery({
    queryKey: ['journey', journey.id, 'validation', journey.updatedAt],
    queryFn: () => validateJourney(journey.id),
    enabled: opened,
    gcTime: 0,
  });
  const problems = validation.data?.problems ?? [];
  const blocking = problems.some((p) => p.severity !== 'warning');
  return (
    <ConfirmActionDialog
      opened={opened}
      title={t('confirm.publishTitle')}
      body={t('confirm.publishBody', { name: journey.name })}
      confirmLabel={t('actions.publish')}
      pending={pending}
      error={error}
      confirmDisabled={validation.isPending || blocking}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      {validation.isPending && opened && (
        <Group justify="center">
          <Loader size="sm" />
        </Group>
      )}
      {problems.length > 0 && !error && (
        <Alert
          color={blocking ? 'red' : 'yellow'}
          title={blocking ? t('confirm.resolveErrors') : undefined}
        >
          <List size="sm">
            {problems.map((p, i) => (
              <List.Item key={`${p.code}-${p.nodeId ?? ''}-${i}`}>
                <Text size="sm" span c={p.severity === 'warning' ? 'yellow.9' : undefined}>
                  {p.message}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </ConfirmActionDialog>
  );
}

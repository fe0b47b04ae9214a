/**
 * *Publish*: first *Review journey settings* (start, end, time zone, re-entry, deduplication,
 * tokens; *Edit* goes back to the settings), then the confirmation. Both are in one dialog named
 * *Publish journey* so the confirm button stays where users (and tests) find it. It validates
 * first and lists every problem, so the user sees why publishing is refused before trying; the
 * server's 422 is shown the same way if it still comes.
 */
import { Alert, Button, Group, List, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiError, ApiProblem } from '../api/http-client.ts';
import { validateJourney, type ApiJourney } from '../api/journeys.api.ts';
import { SettingsSummary } from './settings-summary.tsx';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  pending: boolean;
  error: ApiError | null;
  onConfirm: () => void;
  /** *Edit* in the review: the settings dialog takes over. */
  onEditSettings: () => void;
  onClose: () => void;
}

function ProblemList({ problems, title }: { problems: readonly ApiProblem[]; title?: string }) {
  const blocking = problems.some((p) => p.severity !== 'warning');
  return (
    <Alert color={blocking ? 'red' : 'yellow'} role="alert" title={title}>
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
  );
}

export function PublishDialog(props: Props) {
  const { journey, opened, pending, error } = props;
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
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={t('confirm.publishTitle')}
      centered
      size="lg"
    >
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h5">
            {t('publishReview.title')}
          </Title>
          <Button size="xs" variant="default" onClick={props.onEditSettings}>
            {t('publishReview.edit')}
          </Button>
        </Group>
        <SettingsSummary journey={journey} />
        <Title order={2} size="h5">
          {t('publishReview.confirm')}
        </Title>
        <Text size="sm">{t('confirm.publishBody', { name: journey.name })}</Text>
        {validation.isPending && opened && (
          <Group justify="center">
            <Loader size="sm" />
          </Group>
        )}
        {problems.length > 0 && !error && (
          <ProblemList
            problems={problems}
            title={blocking ? t('confirm.resolveErrors') : undefined}
          />
        )}
        {error &&
          (error.problems.length > 0 ? (
            <ProblemList problems={error.problems} title={t('confirm.resolveErrors')} />
          ) : (
            <Alert color="red" role="alert">
              {error.message}
            </Alert>
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            loading={pending}
            disabled={validation.isPending || blocking}
            onClick={props.onConfirm}
          >
            {t('actions.publish')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * "Create buying groups": pick an audience, start the server's creation job for the solution
 * interest, and follow it — a progress bar while it runs, then how many groups were made.
 */
import { Alert, Button, Group, Modal, Progress, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getBuyingGroupJob, startBuyingGroupJob } from '../api/buying-groups.api.ts';
import { AudiencePicker } from '../conditions/data-pickers.tsx';
import { ErrorAlert } from '../data/error-alert.tsx';

interface Props {
  solutionInterestId: string;
  opened: boolean;
  onClose: () => void;
}

export function CreateGroupsDialog({ solutionInterestId, opened, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [audienceId, setAudienceId] = useState<string | undefined>();
  const start = useMutation({
    mutationFn: (audience: string) => startBuyingGroupJob(solutionInterestId, audience),
  });
  const jobId = start.data?.id;
  const job = useQuery({
    queryKey: ['buying-group-jobs', solutionInterestId, jobId],
    queryFn: async () => {
      const polled = await getBuyingGroupJob(solutionInterestId, jobId ?? '');
      if (polled.status !== 'running') {
        await queryClient.invalidateQueries({ queryKey: ['buying-groups'] });
      }
      return polled;
    },
    enabled: jobId !== undefined,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });
  const progress = job.data ?? start.data;
  const close = () => {
    start.reset();
    setAudienceId(undefined);
    onClose();
  };
  const percent =
    progress?.total === null || progress === undefined
      ? 0
      : progress.total === 0
        ? 100
        : Math.round((100 * progress.processed) / progress.total);
  return (
    <Modal opened={opened} onClose={close} title={t('segments.groupJob.title')}>
      <Stack gap="md">
        <AudiencePicker
          label={t('segments.groupJob.audience')}
          value={audienceId}
          onChange={setAudienceId}
        />
        <ErrorAlert error={start.error ?? job.error} />
        {progress && (
          <Stack gap={4}>
            <Progress
              value={percent}
              animated={progress.status === 'running'}
              aria-label={t('segments.groupJob.progress')}
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('segments.groupJob.processed', {
                processed: progress.processed,
                total: progress.total ?? '…',
              })}
            </Text>
          </Stack>
        )}
        {progress?.status === 'done' && (
          <Alert color="green" title={t('segments.groupJob.done')}>
            {t('segments.groupJob.result', {
              created: progress.created,
              existing: progress.existing,
            })}
          </Alert>
        )}
        {progress?.status === 'failed' && (
          <Alert color="red" title={t('segments.groupJob.failed')}>
            {progress.error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('segments.groupJob.close')}
          </Button>
          <Button
            disabled={audienceId === undefined || progress?.status === 'running'}
            loading={start.isPending}
            onClick={() => audienceId && start.mutate(audienceId)}
          >
            {t('segments.groupJob.start')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

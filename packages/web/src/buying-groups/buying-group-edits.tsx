/**
 * The hand edits of a buying group: move it to a stage its model allows from the current one,
 * set its free status (≤ 50 characters), and assign a person of the account to a role (manual
 * assignments outrank journeys and automatic ones). Each answers the updated group, which
 * replaces the cached one so that scores and members show at once.
 */
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personName, type Member } from '../api/b2b.api.ts';
import { assignBuyingGroupMember, updateBuyingGroup } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { nextStages } from './setup-drafts.ts';

export const statusMaxLength = 50;

/** A mutation answering the group: the cache gets it, and the lists refresh. */
export function useGroupChange<A>(groupId: string, change: (arg: A) => Promise<BuyingGroup>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (group) => {
      queryClient.setQueryData(['buying-groups', groupId], group);
      void queryClient.invalidateQueries({ queryKey: ['buying-groups'], exact: false });
    },
  });
}

export function StageAndStatus({ group, model }: { group: BuyingGroup; model?: StageModel }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const change = useGroupChange(group.id, (patch: { stage?: string; status?: string | null }) =>
    updateBuyingGroup(group.id, patch),
  );
  const targets = model ? nextStages(model, group.stage) : [];
  const statusText = status ?? group.status ?? '';
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('segments.setup.stageAndStatus')}
        </Title>
        <ErrorAlert error={change.error} />
        <Group align="flex-end">
          {targets.length > 0 ? (
            <>
              <Select
                w={260}
                label={t('segments.setup.moveToStage')}
                data={targets.map((s) => s.name)}
                value={stage}
                onChange={setStage}
              />
              <Button
                disabled={stage === null}
                loading={change.isPending && change.variables.stage !== undefined}
                onClick={() =>
                  stage && change.mutate({ stage }, { onSuccess: () => setStage(null) })
                }
              >
                {t('segments.setup.changeStage')}
              </Button>
            </>
          ) : (
            <Text size="sm" c="dimmed">
              {t('segments.setup.noNextStage', { stage: group.stage })}
            </Text>
          )}
        </Group>
        <Group align="flex-end">
          <TextInput
            w={360}
            label={t('segments.setup.statusInput')}
            maxLength={statusMaxLength}
            description={`${statusText.length} / ${statusMaxLength}`}
            value={statusText}
            onChange={(e) => setStatus(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={status === null || status.trim() === (group.status ?? '')}
            loading={change.isPending && change.variables.status !== undefined}
            onClick={() =>
              change.mutate(
                { status: statusText.trim() === '' ? null : statusText.trim() },
                { onSuccess: () => setStatus(null) },
              )
            }
          >
            {t('segments.setup.saveStatus')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function AssignMember(props: {
  group: BuyingGroup;
  template?: RoleTemplate;
  people: readonly Member[];
}) {
  const { t } = useTranslation();
  const { group, template, people } = props;
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState<string | null>(null);
  const assign = useGroupChange(group.id, (a: { personId: string; role: string }) =>
    assignBuyingGroupMember(group.id, a.personId, a.role),
  );
  const roles = [...(template?.roles ?? [])].sort((a, b) => a.priority - b.priority);
  return (
    <Stack gap="xs">
      <ErrorAlert error={assign.error} />
      <Group align="flex-end">
        <Select
          w={300}
          searchable
          label={t('segments.setup.personOfAccount')}
          nothingFoundMessage={t('segments.setup.noPeople')}
          data={people.map((p) => ({ value: p.id, label: personName(p) }))}
          value={personId}
          onChange={setPersonId}
        />
        <Select
          w={240}
          label={t('segments.setup.roleToAssign')}
          data={roles.map((r) => r.name)}
          value={role}
          onChange={setRole}
        />
        <Button
          disabled={personId === null || role === null}
          loading={assign.isPending}
          onClick={() =>
            personId &&
            role &&
            assign.mutate({ personId, role }, { onSuccess: () => setPersonId(null) })
          }
        >
          {t('segments.setup.assignRole')}
        </Button>
      </Group>
    </Stack>
  );
}

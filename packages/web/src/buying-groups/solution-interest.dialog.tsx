/**
 * *Create solution interest* / *Edit solution interest*: name, description, role template and
 * stage model. The server refuses (409 IN_USE) to swap the template or model of an interest that
 * has buying groups; the message is shown here.
 */
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createSolutionInterest,
  updateSolutionInterest,
  type SolutionInterestBody,
} from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { useRoleTemplates, useStageModels } from './use-buying-group-setup.ts';

interface Props {
  /** The interest to edit; a new one when absent. */
  interest?: SolutionInterest;
  onClose: () => void;
}

/** Only what changed, so that an unchanged template or model never trips IN_USE. */
function changes(stored: SolutionInterest, body: SolutionInterestBody) {
  return Object.fromEntries(
    Object.entries(body).filter(
      ([key, value]) => stored[key as keyof SolutionInterestBody] !== value,
    ),
  ) as Partial<SolutionInterestBody>;
}

export function SolutionInterestDialog({ interest, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const templates = useRoleTemplates();
  const models = useStageModels();
  const [body, setBody] = useState<SolutionInterestBody>(() => ({
    name: interest?.name ?? '',
    description: interest?.description ?? '',
    roleTemplateId: interest?.roleTemplateId ?? '',
    stageModelId: interest?.stageModelId ?? '',
  }));
  const save = useMutation({
    mutationFn: (b: SolutionInterestBody) =>
      interest
        ? updateSolutionInterest(interest.id, changes(interest, b))
        : createSolutionInterest(b),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['solution-interests'] });
      onClose();
    },
  });
  const set = (patch: Partial<SolutionInterestBody>) => setBody((b) => ({ ...b, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...body, name: body.name.trim() });
  };
  const complete =
    body.name.trim() !== '' && body.roleTemplateId !== '' && body.stageModelId !== '';
  const title = interest ? t('segments.setup.editInterest') : t('segments.setup.createInterest');
  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('segments.name')}
            required
            maxLength={255}
            value={body.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Textarea
            label={t('segments.description')}
            maxLength={2000}
            autosize
            minRows={2}
            value={body.description}
            onChange={(e) => set({ description: e.currentTarget.value })}
          />
          <Select
            label={t('segments.group.roleTemplate')}
            required
            searchable
            data={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={body.roleTemplateId || null}
            onChange={(id) => set({ roleTemplateId: id ?? '' })}
          />
          <Select
            label={t('segments.group.stageModel')}
            required
            searchable
            data={(models.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
            value={body.stageModelId || null}
            onChange={(id) => set({ stageModelId: id ?? '' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!complete}>
              {interest ? t('actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * *Create stage model* / *Edit stage model*: the stages (name and kind: entry, in progress,
 * success, failure) and the allowed transitions as from → to pairs. Renaming a stage carries its
 * transitions along; the server refuses (409 IN_USE) to drop a stage buying groups are in.
 */
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  List,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { StageKind, type StageModel } from '@caravan/core/b2b/stage-model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createStageModel, updateStageModel } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import {
  nextDraftKey,
  removeStage,
  renameStage,
  stageModelBody,
  stageModelDraft,
  stageModelProblems,
  type StageModelDraft,
} from './setup-drafts.ts';

type Edit = (change: (draft: StageModelDraft) => StageModelDraft) => void;

function StageRows({ draft, edit }: { draft: StageModelDraft; edit: Edit }) {
  const { t } = useTranslation();
  const kinds = StageKind.options.map((k) => ({ value: k, label: t(`segments.stage.kinds.${k}`) }));
  return (
    <Fieldset legend={t('segments.setup.stages')} p="sm">
      <Stack gap="xs">
        {draft.stages.map((stage, index) => (
          <Group key={stage.key} align="flex-end" wrap="nowrap">
            <TextInput
              flex={1}
              label={t('segments.setup.stageName', { n: index + 1 })}
              required
              maxLength={100}
              value={stage.name}
              onChange={(e) => {
                const name = e.currentTarget.value;
                edit((d) => renameStage(d, stage.key, name));
              }}
            />
            <Select
              w={180}
              label={t('segments.setup.stageKind', { n: index + 1 })}
              allowDeselect={false}
              data={kinds}
              value={stage.kind}
              onChange={(kind) =>
                kind &&
                edit((d) => ({
                  ...d,
                  stages: d.stages.map((s) =>
                    s.key === stage.key ? { ...s, kind: kind as StageKind } : s,
                  ),
                }))
              }
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('segments.setup.removeStage', { n: index + 1 })}
              disabled={draft.stages.length === 1}
              onClick={() => edit((d) => removeStage(d, stage.key))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() =>
              edit((d) => ({
                ...d,
                stages: [...d.stages, { key: nextDraftKey(), name: '', kind: 'inProgress' }],
              }))
            }
          >
            {t('segments.setup.addStage')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function TransitionRows({ draft, edit }: { draft: StageModelDraft; edit: Edit }) {
  const { t } = useTranslation();
  const names = [...new Set(draft.stages.map((s) => s.name).filter((n) => n.trim() !== ''))];
  const setEnd = (key: number, end: 'from' | 'to', name: string | null) =>
    edit((d) => ({
      ...d,
      transitions: d.transitions.map((tr) => (tr.key === key ? { ...tr, [end]: name ?? '' } : tr)),
    }));
  return (
    <Fieldset legend={t('segments.setup.transitions')} p="sm">
      <Stack gap="xs">
        {draft.transitions.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('segments.setup.noTransitions')}
          </Text>
        )}
        {draft.transitions.map((tr, index) => (
          <Group key={tr.key} align="flex-end" wrap="nowrap">
            <Select
              flex={1}
              label={t('segments.setup.transitionFrom', { n: index + 1 })}
              data={names}
              value={tr.from || null}
              onChange={(name) => setEnd(tr.key, 'from', name)}
            />
            <Text pb={6}>→</Text>
            <Select
              flex={1}
              label={t('segments.setup.transitionTo', { n: index + 1 })}
              data={names}
              value={tr.to || null}
              onChange={(name) => setEnd(tr.key, 'to', name)}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              aria-label={t('segments.setup.removeTransition', { n: index + 1 })}
              onClick={() =>
                edit((d) => ({ ...d, transitions: d.transitions.filter((x) => x.key !== tr.key) }))
              }
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-sm"
            onClick={() =>
              edit((d) => ({
                ...d,
                transitions: [...d.transitions, { key: nextDraftKey(), from: '', to: '' }],
              }))
            }
          >
            {t('segments.setup.addTransition')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

export function StageModelDialog(props: { model?: StageModel; onClose: () => void }) {
  const { t } = useTranslation();
  const { model, onClose } = props;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => stageModelDraft(model));
  const save = useMutation({
    mutationFn: (d: StageModelDraft) =>
      model ? updateStageModel(model.id, stageModelBody(d)) : createStageModel(stageModelBody(d)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['stage-models'] });
      onClose();
    },
  });
  const problems = stageModelProblems(draft);
  const shown = problems.filter((p) => p !== 'nameMissing' && p !== 'stageNameMissing');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const title = model ? t('segments.setup.editModel') : t('segments.setup.createModel');
  return (
    <Modal opened onClose={onClose} title={title} centered size="xl">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('segments.name')}
            required
            maxLength={255}
            value={draft.name}
            onChange={(e) => {
              const name = e.currentTarget.value;
              setDraft((d) => ({ ...d, name }));
            }}
          />
          <StageRows draft={draft} edit={setDraft} />
          <TransitionRows draft={draft} edit={setDraft} />
          {shown.length > 0 && (
            <List size="sm" c="orange">
              {shown.map((p) => (
                <List.Item key={p}>{t(`segments.setup.stageProblems.${p}`)}</List.Item>
              ))}
            </List>
          )}
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={problems.length > 0}>
              {model ? t('actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

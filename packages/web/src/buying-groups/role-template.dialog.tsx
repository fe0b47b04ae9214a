/**
 * *Create role template* / *Edit role template*: name, description and the roles, each with its
 * weight (trivial 20 … vital 100), members required, priority, whether it counts for completeness
 * and its auto-assignment condition (the shared condition builder). Roles are saved as a whole.
 */
import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  List,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
} from '@mantine/core';
import {
  roleWeightLabels,
  type RoleTemplate,
  type RoleWeight,
} from '@caravan/core/b2b/role-template';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createRoleTemplate, updateRoleTemplate } from '../api/buying-groups.api.ts';
import { ConditionBuilder } from '../conditions/condition-builder.tsx';
import type { RuleKind } from '../conditions/condition-rows.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import {
  newRoleDraft,
  roleTemplateBody,
  roleTemplateDraft,
  roleTemplateProblems,
  type RoleDraft,
  type RoleTemplateDraft,
} from './setup-drafts.ts';

const weights: readonly RoleWeight[] = [20, 40, 60, 80, 100];

/** A buying-group rule inside a role's condition would make assignment depend on itself. */
const autoAssignKinds: readonly RuleKind[] = [
  'person',
  'role',
  'account',
  'listMembership',
  'eventHistory',
];

/** A whole number ≥ 1 from a number box; what cannot be one keeps the previous value. */
function atLeastOne(value: number | string, previous: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 ? n : previous;
}

function RoleFields(props: {
  n: number;
  role: RoleDraft;
  onChange: (role: RoleDraft) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const { n, role, onChange } = props;
  const set = (patch: Partial<RoleDraft>) => onChange({ ...role, ...patch });
  return (
    <Fieldset legend={t('segments.setup.roleN', { n })} p="sm">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('segments.setup.roleName')}
            required
            maxLength={100}
            value={role.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Select
            label={t('segments.role.weight')}
            allowDeselect={false}
            data={weights.map((w) => ({
              value: String(w),
              label: `${t(`segments.role.weights.${roleWeightLabels[w]}`)} (${w})`,
            }))}
            value={String(role.weight)}
            onChange={(w) => w && set({ weight: Number(w) as RoleWeight })}
          />
          <NumberInput
            label={t('segments.role.membersRequired')}
            min={1}
            allowDecimal={false}
            value={role.membersRequired}
            onChange={(v) => set({ membersRequired: atLeastOne(v, role.membersRequired) })}
          />
          <NumberInput
            label={t('segments.role.priority')}
            description={t('segments.setup.priorityHint')}
            min={1}
            allowDecimal={false}
            value={role.priority}
            onChange={(v) => set({ priority: atLeastOne(v, role.priority) })}
          />
        </SimpleGrid>
        <Checkbox
          label={t('segments.role.requiredForCompleteness')}
          checked={role.requiredForCompleteness}
          onChange={(e) => set({ requiredForCompleteness: e.currentTarget.checked })}
        />
        <ConditionBuilder
          label={t('segments.setup.autoAssign', { n })}
          value={role.autoAssign}
          kinds={autoAssignKinds}
          onChange={(autoAssign) => set({ autoAssign })}
        />
        {props.onRemove && (
          <Group justify="flex-end">
            <Button size="compact-sm" variant="subtle" color="red" onClick={props.onRemove}>
              {t('segments.setup.removeRole', { n })}
            </Button>
          </Group>
        )}
      </Stack>
    </Fieldset>
  );
}

function Problems({ draft }: { draft: RoleTemplateDraft }) {
  const { t } = useTranslation();
  // A missing name shows on the field itself; the rest needs saying.
  const problems = roleTemplateProblems(draft).filter((p) => p !== 'nameMissing');
  if (problems.length === 0) return null;
  return (
    <List size="sm" c="orange">
      {problems.map((p) => (
        <List.Item key={p}>{t(`segments.setup.roleProblems.${p}`)}</List.Item>
      ))}
    </List>
  );
}

export function RoleTemplateDialog(props: { template?: RoleTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const { template, onClose } = props;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(() => roleTemplateDraft(template));
  const save = useMutation({
    mutationFn: (d: RoleTemplateDraft) =>
      template
        ? updateRoleTemplate(template.id, roleTemplateBody(d))
        : createRoleTemplate(roleTemplateBody(d)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['role-templates'] });
      onClose();
    },
  });
  const setRole = (key: number, role: RoleDraft) =>
    setDraft((d) => ({ ...d, roles: d.roles.map((r) => (r.key === key ? role : r)) }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(draft);
  };
  const title = template ? t('segments.setup.editTemplate') : t('segments.setup.createTemplate');
  return (
    <Modal opened onClose={onClose} title={title} centered size="xl">
      <form onSubmit={submit}>
        <Stack>
          <TextInput
            label={t('segments.name')}
            required
            maxLength={255}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
          />
          <Textarea
            label={t('segments.description')}
            maxLength={2000}
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          />
          {draft.roles.map((role, index) => (
            <RoleFields
              key={role.key}
              n={index + 1}
              role={role}
              onChange={(next) => setRole(role.key, next)}
              onRemove={
                draft.roles.length > 1
                  ? () => setDraft({ ...draft, roles: draft.roles.filter((r) => r !== role) })
                  : undefined
              }
            />
          ))}
          <Group>
            <Button
              variant="light"
              onClick={() =>
                setDraft({
                  ...draft,
                  roles: [...draft.roles, newRoleDraft(draft.roles.length + 1)],
                })
              }
            >
              {t('segments.setup.addRole')}
            </Button>
          </Group>
          <Problems draft={draft} />
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={roleTemplateProblems(draft).length > 0}
            >
              {template ? t('actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Split paths, variant split paths and external split paths: the path list with label, up/down
 * and delete, *Add path*, the *Other* path; each path's condition in the condition builder;
 * variant shares with their running total and *Distribute evenly*.
 */
import type { NodeOfType, SplitPath } from '@caravan/core/journey/definition';
import {
  ActionIcon,
  Button,
  Group,
  NumberInput,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionShapeKey } from '../../conditions/condition-rows.ts';
import { addPath, deletePath, movePath } from '../definition-edits.ts';
import { evenPercents } from '../settings-edits.ts';
import { AudienceSwitch } from './audience-switch.tsx';
import type { FormProps } from './form-props.ts';
import { ExternalFields } from './simple.forms.tsx';

type PathsNode = NodeOfType<'split'> | NodeOfType<'variantSplit'> | NodeOfType<'externalSplit'>;

const newId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

/** One path's frame: its number, label field, up/down/delete and whatever else it holds. */
function PathRow(props: {
  node: PathsNode;
  index: number;
  label: string;
  run: FormProps<'split'>['run'];
  onLabel: (label: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { node, index, run } = props;
  const count = node.settings.paths.length;
  const path = node.settings.paths[index]!;
  const n = index + 1;
  return (
    <Paper withBorder p="xs" radius="sm">
      <Stack gap={6}>
        <Group gap={4} wrap="nowrap" align="flex-end">
          <TextInput
            flex={1}
            size="xs"
            label={t('editor.split.pathLabel', { n })}
            value={props.label}
            maxLength={100}
            onChange={(event) => props.onLabel(event.currentTarget.value)}
          />
          <ActionIcon
            variant="subtle"
            aria-label={t('editor.split.moveUp', { n })}
            disabled={index === 0}
            onClick={() => run((def) => movePath(def, node.id, path.id, 'up'))}
          >
            ↑
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            aria-label={t('editor.split.moveDown', { n })}
            disabled={index === count - 1}
            onClick={() => run((def) => movePath(def, node.id, path.id, 'down'))}
          >
            ↓
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('editor.split.deletePath', { n })}
            onClick={() => run((def) => deletePath(def, node.id, path.id))}
          >
            ×
          </ActionIcon>
        </Group>
        {props.children}
      </Stack>
    </Paper>
  );
}

function ConditionPaths({ node, change, run }: FormProps<'split'> | FormProps<'externalSplit'>) {
  const { t } = useTranslation();
  const { settings } = node;
  const setPath = (index: number, path: SplitPath, field?: string) => {
    const paths = settings.paths.map((p, i) => (i === index ? path : p));
    (change as (s: typeof settings, f?: string) => void)({ ...settings, paths }, field);
  };
  return (
    <Stack gap="xs">
      {settings.paths.map((path, index) => (
        <PathRow
          key={path.id}
          node={node}
          index={index}
          label={path.label}
          run={run}
          onLabel={(label) => setPath(index, { ...path, label }, `label.${path.id}`)}
        >
          <ConditionBuilder
            label={t('conditionBuilder.pathCondition', { n: index + 1 })}
            value={path.condition}
            onChange={(condition) =>
              setPath(
                index,
                { ...path, condition },
                `condition.${path.id}.${conditionShapeKey(condition)}`,
              )
            }
          />
        </PathRow>
      ))}
      <Group justify="space-between">
        <Button
          size="xs"
          variant="light"
          onClick={() => run((def) => addPath(def, node.id, newId))}
        >
          {t('editor.split.addPath')}
        </Button>
        <Switch
          label={t('editor.split.otherPath')}
          checked={settings.otherPath === true}
          onChange={(event) =>
            (change as (s: typeof settings) => void)({
              ...settings,
              otherPath: event.currentTarget.checked,
            })
          }
        />
      </Group>
    </Stack>
  );
}

export function SplitForm(props: FormProps<'split'>) {
  const { t } = useTranslation();
  const { node, change } = props;
  return (
    <Stack gap="sm">
      <AudienceSwitch
        node={node}
        label={t('editor.split.by')}
        value={node.settings.by}
        onChange={(next) => change(next as typeof node.settings)}
      />
      <ConditionPaths {...props} />
    </Stack>
  );
}

export function ExternalSplitForm(props: FormProps<'externalSplit'>) {
  const { node, change } = props;
  return (
    <Stack gap="sm">
      <ExternalFields node={node} change={(s, f) => change(s as typeof node.settings, f)} />
      <ConditionPaths {...props} />
    </Stack>
  );
}

export function VariantSplitForm({ node, change, run }: FormProps<'variantSplit'>) {
  const { t } = useTranslation();
  const { settings } = node;
  const total = settings.paths.reduce((sum, path) => sum + (path.percent ?? 0), 0);
  const setPaths = (paths: typeof settings.paths, field?: string) =>
    change({ ...settings, paths }, field);
  return (
    <Stack gap="sm">
      <AudienceSwitch
        node={node}
        label={t('editor.split.by')}
        value={settings.by}
        onChange={(next) => change(next as typeof settings)}
      />
      {settings.paths.map((path, index) => (
        <PathRow
          key={path.id}
          node={node}
          index={index}
          label={path.label}
          run={run}
          onLabel={(label) =>
            setPaths(
              settings.paths.map((p) => (p.id === path.id ? { ...p, label } : p)),
              `label.${path.id}`,
            )
          }
        >
          <NumberInput
            size="xs"
            label={t('editor.variant.percent', { n: index + 1 })}
            suffix="%"
            min={1}
            max={99}
            allowDecimal={false}
            value={path.percent ?? ''}
            onChange={(value) => {
              const percent = typeof value === 'number' ? value : undefined;
              setPaths(
                settings.paths.map((p) => {
                  if (p.id !== path.id) return p;
                  const { percent: _old, ...rest } = p;
                  return percent === undefined ? rest : { ...rest, percent };
                }),
                `percent.${path.id}`,
              );
            }}
          />
        </PathRow>
      ))}
      <Text size="sm" fw={600} c={total === 100 ? undefined : 'red'} role="status">
        {t('editor.variant.total', { total })}
      </Text>
      <Group>
        <Button
          size="xs"
          variant="light"
          onClick={() => run((def) => addPath(def, node.id, newId))}
        >
          {t('editor.split.addPath')}
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            const shares = evenPercents(settings.paths.length);
            setPaths(settings.paths.map((p, i) => ({ ...p, percent: shares[i] ?? 0 })));
          }}
        >
          {t('editor.variant.distribute')}
        </Button>
      </Group>
    </Stack>
  );
}

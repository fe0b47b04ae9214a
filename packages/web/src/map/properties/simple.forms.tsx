/** The small forms: audience, wait, listen for an event, external action. */
import { Autocomplete, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { Condition, EventConstraint } from '@caravan/core/conditions/condition';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AudienceSwitch } from './audience-switch.tsx';
import type { FormProps } from './form-props.ts';
import { JsonField } from './json.field.tsx';
import { listOf } from './schema-check.ts';
import { TimingForm } from './timing.form.tsx';

export function AudienceForm({ node, change }: FormProps<'audience'>) {
  const { t } = useTranslation();
  const { settings } = node;
  return (
    <Stack gap="sm">
      <Select
        label={t('editor.audienceNode.source')}
        allowDeselect={false}
        data={[
          { value: 'audience', label: t('editor.audienceNode.audience') },
          { value: 'accountList', label: t('editor.audienceNode.accountList') },
        ]}
        value={settings.source ?? null}
        onChange={(value) =>
          change({ ...settings, source: (value ?? 'audience') as 'audience' | 'accountList' })
        }
      />
      <TextInput
        label={
          settings.source === 'accountList'
            ? t('editor.audienceNode.listId')
            : t('editor.audienceNode.audienceId')
        }
        value={settings.sourceId ?? ''}
        onChange={(event) => {
          const { sourceId: _old, ...rest } = settings;
          const value = event.currentTarget.value.trim();
          change(value === '' ? rest : { ...rest, sourceId: value }, 'sourceId');
        }}
      />
    </Stack>
  );
}

export function WaitForm({ node, change }: FormProps<'wait'>) {
  return <TimingForm timing={node.settings} onChange={(timing, field) => change(timing, field)} />;
}

const accountEvents = [
  'interestingMoment',
  'accountAttributeChanged',
  'buyingGroupStageChanged',
  'buyingGroupStatusChanged',
  'completenessScoreChanged',
  'engagementScoreChanged',
];
const peopleEvents = [
  'assignedToBuyingGroup',
  'removedFromBuyingGroup',
  'personAttributeChanged',
  'emailDelivered',
  'emailOpened',
  'emailClicked',
  'emailBounced',
  'emailUnsubscribed',
  'smsDelivered',
  'smsClicked',
  'webPageVisited',
  'formFilledOut',
];

export function EventForm({ node, change }: FormProps<'event'>) {
  const { t } = useTranslation();
  const { settings } = node;
  return (
    <Stack gap="sm">
      <AudienceSwitch
        node={node}
        label={t('editor.event.on')}
        value={settings.on}
        onChange={(next) => change(next as typeof settings)}
      />
      <Autocomplete
        label={t('editor.event.type')}
        data={settings.on === 'people' ? peopleEvents : accountEvents}
        value={settings.event ?? ''}
        onChange={(value) => {
          const { event: _old, ...rest } = settings;
          change(value.trim() === '' ? rest : { ...rest, event: value.trim() }, 'event');
        }}
      />
      <JsonField
        key={`constraints-${JSON.stringify(settings.constraints ?? null)}`}
        label={t('editor.event.constraints')}
        value={settings.constraints}
        schema={listOf(EventConstraint)}
        placeholder='[{"field":"type","operator":"is","values":["milestone"]}]'
        onCommit={(constraints) => {
          const { constraints: _old, ...rest } = settings;
          change(constraints && constraints.length > 0 ? { ...rest, constraints } : rest);
        }}
      />
      {settings.on === 'people' && (
        <JsonField
          key={`filter-${JSON.stringify(settings.peopleFilter ?? null)}`}
          label={t('editor.event.peopleFilter')}
          value={settings.peopleFilter}
          schema={Condition}
          placeholder='{"match":"all","rules":[{"kind":"person","attribute":"jobTitle","operator":"contains","value":"CMO"}]}'
          onCommit={(peopleFilter) => {
            const { peopleFilter: _old, ...rest } = settings;
            change(peopleFilter ? { ...rest, peopleFilter } : rest);
          }}
        />
      )}
      <Switch
        label={t('editor.event.timeoutPath')}
        checked={settings.timeoutPath !== false}
        onChange={(event) => change({ ...settings, timeoutPath: event.currentTarget.checked })}
      />
      <Switch
        label={t('editor.event.timeout')}
        checked={settings.timeout !== undefined}
        onChange={(event) => {
          const { timeout: _old, ...rest } = settings;
          change(
            event.currentTarget.checked
              ? { ...rest, timeout: { duration: { amount: 3, unit: 'days' } } }
              : rest,
          );
        }}
      />
      {settings.timeout && (
        <TimingForm
          timing={settings.timeout}
          onChange={(timeout, field) =>
            change({ ...settings, timeout }, field && `timeout.${field}`)
          }
        />
      )}
    </Stack>
  );
}

/** `name=value` lines ⇄ the inputs sent to an external service; committed when left. */
function InputsField({
  inputs,
  onCommit,
}: {
  inputs: Record<string, string>;
  onCommit: (inputs: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() =>
    Object.entries(inputs)
      .map(([name, value]) => `${name}=${value}`)
      .join('\n'),
  );
  const commit = () => {
    const parsed: Record<string, string> = {};
    for (const line of text.split('\n')) {
      const at = line.indexOf('=');
      if (at > 0) parsed[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    onCommit(parsed);
  };
  return (
    <Textarea
      label={t('editor.external.inputs')}
      autosize
      minRows={2}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
    />
  );
}

/** Service id, audience and inputs, shared by external action and external split. */
export function ExternalFields({
  node,
  change,
}: {
  node: Extract<JourneyNode, { type: 'externalAction' | 'externalSplit' }>;
  change: (settings: typeof node.settings, field?: string) => void;
}) {
  const { t } = useTranslation();
  const { settings } = node;
  return (
    <>
      <TextInput
        label={t('editor.external.serviceId')}
        value={settings.serviceId ?? ''}
        onChange={(event) => {
          const { serviceId: _old, ...rest } = settings;
          const value = event.currentTarget.value.trim();
          change(value === '' ? rest : { ...rest, serviceId: value }, 'serviceId');
        }}
      />
      <AudienceSwitch
        node={node}
        label={t('editor.external.on')}
        value={settings.on}
        onChange={(next) => change(next as typeof settings)}
      />
      <InputsField
        key={JSON.stringify(settings.inputs ?? {})}
        inputs={settings.inputs ?? {}}
        onCommit={(inputs) => {
          const { inputs: _old, ...rest } = settings;
          change(Object.keys(inputs).length === 0 ? rest : { ...rest, inputs });
        }}
      />
    </>
  );
}

export function ExternalActionForm({ node, change }: FormProps<'externalAction'>) {
  return (
    <Stack gap="sm">
      <ExternalFields node={node} change={(s, f) => change(s as typeof node.settings, f)} />
    </Stack>
  );
}

/**
 * The small forms: audience (audience or live list picker), wait, listen for an event (type,
 * constraints, people filter, timeout) and external action (service picker, inputs).
 */
import { Select, Stack, Switch, Textarea } from '@mantine/core';
import type { JourneyNode } from '@caravan/core/journey/definition';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionShapeKey } from '../../conditions/condition-rows.ts';
import {
  AccountListPicker,
  AudiencePicker,
  EventTypeInput,
  ExternalServicePicker,
  useEventCatalogue,
} from '../../conditions/data-pickers.tsx';
import { eventFields } from '../../conditions/event-catalogue.ts';
import { AudienceSwitch } from './audience-switch.tsx';
import { ListenerConstraints } from './listener-constraints.tsx';
import type { FormProps } from './form-props.ts';
import { TimingForm } from './timing.form.tsx';

type AudienceSettings = FormProps<'audience'>['node']['settings'];

/** Picking an audience with no source chosen yet chooses the kind picked from as well. */
function withSourceId(settings: AudienceSettings, id: string | undefined): AudienceSettings {
  const { sourceId: _old, ...rest } = settings;
  return id === undefined ? rest : { ...rest, source: rest.source ?? 'audience', sourceId: id };
}

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
        onChange={(value) => {
          const source = (value ?? 'audience') as 'audience' | 'accountList';
          // An audience id means nothing as a list id (and back): the choice starts again.
          if (source !== settings.source) change({ source });
        }}
      />
      {settings.source === 'accountList' ? (
        <AccountListPicker
          label={t('pickers.accountList')}
          liveOnly
          value={settings.sourceId}
          onChange={(id) => change(withSourceId(settings, id))}
        />
      ) : (
        <AudiencePicker
          label={t('pickers.audience')}
          value={settings.sourceId}
          onChange={(id) => change(withSourceId(settings, id))}
        />
      )}
    </Stack>
  );
}

export function WaitForm({ node, change }: FormProps<'wait'>) {
  return <TimingForm timing={node.settings} onChange={(timing, field) => change(timing, field)} />;
}

export function EventForm({ node, definition, change }: FormProps<'event'>) {
  const { t } = useTranslation();
  const { settings } = node;
  const catalogue = useEventCatalogue();
  return (
    <Stack gap="sm">
      <AudienceSwitch
        node={node}
        label={t('editor.event.on')}
        value={settings.on}
        onChange={(next) => change(next as typeof settings)}
      />
      <EventTypeInput
        label={t('editor.event.type')}
        entity={
          settings.on === 'people' ? 'person' : settings.on === 'accounts' ? 'account' : undefined
        }
        value={settings.event}
        onChange={(event) => {
          const { event: _old, ...rest } = settings;
          change(event === undefined ? rest : { ...rest, event }, 'event');
        }}
      />
      <ListenerConstraints
        definition={definition}
        event={settings.event}
        fields={eventFields(catalogue, settings.event)}
        value={settings.constraints}
        onChange={(constraints) => {
          const { constraints: _old, ...rest } = settings;
          change(constraints ? { ...rest, constraints } : rest, 'constraints');
        }}
      />
      {settings.on === 'people' && (
        <ConditionBuilder
          label={t('pickers.peopleFilter')}
          kinds={['person', 'buyingGroup', 'role']}
          value={settings.peopleFilter}
          onChange={(peopleFilter) => {
            const { peopleFilter: _old, ...rest } = settings;
            change(
              peopleFilter.rules.length === 0 ? rest : { ...rest, peopleFilter },
              `peopleFilter.${conditionShapeKey(peopleFilter)}`,
            );
          }}
        />
      )}
      <Switch
        label={t('editor.event.timeout')}
        checked={settings.timeout !== undefined}
        onChange={(event) => {
          const { timeout: _old, timeoutPath: _path, ...rest } = settings;
          // The timeout path comes with the timeout: without one nothing could take it.
          change(
            event.currentTarget.checked
              ? { ...rest, timeout: { duration: { amount: 3, unit: 'days' } }, timeoutPath: true }
              : { ...rest, timeoutPath: false },
          );
        }}
      />
      {settings.timeout && (
        <Switch
          label={t('editor.event.timeoutPath')}
          checked={settings.timeoutPath !== false}
          onChange={(event) => change({ ...settings, timeoutPath: event.currentTarget.checked })}
        />
      )}
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

/** Service, audience and inputs, shared by external action and external split. */
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
      <ExternalServicePicker
        label={t('pickers.externalService')}
        value={settings.serviceId}
        onChange={(id) => {
          const { serviceId: _old, ...rest } = settings;
          change(id === undefined ? rest : { ...rest, serviceId: id });
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

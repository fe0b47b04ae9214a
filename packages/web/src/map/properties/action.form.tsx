/**
 * *Take an action*: accounts or people, the action (only those of that audience) and its
 * parameters: journeys, lists, emails, SMS, solution interests, roles and stages are picked by
 * name (ids are stored); the rest is typed.
 */
import { AccountAction, PeopleAction, type NodeOfType } from '@caravan/core/journey/definition';
import { actionTitles } from '@caravan/core/journey/node-title';
import { Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PickerField, type PickerKind } from './action-pickers.tsx';
import { AudienceSwitch } from './audience-switch.tsx';
import type { FormProps } from './form-props.ts';

type AnyAction = AccountAction | PeopleAction;
type ActionType = AnyAction['type'];

/** One parameter input: `key` is the action's field (`content.message` reaches one level in). */
interface Field {
  key: string;
  kind: 'text' | 'list' | 'textarea' | 'select' | PickerKind;
  options?: readonly string[];
}

const solutionInterest: Field = { key: 'solutionInterestId', kind: 'interest' };
const attributeValue: Field[] = [
  { key: 'attribute', kind: 'text' },
  { key: 'value', kind: 'text' },
];

const fields: Readonly<Record<ActionType, readonly Field[]>> = {
  addToJourney: [{ key: 'journeyId', kind: 'journey' }],
  removeFromJourney: [{ key: 'journeyId', kind: 'journey' }],
  addToAccountList: [{ key: 'listId', kind: 'staticList' }],
  removeFromAccountList: [{ key: 'listId', kind: 'staticList' }],
  sendSalesAlert: [solutionInterest, { key: 'to', kind: 'list' }],
  updateAccount: attributeValue,
  updateBuyingGroupStage: [solutionInterest, { key: 'stage', kind: 'stage' }],
  updateBuyingGroupStatus: [solutionInterest, { key: 'status', kind: 'text' }],
  interestingMoment: [
    { key: 'momentType', kind: 'select', options: ['email', 'milestone', 'web'] },
    { key: 'description', kind: 'textarea' },
  ],
  webhook: [
    { key: 'url', kind: 'text' },
    { key: 'method', kind: 'select', options: ['POST', 'PUT'] },
    { key: 'body', kind: 'textarea' },
  ],
  // A library email picked by name, or one authored here (from name, subject and a body are
  // required); the authored fields are `authored` below.
  sendEmail: [{ key: 'emailId', kind: 'email' }],
  sendSms: [{ key: 'smsId', kind: 'sms' }],
  assignToBuyingGroup: [solutionInterest, { key: 'role', kind: 'role' }],
  removeFromBuyingGroup: [solutionInterest],
  updatePerson: attributeValue,
};

const pickerKinds: ReadonlySet<string> = new Set<PickerKind>([
  'journey',
  'staticList',
  'interest',
  'role',
  'stage',
  'email',
  'sms',
]);
const isPicker = (kind: Field['kind']): kind is PickerKind => pickerKinds.has(kind);

/** Content written inside the journey instead of a library email or SMS. */
const authoredFields: Partial<Record<ActionType, readonly Field[]>> = {
  sendEmail: [
    { key: 'content.fromName', kind: 'text' },
    { key: 'content.fromEmail', kind: 'text' },
    { key: 'content.subject', kind: 'text' },
    { key: 'content.html', kind: 'textarea' },
    { key: 'content.text', kind: 'textarea' },
  ],
  sendSms: [{ key: 'content.message', kind: 'textarea' }],
};

const accountActionTypes = AccountAction.options.map((o) => o.shape.type.value);
const peopleActionTypes = PeopleAction.options.map((o) => o.shape.type.value);

function readField(action: AnyAction, key: string): string {
  const [head, sub] = key.split('.') as [string, string | undefined];
  const record = action as Record<string, unknown>;
  const value = sub ? (record[head] as Record<string, unknown> | undefined)?.[sub] : record[head];
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
}

function writeField(action: AnyAction, field: Field, text: string): AnyAction {
  const [head, sub] = field.key.split('.') as [string, string | undefined];
  const record = { ...(action as Record<string, unknown>) };
  const value =
    field.kind === 'list'
      ? text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '')
      : text;
  const empty = text.trim() === '';
  if (sub) {
    const inner = { ...((record[head] as Record<string, unknown> | undefined) ?? {}) };
    if (empty) delete inner[sub];
    else inner[sub] = value;
    record[head] = inner;
  } else if (empty) {
    delete record[head];
  } else {
    record[head] = value;
  }
  return record as AnyAction;
}

function FieldInput({
  action,
  field,
  onChange,
}: {
  action: AnyAction;
  field: Field;
  onChange: (a: AnyAction, key: string) => void;
}) {
  const { t } = useTranslation();
  const label = t(`editor.action.fields.${field.key.replace('.', '_')}`);
  const value = readField(action, field.key);
  const set = (text: string) => onChange(writeField(action, field, text), field.key);
  if (isPicker(field.kind)) {
    const interest = (action as { solutionInterestId?: string }).solutionInterestId;
    return (
      <PickerField
        kind={field.kind}
        value={value === '' ? undefined : value}
        onChange={(id) => set(id ?? '')}
        solutionInterestId={interest}
      />
    );
  }
  if (field.kind === 'select') {
    return (
      <Select
        label={label}
        clearable
        data={field.options ?? []}
        value={value === '' ? null : value}
        onChange={(v) => set(v ?? '')}
      />
    );
  }
  if (field.kind === 'textarea') {
    return (
      <Textarea
        label={label}
        autosize
        minRows={2}
        value={value}
        onChange={(e) => set(e.currentTarget.value)}
      />
    );
  }
  return <TextInput label={label} value={value} onChange={(e) => set(e.currentTarget.value)} />;
}

export function ActionForm({ node, change }: FormProps<'action'>) {
  const { t } = useTranslation();
  const { settings } = node;
  const types =
    settings.on === 'people'
      ? peopleActionTypes
      : settings.on === 'accounts'
        ? accountActionTypes
        : [];
  const action = settings.action as AnyAction | undefined;
  const setAction = (next: AnyAction | undefined, field?: string) =>
    change({ on: settings.on, action: next } as NodeOfType<'action'>['settings'], field);
  return (
    <Stack gap="sm">
      <AudienceSwitch
        node={node}
        label={t('editor.action.on')}
        value={settings.on}
        onChange={(next) => change(next as typeof settings)}
      />
      <Select
        label={t('editor.action.action')}
        disabled={settings.on === undefined}
        searchable
        data={types.map((type) => ({
          value: type,
          label: t(`editor.action.types.${type}`, { defaultValue: actionTitles[type] }),
        }))}
        value={action?.type ?? null}
        onChange={(value) => setAction(value ? ({ type: value } as AnyAction) : undefined)}
      />
      {action &&
        fields[action.type].map((field) => (
          <FieldInput key={field.key} action={action} field={field} onChange={setAction} />
        ))}
      {action && authoredFields[action.type] && (
        <AuthoredContent action={action} onChange={setAction} />
      )}
    </Stack>
  );
}

/** The switch to write an email or SMS inside the journey, and its fields when on. */
function AuthoredContent({
  action,
  onChange,
}: {
  action: AnyAction;
  onChange: (a: AnyAction, key?: string) => void;
}) {
  const { t } = useTranslation();
  const content = (action as { content?: object }).content;
  return (
    <>
      <Switch
        label={t('pickers.authored')}
        checked={content !== undefined}
        onChange={(event) => {
          const { content: _old, ...rest } = action as AnyAction & { content?: object };
          onChange((event.currentTarget.checked ? { ...rest, content: {} } : rest) as AnyAction);
        }}
      />
      {content !== undefined &&
        (authoredFields[action.type] ?? []).map((field) => (
          <FieldInput key={field.key} action={action} field={field} onChange={onChange} />
        ))}
    </>
  );
}

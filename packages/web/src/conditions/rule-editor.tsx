/**
 * One rule of the condition builder: its kind, the fields of that kind (attribute, buying-group
 * criterion, list, event history) and the operator with the value input that fits it.
 */
import type { Operator } from '@caravan/core/conditions/condition';
import { assertNever } from '@caravan/core/result';
import { SegmentedControl, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listAttributeDefinitions } from '../api/attribute-definitions.api.ts';
import {
  accountStandardTypes,
  attributeOptions,
  buyingGroupAttributes,
  operatorsByType,
  operatorsFor,
  personStandardTypes,
  ruleValueType,
  valueShape,
  withOperator,
  withValue,
  type AttributeOption,
  type BuyingGroupAttribute,
  type DraftOf,
  type RuleDraft,
} from './condition-rows.ts';
import {
  AccountListPicker,
  RolePicker,
  SolutionInterestPicker,
  StagePicker,
} from './data-pickers.tsx';
import { EventHistoryFields } from './event-history.fields.tsx';
import { ValueInput } from './value-input.tsx';
import type { SuggestFor } from './value-suggestions.ts';
import { operatorLabel } from './operator-label.ts';

interface Props<D extends RuleDraft = RuleDraft> {
  draft: D;
  onChange: (draft: D) => void;
}

/** Standard and custom attributes of accounts or people, labelled. */
export function useAttributeOptions(entity: 'account' | 'person'): AttributeOption[] {
  const { t } = useTranslation();
  const defs = useQuery({
    queryKey: ['attribute-definitions'],
    queryFn: () => listAttributeDefinitions(),
  });
  const custom = (defs.data?.items ?? []).filter((d) => d.entity === entity);
  return entity === 'account'
    ? attributeOptions(accountStandardTypes, custom, (name) => t(`data.account.${name}`))
    : attributeOptions(personStandardTypes, custom, (name) => t(`data.person.${name}`));
}

type WithOperator = Extract<RuleDraft, { operator?: Operator }>;

/** The operator select and the value input it calls for. */
function OperatorAndValue<D extends WithOperator>({
  draft,
  onChange,
  attributes,
  suggest,
  pickOne,
}: Props<D> & {
  attributes: readonly AttributeOption[];
  /** Where value suggestions come from (account and person attributes). */
  suggest?: SuggestFor;
  /** A picker for a single value (a stage, a role) instead of typing it. */
  pickOne?: (value: string | undefined, set: (value: string | undefined) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const type = ruleValueType(draft, attributes);
  const known =
    (draft.kind !== 'account' && draft.kind !== 'person') ||
    attributes.some((a) => a.name === draft.attribute);
  const operators = operatorsFor(draft, known ? type : undefined);
  return (
    <>
      <Select
        size="xs"
        label={t('conditionBuilder.operator')}
        allowDeselect={false}
        data={operators.map((op) => ({ value: op, label: operatorLabel(t, op, type) }))}
        value={draft.operator ?? null}
        onChange={(op) => op && onChange(withOperator(draft, op as Operator))}
      />
      {draft.operator && pickOne && valueShape(draft.operator) === 'one' ? (
        pickOne(typeof draft.value === 'string' ? draft.value : undefined, (value) =>
          onChange(withValue(draft, value)),
        )
      ) : draft.operator ? (
        <ValueInput
          shape={valueShape(draft.operator)}
          type={type}
          value={draft.value}
          onChange={(value) => onChange(withValue(draft, value))}
          {...(suggest ? { suggest } : {})}
        />
      ) : null}
    </>
  );
}

function AttributeRule({ draft, onChange }: Props<DraftOf<'account'> | DraftOf<'person'>>) {
  const { t } = useTranslation();
  const attributes = useAttributeOptions(draft.kind === 'account' ? 'account' : 'person');
  const known = attributes.some((a) => a.name === draft.attribute);
  const data = attributes.map((a) => ({ value: a.name, label: a.label }));
  if (draft.attribute && !known) data.unshift({ value: draft.attribute, label: draft.attribute });
  return (
    <>
      <Select
        size="xs"
        label={t('conditionBuilder.attribute')}
        searchable
        data={data}
        value={draft.attribute ?? null}
        onChange={(name) => {
          const { attribute: _old, ...rest } = draft;
          if (!name) return onChange(rest);
          // Another type offers other operators: keep the operator only where it still fits.
          const type = attributes.find((a) => a.name === name)?.type ?? 'text';
          const allowed = operatorsByType[type];
          const next = { ...rest, attribute: name };
          onChange(
            draft.operator && allowed.includes(draft.operator)
              ? next
              : withOperator(next, allowed[0]!),
          );
        }}
      />
      <OperatorAndValue
        draft={draft}
        onChange={onChange}
        attributes={attributes}
        {...(draft.attribute
          ? {
              suggest: {
                entity: draft.kind === 'account' ? ('account' as const) : ('person' as const),
                attribute: draft.attribute,
              },
            }
          : {})}
      />
    </>
  );
}

function BuyingGroupRule({ draft, onChange }: Props<DraftOf<'buyingGroup'>>) {
  const { t } = useTranslation();
  const pickAttribute = (attribute: BuyingGroupAttribute) => {
    const next = { ...draft, attribute };
    const operators = operatorsFor(next);
    const operator =
      draft.operator && operators.includes(draft.operator) ? draft.operator : operators[0];
    onChange(operator ? withOperator(next, operator) : next);
  };
  return (
    <>
      <SolutionInterestPicker
        label={t('conditionBuilder.solutionInterest')}
        value={draft.solutionInterestId}
        onChange={(id) => {
          const { solutionInterestId: _old, ...rest } = draft;
          onChange(id ? { ...rest, solutionInterestId: id } : rest);
        }}
      />
      <Select
        size="xs"
        label={t('conditionBuilder.criterion')}
        allowDeselect={false}
        data={buyingGroupAttributes.map((a) => ({
          value: a,
          label: t(`conditionBuilder.buyingGroup.${a}`),
        }))}
        value={draft.attribute ?? null}
        onChange={(a) => a && pickAttribute(a as BuyingGroupAttribute)}
      />
      {draft.attribute === 'roleCount' && (
        <RolePicker
          label={t('conditionBuilder.role')}
          solutionInterestId={draft.solutionInterestId}
          value={draft.role}
          onChange={(role) => {
            const { role: _old, ...rest } = draft;
            onChange(role ? { ...rest, role } : rest);
          }}
        />
      )}
      <OperatorAndValue
        draft={draft}
        onChange={onChange}
        attributes={[]}
        pickOne={valuePicker(draft, t('conditionBuilder.value'))}
      />
    </>
  );
}

/** Stages and member roles are picked from the interest's stage model and role template. */
function valuePicker(draft: DraftOf<'buyingGroup'>, label: string) {
  const interest = draft.solutionInterestId;
  if (draft.attribute === 'stage') {
    return (value: string | undefined, set: (v: string | undefined) => void) => (
      <StagePicker label={label} solutionInterestId={interest} value={value} onChange={set} />
    );
  }
  if (draft.attribute === 'memberRole') {
    return (value: string | undefined, set: (v: string | undefined) => void) => (
      <RolePicker label={label} solutionInterestId={interest} value={value} onChange={set} />
    );
  }
  return undefined;
}

function ListRule({ draft, onChange }: Props<DraftOf<'listMembership'>>) {
  const { t } = useTranslation();
  return (
    <>
      <SegmentedControl
        size="xs"
        aria-label={t('conditionBuilder.membership')}
        value={draft.isMember === false ? 'no' : 'yes'}
        data={[
          { value: 'yes', label: t('conditionBuilder.isMember') },
          { value: 'no', label: t('conditionBuilder.isNotMember') },
        ]}
        onChange={(v) => onChange({ ...draft, isMember: v === 'yes' })}
      />
      <AccountListPicker
        label={t('conditionBuilder.list')}
        value={draft.listId}
        onChange={(id) => {
          const { listId: _old, ...rest } = draft;
          onChange(id ? { ...rest, listId: id } : rest);
        }}
      />
    </>
  );
}

function EventHistoryRule({ draft, onChange }: Props<DraftOf<'eventHistory'>>) {
  return <EventHistoryFields draft={draft} onChange={onChange} />;
}

/** The fields of the rule's kind. */
export function RuleFields({ draft, onChange }: Props) {
  switch (draft.kind) {
    case 'account':
    case 'person':
      return <AttributeRule draft={draft} onChange={onChange} />;
    case 'buyingGroup':
      return <BuyingGroupRule draft={draft} onChange={onChange} />;
    case 'listMembership':
      return <ListRule draft={draft} onChange={onChange} />;
    case 'role':
      return <OperatorAndValue draft={draft} onChange={onChange} attributes={[]} />;
    case 'eventHistory':
      return <EventHistoryRule draft={draft} onChange={onChange} />;
    default:
      return assertNever(draft);
  }
}

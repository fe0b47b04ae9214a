/**
 * How an operator reads for the type of what it compares: "is" for text, "=" for numbers,
 * "before" for dates, "is empty" for a missing value.
 */
import type { Operator } from '@caravan/core/conditions/condition';
import type { TFunction } from 'i18next';
import type { AttributeKind } from './condition-rows.ts';

export function operatorLabel(t: TFunction, operator: Operator, type: AttributeKind): string {
  return t(`mapText.operatorLabels.${type}.${operator}`, {
    defaultValue: t(`mapText.operatorLabels.any.${operator}`),
  });
}

/**
 * Custom attributes: typed fields on accounts and people that an admin declares once (name, label,
 * type). Values arriving by API, import or journey actions are checked against the declarations
 * so that conditions can compare them by type (numbers numerically, dates as ISO strings).
 */
import { z } from 'zod';
import { assertNever, err, ok, type Result } from '../result.ts';

export const AttributeEntity = z.enum(['account', 'person']);
export type AttributeEntity = z.infer<typeof AttributeEntity>;

export const AttributeType = z.enum(['text', 'number', 'boolean', 'date']);
export type AttributeType = z.infer<typeof AttributeType>;

/** Identifier-like so that it can appear in tokens (`{{account.tier}}`) and rules unquoted. */
export const AttributeName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'letters, digits and _ only, starting with a letter');

export const AttributeDefinition = z.object({
  entity: AttributeEntity,
  name: AttributeName,
  label: z.string().min(1).max(100),
  type: AttributeType,
});
export type AttributeDefinition = z.infer<typeof AttributeDefinition>;

/** A stored value; dates are ISO-8601 strings, `null` clears the attribute. */
export const AttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type AttributeValue = z.infer<typeof AttributeValue>;

export const AttributeValues = z.record(z.string(), AttributeValue);
export type AttributeValues = z.infer<typeof AttributeValues>;

export interface AttributeProblem {
  code: 'ATTRIBUTE_UNKNOWN' | 'ATTRIBUTE_TYPE_MISMATCH';
  attribute: string;
  message: string;
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date value is a calendar date `YYYY-MM-DD` (kept as is) or a date-time with offset
 * (normalised to UTC with ms), so that text order is time order.
 */
export function normaliseDate(value: string): string | undefined {
  if (isoDate.test(value)) {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value)
      ? value
      : undefined;
  }
  if (!z.iso.datetime({ offset: true }).safeParse(value).success) return undefined;
  return new Date(value).toISOString();
}

function checkValue(
  value: unknown,
  type: AttributeType,
): { ok: true; value: AttributeValue } | { ok: false } {
  if (value === null) return { ok: true, value: null };
  switch (type) {
    case 'text':
      return typeof value === 'string' ? { ok: true, value } : { ok: false };
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? { ok: true, value }
        : { ok: false };
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : { ok: false };
    case 'date': {
      const date = typeof value === 'string' ? normaliseDate(value) : undefined;
      return date === undefined ? { ok: false } : { ok: true, value: date };
    }
    default:
      return assertNever(type);
  }
}

const typeNames: Record<AttributeType, string> = {
  text: 'a text',
  number: 'a finite number',
  boolean: 'true or false',
  date: 'an ISO date (YYYY-MM-DD) or date-time with offset',
};

/**
 * Checks every value against the declarations (of one entity) and reports every problem at once;
 * on success returns the values normalised (dates to a canonical form).
 */
export function validateAttributes(
  values: Record<string, unknown>,
  definitions: readonly AttributeDefinition[],
): Result<AttributeValues, AttributeProblem[]> {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const problems: AttributeProblem[] = [];
  const normalised: AttributeValues = {};
  for (const [attribute, value] of Object.entries(values)) {
    const definition = byName.get(attribute);
    if (definition === undefined) {
      problems.push({
        code: 'ATTRIBUTE_UNKNOWN',
        attribute,
        message: `"${attribute}" is not a declared attribute.`,
      });
      continue;
    }
    const checked = checkValue(value, definition.type);
    if (checked.ok) {
      normalised[attribute] = checked.value;
    } else {
      problems.push({
        code: 'ATTRIBUTE_TYPE_MISMATCH',
        attribute,
        message: `"${attribute}" must be ${typeNames[definition.type]}.`,
      });
    }
  }
  return problems.length > 0 ? err(problems) : ok(normalised);
}

/**
 * Custom attribute values in the account and person forms. A form keeps the stored values and,
 * apart, only what was edited: a PATCH merges attributes, so sending just the edits never sends
 * back a value whose declaration has since been removed (which the server would refuse).
 */
import type {
  AttributeDefinition,
  AttributeEntity,
  AttributeValue,
  AttributeValues,
} from '@caravan/core/b2b/custom-attribute';

export interface AttributeForm {
  /** As stored; shown until edited. */
  saved: AttributeValues;
  /** Edited values by attribute name; `null` clears the attribute. */
  edits: AttributeValues;
}

export function attributeForm(saved: AttributeValues = {}): AttributeForm {
  return { saved, edits: {} };
}

/** What a field shows: the edit if any, else the stored value, else nothing. */
export function shownValue(form: AttributeForm, name: string): AttributeValue {
  if (Object.hasOwn(form.edits, name)) return form.edits[name] ?? null;
  return form.saved[name] ?? null;
}

export function withEdit(form: AttributeForm, name: string, value: AttributeValue): AttributeForm {
  return { ...form, edits: { ...form.edits, [name]: value } };
}

/** The edits of declared attributes only; `undefined` when nothing was edited (no `attributes`). */
export function attributeEdits(
  form: AttributeForm,
  definitions?: readonly Pick<AttributeDefinition, 'name'>[],
): AttributeValues | undefined {
  const declared = definitions && new Set(definitions.map((d) => d.name));
  const entries = Object.entries(form.edits).filter(([name]) => !declared || declared.has(name));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** A text box's value: empty clears. */
export function fromText(text: string): AttributeValue {
  return text === '' ? null : text;
}

/**
 * A number box's value: empty clears, a number is kept. Half-typed text ("-", "1e") is kept as
 * text, so the box does not fight the typing; saving it is refused by the server with the
 * attribute named.
 */
export function fromNumberInput(value: number | string): AttributeValue {
  if (typeof value === 'number') return value;
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/** A yes/no select: `true`, `false`, or cleared. */
export function fromBooleanChoice(choice: string | null): AttributeValue {
  return choice === 'true' ? true : choice === 'false' ? false : null;
}

export function booleanChoice(value: AttributeValue): string | null {
  return value === true ? 'true' : value === false ? 'false' : null;
}

/**
 * A date box shows the browser's date picker for calendar dates; a stored date-time (an import
 * may bring one) stays a text box so that editing the form does not lose its time.
 */
export function dateInputType(value: AttributeValue): 'date' | 'text' {
  return value === null || value === '' || /^\d{4}-\d{2}-\d{2}$/.test(String(value))
    ? 'date'
    : 'text';
}

export function definitionsOf(
  items: readonly AttributeDefinition[] | undefined,
  entity: AttributeEntity,
): AttributeDefinition[] {
  return (items ?? []).filter((d) => d.entity === entity);
}

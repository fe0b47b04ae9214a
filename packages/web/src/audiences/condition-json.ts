/**
 * The condition editor is a JSON textarea: text is checked against core's `Condition` schema so
 * that the user sees what is wrong before the server refuses it.
 */
import { Condition } from '@caravan/core/conditions/condition';
import { err, ok, type Result } from '@caravan/core/result';

/** Where a new audience or dynamic list starts: no rules yet. */
export const emptyCondition: Condition = { match: 'all', rules: [] };

export function conditionToJson(condition: Condition): string {
  return JSON.stringify(condition, null, 2);
}

/** The condition in `text`, or the messages saying why it is not one (path: message). */
export function parseConditionJson(text: string): Result<Condition, string[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return err([cause instanceof Error ? cause.message : String(cause)]);
  }
  const parsed = Condition.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  return err(
    parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    ),
  );
}

/** Checking typed-in JSON against core schemas, without the web app depending on zod itself. */

/** What a core schema's `safeParse` answers (structurally, so that web needs no zod of its own). */
type Parsed<T> =
  | { success: true; data: T }
  | {
      success: false;
      error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
    };

export interface Schema<T> {
  safeParse(value: unknown): Parsed<T>;
}

/** A list of items of a core schema, as one schema. */
export function listOf<T>(item: Schema<T>): Schema<T[]> {
  return {
    safeParse(value) {
      if (!Array.isArray(value)) {
        return { success: false, error: { issues: [{ path: [], message: 'expected a list' }] } };
      }
      const items: T[] = [];
      for (const [index, element] of value.entries()) {
        const parsed = item.safeParse(element);
        if (!parsed.success) {
          const issues = parsed.error.issues.map((i) => ({ ...i, path: [index, ...i.path] }));
          return { success: false, error: { issues } };
        }
        items.push(parsed.data);
      }
      return { success: true, data: items };
    },
  };
}

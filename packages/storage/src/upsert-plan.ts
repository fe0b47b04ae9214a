/**
 * Decides, for a batch of imported rows, which stored record each row updates (by external id,
 * else by a second key: an account's domain, a person's email) and what the record becomes. Pure,
 * so that the repositories can read the candidates in one query and write the plan in one statement.
 */

interface Keyed {
  id: string;
  externalId: string | null;
}

export interface UpsertRules<T extends Keyed, R extends { id: string }> {
  /** The lower-cased second key of a record or row; null when it has none. */
  secondKey(value: T | R): string | null;
  /** Whether a row without a matching external id may update `candidate` found by second key. */
  maySecondKeyMatch(row: R, candidate: T): boolean;
  /** The record after applying the row (`before` undefined = a new record with the row's id). */
  merge(before: T | undefined, row: R): T;
}

export interface UpsertPlan<T> {
  /** Per record id: its stored state (undefined if new) and its state after the batch. */
  records: Map<string, { before: T | undefined; after: T }>;
  /** Per input row, the id of the record it landed in. */
  ids: string[];
}

function externalIdOf(row: { externalId?: string | null }): string | null {
  return row.externalId ?? null;
}

export function planUpserts<T extends Keyed, R extends { id: string; externalId?: string | null }>(
  existing: readonly T[],
  rows: readonly R[],
  rules: UpsertRules<T, R>,
): UpsertPlan<T> {
  const byExternalId = new Map<string, string>();
  const bySecondKey = new Map<string, string[]>();
  const records = new Map<string, { before: T | undefined; after: T }>();
  const index = (record: T): void => {
    if (record.externalId !== null) byExternalId.set(record.externalId, record.id);
    const key = rules.secondKey(record);
    if (key !== null && !(bySecondKey.get(key) ?? []).includes(record.id)) {
      bySecondKey.set(key, [...(bySecondKey.get(key) ?? []), record.id]);
    }
  };
  for (const record of existing) {
    records.set(record.id, { before: record, after: record });
    index(record);
  }
  const ids = rows.map((row) => {
    const externalId = externalIdOf(row);
    let targetId = externalId === null ? undefined : byExternalId.get(externalId);
    const key = rules.secondKey(row);
    if (targetId === undefined && key !== null) {
      targetId = (bySecondKey.get(key) ?? []).find((id) => {
        const candidate = records.get(id)?.after;
        return candidate !== undefined && rules.maySecondKeyMatch(row, candidate);
      });
    }
    const current = targetId === undefined ? undefined : records.get(targetId);
    const after = rules.merge(current?.after, row);
    records.set(after.id, { before: current?.before, after });
    index(after);
    return after.id;
  });
  return { records, ids };
}

/**
 * The columns of the *Account journeys* table: which exist, which show by default, and which
 * sort server-side. The user's choice is the preference `journeyList.columns` (an id array).
 */
import type { JourneySortField } from '../api/journeys.api.ts';

export const columnIds = [
  'name',
  'status',
  'description',
  'createdBy',
  'updatedAt',
  'updatedBy',
  'publishedAt',
  'publishedBy',
  'createdAt',
  'startAt',
  'endAt',
] as const;
export type ColumnId = (typeof columnIds)[number];

export const defaultColumns: readonly ColumnId[] = columnIds.filter(
  (id) => id !== 'createdAt' && id !== 'startAt' && id !== 'endAt',
);

/** Name always shows: it is the link that opens a journey. */
export const fixedColumns: readonly ColumnId[] = ['name'];

export const columnsPreferenceKey = 'journeyList.columns';

/** Columns whose header sorts the list, and the API sort field each maps to. */
export const sortableColumns: Partial<Record<ColumnId, JourneySortField>> = {
  name: 'name',
  status: 'status',
  updatedAt: 'updatedAt',
  publishedAt: 'publishedAt',
  createdAt: 'createdAt',
  startAt: 'startAt',
  endAt: 'endAt',
};

/** Keeps only known ids in table order, so a stale or hand-edited preference cannot break the table. */
export function normalizeColumns(value: unknown): ColumnId[] {
  if (!Array.isArray(value)) return [...defaultColumns];
  const chosen = new Set(value.filter((v): v is string => typeof v === 'string'));
  return columnIds.filter((id) => chosen.has(id) || fixedColumns.includes(id));
}

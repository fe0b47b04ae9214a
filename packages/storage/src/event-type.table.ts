import type { JsonColumn, TimestampColumn } from './column-types.ts';

export interface EventTypeTable {
  name: string;
  label: string;
  entity: string;
  fields: JsonColumn;
  created_at: TimestampColumn;
}

import type { TimestampColumn } from './column-types.ts';

/** Primary key (entity, name): one declaration per attribute name and entity. */
export interface AttributeDefinitionTable {
  entity: string;
  name: string;
  label: string;
  type: string;
  created_at: TimestampColumn;
}

import type { Selectable } from 'kysely';
import type { JsonColumn, TimestampColumn } from './column-types.ts';

export interface RoleTemplateTable {
  id: string;
  name: string;
  description: string;
  roles: JsonColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export interface StageModelTable {
  id: string;
  name: string;
  stages: JsonColumn;
  transitions: JsonColumn;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export interface SolutionInterestTable {
  id: string;
  name: string;
  description: string;
  role_template_id: string;
  stage_model_id: string;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

/** One group per (solution interest, account). */
export interface BuyingGroupTable {
  id: string;
  solution_interest_id: string;
  account_id: string;
  stage: string;
  status: string | null;
  completeness_score: number;
  engagement_score: number;
  created_at: TimestampColumn;
  updated_at: TimestampColumn;
}

export type BuyingGroupRow = Selectable<BuyingGroupTable>;

export interface BuyingGroupMemberTable {
  buying_group_id: string;
  person_id: string;
  role: string;
  source: string;
  assigned_at: TimestampColumn;
}

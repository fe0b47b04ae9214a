/** Buying group rows and their member rows ⇄ the core `BuyingGroup`. */
import {
  MemberSource,
  type BuyingGroup,
  type BuyingGroupMember,
} from '@caravan/core/b2b/buying-group';
import type { BuyingGroupRow } from './buying-group.table.ts';

export interface MemberRow {
  buying_group_id: string;
  person_id: string;
  role: string;
  source: string;
}

export function toBuyingGroupMember(row: MemberRow): BuyingGroupMember {
  return { personId: row.person_id, role: row.role, source: MemberSource.parse(row.source) };
}

export function toBuyingGroup(row: BuyingGroupRow, members: readonly MemberRow[]): BuyingGroup {
  return {
    id: row.id,
    solutionInterestId: row.solution_interest_id,
    accountId: row.account_id,
    stage: row.stage,
    status: row.status,
    members: members.map(toBuyingGroupMember),
    completenessScore: Number(row.completeness_score),
    engagementScore: Number(row.engagement_score),
  };
}

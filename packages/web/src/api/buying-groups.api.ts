/** Calls of the buying-group API: solution interests, role templates, stage models, groups. */
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import type { StageModel } from '@caravan/core/b2b/stage-model';
import type { Page } from './b2b.api.ts';
import { request } from './http-client.ts';

const at = (id: string) => encodeURIComponent(id);

export function listSolutionInterests(): Promise<{ items: SolutionInterest[] }> {
  return request('GET', '/solution-interests');
}

export function listRoleTemplates(): Promise<{ items: RoleTemplate[] }> {
  return request('GET', '/role-templates');
}

export function listStageModels(): Promise<{ items: StageModel[] }> {
  return request('GET', '/stage-models');
}

export interface BuyingGroupQuery {
  solutionInterestId?: string | null;
  accountId?: string | null;
  limit: number;
  cursor?: string | null;
}

export function listBuyingGroups(q: BuyingGroupQuery): Promise<Page<BuyingGroup>> {
  const params = new URLSearchParams({ limit: String(q.limit) });
  if (q.solutionInterestId) params.set('solutionInterestId', q.solutionInterestId);
  if (q.accountId) params.set('accountId', q.accountId);
  if (q.cursor) params.set('cursor', q.cursor);
  return request('GET', `/buying-groups?${params.toString()}`);
}

export function getBuyingGroup(id: string): Promise<BuyingGroup> {
  return request('GET', `/buying-groups/${at(id)}`);
}

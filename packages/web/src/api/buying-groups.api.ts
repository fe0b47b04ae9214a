/** Calls of the buying-group API: solution interests, role templates, stage models, groups. */
import type { BuyingGroup } from '@caravan/core/b2b/buying-group';
import type { EngagementWeights } from '@caravan/core/b2b/engagement-score';
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

export interface SolutionInterestBody {
  name: string;
  description: string;
  roleTemplateId: string;
  stageModelId: string;
}

export function createSolutionInterest(body: SolutionInterestBody): Promise<SolutionInterest> {
  return request('POST', '/solution-interests', body);
}

export function updateSolutionInterest(
  id: string,
  patch: Partial<SolutionInterestBody>,
): Promise<SolutionInterest> {
  return request('PATCH', `/solution-interests/${at(id)}`, patch);
}

export function deleteSolutionInterest(id: string): Promise<void> {
  return request('DELETE', `/solution-interests/${at(id)}`);
}

export type RoleTemplateBody = Omit<RoleTemplate, 'id'>;

export function createRoleTemplate(body: RoleTemplateBody): Promise<RoleTemplate> {
  return request('POST', '/role-templates', body);
}

export function updateRoleTemplate(id: string, body: RoleTemplateBody): Promise<RoleTemplate> {
  return request('PATCH', `/role-templates/${at(id)}`, body);
}

export function deleteRoleTemplate(id: string): Promise<void> {
  return request('DELETE', `/role-templates/${at(id)}`);
}

export type StageModelBody = Omit<StageModel, 'id'>;

export function createStageModel(body: StageModelBody): Promise<StageModel> {
  return request('POST', '/stage-models', body);
}

export function updateStageModel(id: string, body: StageModelBody): Promise<StageModel> {
  return request('PATCH', `/stage-models/${at(id)}`, body);
}

export function deleteStageModel(id: string): Promise<void> {
  return request('DELETE', `/stage-models/${at(id)}`);
}

/** Moves the group to a stage its model allows from the current one, and/or sets its status. */
export function updateBuyingGroup(
  id: string,
  patch: { stage?: string; status?: string | null },
): Promise<BuyingGroup> {
  return request('PATCH', `/buying-groups/${at(id)}`, patch);
}

/** Assigns a role by hand; a manual assignment outranks journey and automatic ones. */
export function assignBuyingGroupMember(
  id: string,
  personId: string,
  role: string,
): Promise<BuyingGroup> {
  return request('PUT', `/buying-groups/${at(id)}/members/${at(personId)}`, { role });
}

export function removeBuyingGroupMember(id: string, personId: string): Promise<BuyingGroup> {
  return request('DELETE', `/buying-groups/${at(id)}/members/${at(personId)}`);
}

/** The stored engagement weights (docs/engagement-score.md). */
export interface EngagementSettings {
  weights: EngagementWeights;
  saturation: number;
}

export function getEngagementSettings(): Promise<EngagementSettings> {
  return request('GET', '/buying-groups/engagement/weights');
}

export function saveEngagementSettings(body: EngagementSettings): Promise<EngagementSettings> {
  return request('PUT', '/buying-groups/engagement/weights', body);
}

export function recomputeEngagement(): Promise<{ groups: number; changed: number }> {
  return request('POST', '/buying-groups/engagement/recompute', {});
}

/** A background job creating the buying groups of an audience, with its progress. */
export interface BuyingGroupJob {
  id: string;
  solutionInterestId: string;
  audienceId: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number | null;
  created: number;
  existing: number;
  error: string | null;
}

export function startBuyingGroupJob(
  solutionInterestId: string,
  audienceId: string,
): Promise<BuyingGroupJob> {
  return request('POST', `/solution-interests/${at(solutionInterestId)}/buying-group-jobs`, {
    audienceId,
  });
}

export function getBuyingGroupJob(
  solutionInterestId: string,
  jobId: string,
): Promise<BuyingGroupJob> {
  return request(
    'GET',
    `/solution-interests/${at(solutionInterestId)}/buying-group-jobs/${at(jobId)}`,
  );
}

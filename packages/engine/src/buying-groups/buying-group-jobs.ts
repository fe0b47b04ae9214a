/**
 * Creating the buying groups of an audience as a background job with progress (issue 13): the
 * caller gets a job id at once and polls it while `createBuyingGroupsForAudience` works through
 * the audience a page of accounts at a time.
 *
 * Progress lives in this process's memory, as for audience evaluations: a poll that reaches
 * another process answers 404 — poll the server that started the job.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '@caravan/core/result';
import { findAudience } from '@caravan/storage/audience.repository';
import { findSolutionInterest } from '@caravan/storage/solution-interest.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { createBuyingGroupsForAudience, type AudienceGroupError } from './buying-group-creation.ts';
import { interestNotFound } from './solution-interests.service.ts';

export interface BuyingGroupJob {
  id: string;
  solutionInterestId: string;
  audienceId: string;
  status: 'running' | 'done' | 'failed';
  /** Members of the audience looked at so far, of `total` (null until the audience is read). */
  processed: number;
  total: number | null;
  /** Groups made so far, and members that already had a group for the interest. */
  created: number;
  existing: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** Finished jobs are kept this long for late polls. */
const keepMs = 60 * 60 * 1000;
const jobs = new Map<string, BuyingGroupJob>();

function forget(now: number): void {
  for (const [id, job] of jobs) {
    if (job.finishedAt !== null && now - Date.parse(job.finishedAt) > keepMs) jobs.delete(id);
  }
}

/** Starts the job after checking that the interest and the audience exist. */
export async function startBuyingGroupJob(
  deps: DataDeps,
  solutionInterestId: string,
  audienceId: string,
): Promise<Result<BuyingGroupJob, AudienceGroupError>> {
  const db = deps.database.db;
  if ((await findSolutionInterest(db, solutionInterestId)) === undefined) {
    return err(interestNotFound(solutionInterestId));
  }
  if ((await findAudience(db, audienceId)) === undefined) {
    return err({ code: 'AUDIENCE_NOT_FOUND', message: `No audience has the id ${audienceId}.` });
  }
  forget(Date.now());
  const job: BuyingGroupJob = {
    id: randomUUID(),
    solutionInterestId,
    audienceId,
    status: 'running',
    processed: 0,
    total: null,
    created: 0,
    existing: 0,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    error: null,
  };
  jobs.set(job.id, job);
  const finish = (patch: Partial<BuyingGroupJob>) =>
    Object.assign(job, patch, { finishedAt: new Date().toISOString() });
  void createBuyingGroupsForAudience(
    deps,
    solutionInterestId,
    audienceId,
    (counts, processed, total) => Object.assign(job, counts, { processed, total }),
  )
    .then((outcome) =>
      outcome.ok
        ? finish({ status: 'done', ...outcome.value, processed: job.total ?? job.processed })
        : finish({ status: 'failed', error: outcome.error.message }),
    )
    .catch((error: unknown) =>
      finish({ status: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
  return ok({ ...job });
}

/** The job's state, or undefined when this process does not know it for the interest. */
export function getBuyingGroupJob(
  solutionInterestId: string,
  jobId: string,
): BuyingGroupJob | undefined {
  const job = jobs.get(jobId);
  return job && job.solutionInterestId === solutionInterestId ? { ...job } : undefined;
}

/**
 * A full re-evaluation of an audience as a background job with progress (issue 3 item 2): the
 * caller gets an id at once and polls it. Set-based evaluation (the condition compiles to SQL)
 * finishes in one statement; in-memory evaluation reports each page of accounts.
 *
 * Progress lives in this process's memory: the evaluation runs in one transaction, and on SQLite
 * that transaction holds the only connection, so progress cannot be written to the database while
 * it runs. A poll that reaches another process answers 404 — poll the server that started it.
 */
import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '@caravan/core/result';
import { findAudience } from '@caravan/storage/audience.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';

import type { FullEvaluation } from './membership-evaluation.ts';
import { evaluateAudience, type SegmentError } from './audiences.service.ts';

export interface AudienceEvaluation {
  id: string;
  audienceId: string;
  state: 'running' | 'done' | 'failed';
  /** Accounts looked at so far, of `total` (null until known). */
  done: number;
  total: number | null;
  startedAt: string;
  finishedAt: string | null;
  result: FullEvaluation | null;
  error: string | null;
}

/** Finished evaluations are kept this long for late polls. */
const keepMs = 60 * 60 * 1000;
const evaluations = new Map<string, AudienceEvaluation>();

function forget(now: number): void {
  for (const [id, e] of evaluations) {
    if (e.finishedAt !== null && now - Date.parse(e.finishedAt) > keepMs) evaluations.delete(id);
  }
}

export async function startAudienceEvaluation(
  deps: DataDeps,
  audienceId: string,
): Promise<Result<AudienceEvaluation, SegmentError>> {
  if (!(await findAudience(deps.database.db, audienceId))) {
    return err({ code: 'AUDIENCE_NOT_FOUND', message: `No audience has the id ${audienceId}.` });
  }
  forget(Date.now());
  const job: AudienceEvaluation = {
    id: randomUUID(),
    audienceId,
    state: 'running',
    done: 0,
    total: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    result: null,
    error: null,
  };
  evaluations.set(job.id, job);
  const finish = (patch: Partial<AudienceEvaluation>) =>
    Object.assign(job, patch, { finishedAt: new Date().toISOString() });
  void evaluateAudience(deps, audienceId, (done, total) => Object.assign(job, { done, total }))
    .then((outcome) =>
      outcome.ok
        ? finish({ state: 'done', result: outcome.value, done: job.total ?? job.done })
        : finish({ state: 'failed', error: outcome.error.message }),
    )
    .catch((error: unknown) =>
      finish({ state: 'failed', error: error instanceof Error ? error.message : String(error) }),
    );
  return ok({ ...job });
}

/** The evaluation's state, or undefined when this process does not know it. */
export function getAudienceEvaluation(
  audienceId: string,
  evaluationId: string,
): AudienceEvaluation | undefined {
  const job = evaluations.get(evaluationId);
  return job && job.audienceId === audienceId ? { ...job } : undefined;
}

/** What running one node for one account decides, and what a node handler gets to decide it. */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import type { EndReason } from '@caravan/core/engine/timeline';
import type { Enrollment } from '@caravan/storage/enrollment.repository';
import type { Batch } from './batch.ts';
import type { JourneyPlan } from './journey-plan.ts';

export type Detail = Record<string, unknown>;

export type StepOutcome =
  /** Leave by `port`; `detail` (when given) is the timeline entry explaining the decision. */
  | { kind: 'move'; port: string; detail?: Detail }
  /** Stay at the node until `dueAt` (null = until something wakes it). */
  | {
      kind: 'park';
      phase: 'wait' | 'listen' | 'external';
      dueAt: Date | null;
      state?: Record<string, unknown>;
      detail?: Detail;
    }
  /** The pass ends here. */
  | { kind: 'end'; reason: EndReason; detail: Detail }
  /** A split by people ran its paths; the account continues at `to` (the join), or ends. */
  | { kind: 'jump'; to: string | undefined; detail: Detail };

export interface StepContext {
  batch: Batch;
  plan: JourneyPlan;
  enrollment: Enrollment;
  facts: AccountFacts;
}

/** The people of the account a people node acts on (all of them outside a split by people). */
export type PersonFacts = AccountFacts['people'][number];

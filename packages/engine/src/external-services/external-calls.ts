/**
 * The answer to an external action or external split (SPEC §2): the service's callback, or the
 * dispatcher giving up on the call. Either is stored on the enrollment waiting at that node, which
 * becomes due at once; the worker then routes it (`next` / a split path / `timeoutOrError`).
 * An answer for an enrollment no longer waiting there (timed out, aborted, answered) changes nothing,
 * so a late error from the dispatcher can never overwrite a success that arrived first.
 */
import { toJson } from '@caravan/storage/column-types';
import type { Db } from '@caravan/storage/database';
import { notifyEngine } from '@caravan/storage/listener-wake.repository';

export type ExternalOutcome =
  { status: 'success'; values: Record<string, unknown> } | { status: 'error'; reason: string };

/** What a callback token carries (signed with the engine secret, see `engine-secret.ts`). */
export interface ExternalCallToken {
  enrollmentId: number;
  nodeId: string;
}

export async function resolveExternalCall(
  db: Db,
  call: ExternalCallToken,
  outcome: ExternalOutcome,
  now: Date,
): Promise<'resolved' | 'notWaiting'> {
  const result = await db
    .updateTable('enrollments')
    .set({ state: toJson({ external: outcome }), due_at: now.toISOString() })
    .where('id', '=', call.enrollmentId)
    .where('node_id', '=', call.nodeId)
    .where('phase', '=', 'external')
    .where('status', '=', 'active')
    // The first answer wins: a parked call has an empty state until one arrives.
    .where('state', '=', '{}')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return 'notWaiting';
  await notifyEngine(db);
  return 'resolved';
}

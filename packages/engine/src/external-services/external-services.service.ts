/**
 * Folder `external-services/`: the external services that externalAction and externalSplit nodes
 * call, and the answers they send back. A workflow folder: may import the data folders and
 * `runtime/`.
 *
 * External services (SPEC §2 externalAction / externalSplit): list, read, create, change and
 * delete them, and take a service's answer on the callback URL of a call. Calls are sent by the
 * outbox dispatcher (channel 'external'); the answer is stored on the waiting enrollment by
 * `resolveExternalCall` and the worker routes it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { collectReferences } from '@caravan/core/journey/validation';
import { err, ok, type Result } from '@caravan/core/result';
import { fromJson } from '@caravan/storage/column-types';
import type { Db } from '@caravan/storage/database';
import {
  deleteExternalService as deleteServiceRow,
  findExternalService,
  insertExternalService,
  listExternalServices as listServiceRows,
  updateExternalService,
  type ExternalService,
} from '@caravan/storage/external-service.repository';
import { listJourneys } from '@caravan/storage/journey.repository';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { literalRefusal, outboundPolicy, type OutboundPolicy } from '../outbox/outbound-policy.ts';
import { verifyToken } from '../runtime/engine-secret.ts';
import { resolveExternalCall, type ExternalCallToken } from './external-calls.ts';
import type { JourneyUsage } from '../data/journey-usages.ts';
import { pagedSearch, type ListQuery, type Page } from '../data/page-cursor.ts';
import { inTransaction } from '../runtime/transaction.ts';

/**
 * The expected failures of these services. Every code must exist in the server's error
 * catalogue (`@caravan/server/errors`); the server's type-check fails when one is missing.
 */
export type ExternalServiceErrorCode =
  | 'EXTERNAL_SERVICE_NOT_FOUND'
  | 'EXTERNAL_SERVICE_NAME_TAKEN'
  | 'IN_USE'
  | 'INVALID_CURSOR'
  | 'INVALID_CALLBACK_TOKEN'
  | 'CALLBACK_NOT_EXPECTED'
  | 'OUTBOUND_ADDRESS_REFUSED';

export interface ExternalServiceError {
  code: ExternalServiceErrorCode;
  message: string;
  details?: unknown;
}

export const defaultTimeoutSeconds = 300;

const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .describe('Where calls are POSTed: an http or https URL');

/** What a service is created from; the same value validates the API body and feeds OpenAPI. */
export const ExternalServiceInput = z.object({
  name: z.string().trim().min(1).max(100),
  url: HttpUrl,
  secret: z
    .string()
    .min(16)
    .max(200)
    .optional()
    .describe('Signs the requests sent to the service; generated when not given'),
  timeoutSeconds: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .optional()
    .describe(`How long to wait for the callback; default ${defaultTimeoutSeconds}`),
});
export type ExternalServiceInput = z.infer<typeof ExternalServiceInput>;

export const ExternalServicePatch = ExternalServiceInput.partial();
export type ExternalServicePatch = z.infer<typeof ExternalServicePatch>;

/** What a service answers on its callback URL. */
export const ExternalCallbackAnswer = z.object({
  success: z.boolean(),
  values: z
    .record(z.string().max(200), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .optional(),
  error: z.string().max(2000).optional(),
});
export type ExternalCallbackAnswer = z.infer<typeof ExternalCallbackAnswer>;

export type { ExternalService } from '@caravan/storage/external-service.repository';

const serviceNotFound = (id: string): ExternalServiceError => ({
  code: 'EXTERNAL_SERVICE_NOT_FOUND',
  message: `No external service has the id ${id}.`,
});

/** 32 random bytes, as API keys and the engine secret are made. */
function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

export async function listExternalServices(
  deps: DataDeps,
  query: ListQuery,
): Promise<Result<Page<ExternalService>, ExternalServiceError>> {
  return pagedSearch(query, (q) => listServiceRows(deps.database.db, q));
}

export async function getExternalService(
  deps: DataDeps,
  id: string,
): Promise<Result<ExternalService, ExternalServiceError>> {
  const service = await findExternalService(deps.database.db, id);
  return service ? ok(service) : err(serviceNotFound(id));
}

/** What the services that save a URL need: the operator's outbound ranges besides the database. */
export type ExternalServiceDeps = DataDeps & { outbound?: OutboundPolicy };

/** 422 OUTBOUND_ADDRESS_REFUSED for a URL whose literal address Caravan may not call. */
function refusedUrl(deps: ExternalServiceDeps, url: string | undefined) {
  const reason =
    url === undefined ? undefined : literalRefusal(deps.outbound ?? outboundPolicy(), url);
  return reason === undefined
    ? undefined
    : err<ExternalServiceError>({
        code: 'OUTBOUND_ADDRESS_REFUSED',
        message: `Caravan may not call this URL: ${reason}.`,
      });
}

export async function createExternalService(
  deps: ExternalServiceDeps,
  input: ExternalServiceInput,
): Promise<Result<ExternalService, ExternalServiceError>> {
  const refused = refusedUrl(deps, input.url);
  if (refused) return refused;
  const inserted = await insertExternalService(deps.database.db, {
    id: crypto.randomUUID(),
    name: input.name,
    url: input.url,
    secret: input.secret ?? generateSecret(),
    timeoutSeconds: input.timeoutSeconds ?? defaultTimeoutSeconds,
    now: deps.clock.now(),
  });
  return inserted.ok
    ? inserted
    : err({ code: 'EXTERNAL_SERVICE_NAME_TAKEN', message: inserted.error.message });
}

export async function patchExternalService(
  deps: ExternalServiceDeps,
  id: string,
  patch: ExternalServicePatch,
): Promise<Result<ExternalService, ExternalServiceError>> {
  const refused = refusedUrl(deps, patch.url);
  if (refused) return refused;
  const updated = await updateExternalService(deps.database.db, id, patch, deps.clock.now());
  if (updated.ok) return updated;
  return err(
    updated.error.code === 'NOT_FOUND'
      ? serviceNotFound(id)
      : { code: 'EXTERNAL_SERVICE_NAME_TAKEN', message: updated.error.message },
  );
}

/** Refused (409 IN_USE) while a scheduled, live or closed journey calls the service. */
export async function deleteExternalService(
  deps: DataDeps,
  id: string,
): Promise<Result<true, ExternalServiceError>> {
  return inTransaction(deps.database, async (trx) => {
    const usages = await findServiceUsages(trx, id);
    if (usages.length > 0) {
      const names = usages.map((u) => `"${u.journeyName}" (${u.status})`).join(', ');
      return err({
        code: 'IN_USE',
        message: `Journeys that can still call this external service use it: ${names}.`,
        details: usages,
      });
    }
    return (await deleteServiceRow(trx, id)) ? ok(true) : err(serviceNotFound(id));
  });
}

/** Journeys that can still call: accounts in a closed journey go on along their paths. */
const stillCalling: JourneyStatus[] = ['scheduled', 'live', 'closed'];
const pageSize = 200;

/**
 * The external nodes of journeys that can still call the service. A scan of those journeys'
 * definitions, as `membership-usage.ts` does for content (whose kinds it is typed to).
 */
export async function findServiceUsages(db: Db, id: string): Promise<JourneyUsage[]> {
  const usages: JourneyUsage[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await listJourneys(db, {
      statuses: stillCalling,
      sort: { field: 'createdAt', direction: 'asc' },
      limit: pageSize,
      offset,
    });
    for (const journey of items) {
      for (const reference of collectReferences(journey.definition)) {
        if (reference.kind !== 'externalService' || reference.id !== id) continue;
        usages.push({
          journeyId: journey.id,
          journeyName: journey.name,
          status: journey.status,
          nodeId: reference.nodeId,
        });
      }
    }
    if (items.length < pageSize) return usages;
  }
}

const CallToken = z.object({
  enrollmentId: z.number().int().positive(),
  nodeId: z.string().min(1),
});

const notExpected: ExternalServiceError = {
  code: 'CALLBACK_NOT_EXPECTED',
  message:
    'No account is waiting for this answer: it was answered already, timed out or was stopped.',
};

/**
 * Takes a service's answer to one call. The token (signed with the engine secret when the call
 * was made) names the enrollment and node; a forged or malformed one is refused. Only the first
 * answer counts: the enrollment row is locked and an outcome already stored on it (an earlier
 * callback, or the dispatcher giving up) refuses this one, so that a repeated callback changes
 * nothing even before the worker has moved the account on.
 */
export async function answerExternalCallback(
  deps: DataDeps,
  secret: string,
  token: string,
  answer: ExternalCallbackAnswer,
): Promise<Result<'accepted', ExternalServiceError>> {
  const call = CallToken.safeParse(verifyToken(secret, 'callback', token));
  if (!call.success) {
    return err({
      code: 'INVALID_CALLBACK_TOKEN',
      message: 'The callback token is malformed or was not issued by this Caravan.',
    });
  }
  const outcome = answer.success
    ? { status: 'success' as const, values: answer.values ?? {} }
    : { status: 'error' as const, reason: answer.error ?? 'the service reported an error' };
  const { dialect } = deps.database;
  return inTransaction(deps.database, async (trx) => {
    if (await isAnswered(trx, call.data, dialect === 'postgres')) return err(notExpected);
    const resolved = await resolveExternalCall(trx, call.data, outcome, deps.clock.now());
    return resolved === 'resolved' ? ok('accepted' as const) : err(notExpected);
  });
}

/** Whether the enrollment is no longer waiting for an answer at the node, or has one already. */
async function isAnswered(trx: Db, call: ExternalCallToken, lock: boolean): Promise<boolean> {
  const row = await trx
    .selectFrom('enrollments')
    .select('state')
    .where('id', '=', call.enrollmentId)
    .where('node_id', '=', call.nodeId)
    .where('phase', '=', 'external')
    .where('status', '=', 'active')
    // SQLite runs one write transaction at a time; PostgreSQL needs the row lock.
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  if (row === undefined) return true;
  const state = fromJson(row.state) as { external?: { status?: unknown } } | null;
  const status = state?.external?.status;
  return status === 'success' || status === 'error';
}

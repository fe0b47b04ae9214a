/**
 * The Segment spec's calls as Caravan reads them (https://segment.com/docs/connections/spec/):
 * identify, group, track, page, screen and alias. Only what Caravan uses is checked, so that a
 * CDP's extra fields never cause a rejection: `sentAt`, `context`, `integrations`, `_metadata`
 * and unknown fields are read when useful and otherwise ignored, never a reason to refuse.
 */
import { z } from 'zod';
import { err, ok, type Result } from '@caravan/core/result';

export const segmentCallTypes = ['identify', 'group', 'track', 'page', 'screen', 'alias'] as const;
export type SegmentCallType = (typeof segmentCallTypes)[number];

/** Segment's limits: a call up to 32 KB, a batch request up to 500 KB. */
export const maxCallBytes = 32 * 1024;
export const maxBatchBytes = 500 * 1024;

/** A timestamp more than this far ahead of the receive time is a client clock gone wrong. */
const maxFutureMs = 24 * 60 * 60 * 1000;

type Bag = Record<string, unknown>;

interface CallBase {
  index: number;
  messageId: string;
  /** Whether the sender gave the message id (only those deduplicate). */
  sentMessageId: boolean;
  userId: string | undefined;
  anonymousId: string | undefined;
  /** When it happened, clock skew corrected (see `occurredAtOf`). */
  at: Date;
  context: Bag;
}

export type SegmentCall =
  | (CallBase & { type: 'identify'; traits: Bag })
  | (CallBase & { type: 'group'; groupId: string; traits: Bag })
  | (CallBase & { type: 'track'; event: string; properties: Bag })
  | (CallBase & { type: 'page' | 'screen'; name: string | undefined; properties: Bag })
  | (CallBase & { type: 'alias'; previousId: string });

export interface CallRejection {
  code: 'INVALID_EVENT' | 'UNSUPPORTED_TYPE' | 'CALL_TOO_LARGE';
  message: string;
}

/**
 * An id as the spec allows it: a string of 1 to 255 characters once trimmed (trimmed), or a
 * number (as text); else undefined. By hand rather than with zod: it runs three times per call.
 */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= 255 ? trimmed : undefined;
}

const bag = (value: unknown): Bag =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Bag) : {};

/** Built once: making a zod schema costs far more than checking one string with it. */
const IsoDateTime = z.iso.datetime({ offset: true });

function isoDate(value: unknown): Date | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const parsed = IsoDateTime.safeParse(value);
  return parsed.success ? new Date(parsed.data) : undefined;
}

/**
 * `timestamp` (else `originalTimestamp`), else the receive time. A time more than a day ahead of
 * the receive time is corrected as Segment does — receive time minus (sentAt − timestamp) — and
 * clamped to the receive time if still ahead.
 */
export function occurredAtOf(raw: Bag, now: Date): Date {
  const given = isoDate(raw.timestamp) ?? isoDate(raw.originalTimestamp);
  if (!given) return now;
  if (given.getTime() - now.getTime() <= maxFutureMs) return given;
  const sentAt = isoDate(raw.sentAt);
  const corrected = sentAt ? new Date(now.getTime() - (sentAt.getTime() - given.getTime())) : now;
  return corrected.getTime() - now.getTime() > maxFutureMs || corrected > now ? now : corrected;
}

function optionalId(value: unknown, field: string): Result<string | undefined, CallRejection> {
  if (value === undefined || value === null || value === '') return ok(undefined);
  const id = idOf(value);
  return id !== undefined
    ? ok(id)
    : err({ code: 'INVALID_EVENT', message: `${field}: a string of 1 to 255 characters` });
}

function requiredText(raw: Bag, field: string): Result<string, CallRejection> {
  const id = idOf(raw[field]);
  return id !== undefined
    ? ok(id)
    : err({ code: 'INVALID_EVENT', message: `${field}: required, 1 to 255 characters` });
}

export interface ParseOptions {
  index: number;
  now: Date;
  /** The route's type (`/v1/track`), which wins over the body's. */
  type?: SegmentCallType;
  /** The batch's own `context`, merged under each call's. */
  batchContext?: Bag;
}

/** One call of a batch or a single route, or why it is refused (never throws). */
export function parseSegmentCall(
  raw: unknown,
  options: ParseOptions,
): Result<SegmentCall, CallRejection> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err({ code: 'INVALID_EVENT', message: 'A call must be a JSON object.' });
  }
  const body = raw as Bag;
  const type = options.type ?? body.type;
  if (!segmentCallTypes.includes(type as SegmentCallType)) {
    return err({
      code: 'UNSUPPORTED_TYPE',
      message: `type: "${String(type)}" is not one of ${segmentCallTypes.join(', ')}`,
    });
  }
  if (body.timestamp !== undefined && body.timestamp !== null && !isoDate(body.timestamp)) {
    return err({ code: 'INVALID_EVENT', message: 'timestamp: not an ISO-8601 date and time' });
  }
  const userId = optionalId(body.userId, 'userId');
  if (!userId.ok) return userId;
  const anonymousId = optionalId(body.anonymousId, 'anonymousId');
  if (!anonymousId.ok) return anonymousId;
  const messageId = optionalId(body.messageId, 'messageId');
  if (!messageId.ok) return messageId;
  const base: CallBase = {
    index: options.index,
    messageId: messageId.value ?? crypto.randomUUID(),
    sentMessageId: messageId.value !== undefined,
    userId: userId.value,
    anonymousId: anonymousId.value,
    at: occurredAtOf(body, options.now),
    context: { ...bag(options.batchContext), ...bag(body.context) },
  };
  return withFields(type as SegmentCallType, body, base);
}

function withFields(
  type: SegmentCallType,
  body: Bag,
  base: CallBase,
): Result<SegmentCall, CallRejection> {
  const needsSomeone = (call: SegmentCall): Result<SegmentCall, CallRejection> =>
    call.userId === undefined && call.anonymousId === undefined
      ? err({ code: 'INVALID_EVENT', message: 'userId: a userId or an anonymousId is required' })
      : ok(call);
  switch (type) {
    case 'identify': {
      const traits = bag(body.traits ?? bag(base.context).traits);
      // Without any id nor an email there is nobody it could ever be about: refused, not pending.
      const email = typeof traits.email === 'string' && traits.email !== '';
      if (base.userId === undefined && base.anonymousId === undefined && !email) {
        return err({
          code: 'INVALID_EVENT',
          message: 'userId: a userId, an anonymousId or traits.email is required',
        });
      }
      return ok({ ...base, type, traits });
    }
    case 'group': {
      const groupId = requiredText(body, 'groupId');
      if (!groupId.ok) return groupId;
      return ok({ ...base, type, groupId: groupId.value, traits: bag(body.traits) });
    }
    case 'track': {
      const event = requiredText(body, 'event');
      if (!event.ok) return event;
      return needsSomeone({ ...base, type, event: event.value, properties: bag(body.properties) });
    }
    case 'page':
    case 'screen': {
      const name = typeof body.name === 'string' && body.name !== '' ? body.name : undefined;
      return needsSomeone({ ...base, type, name, properties: bag(body.properties) });
    }
    case 'alias': {
      const previousId = requiredText(body, 'previousId');
      if (!previousId.ok) return previousId;
      if (base.userId === undefined) {
        return err({ code: 'INVALID_EVENT', message: 'userId: required for alias' });
      }
      return ok({ ...base, type, previousId: previousId.value });
    }
  }
}

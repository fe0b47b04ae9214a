/** Request and response schemas shared by the B2B data resources (accounts, people, events). */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { DataError } from '@caravan/engine/data/data-error';
import { sendError } from './errors.ts';

export const IdParams = z.object({ id: z.uuid() });
export const ExternalIdParams = z.object({ externalId: z.string().min(1).max(255) });
export const MembershipParams = z.object({ id: z.uuid(), personId: z.uuid() });

export const ListQuery = z.object({
  search: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});

/** A page of any resource: `nextCursor` is opaque and null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  });
}

export const MembershipBody = z.object({
  role: z.string().trim().min(1).max(100).nullable().optional(),
});

export const Deleted = z.undefined().describe('Deleted');

/** Sends an engine data error with the catalogue's status. */
export function sendDataError(reply: FastifyReply, error: DataError) {
  return sendError(reply, error.code, error.message, error.details);
}

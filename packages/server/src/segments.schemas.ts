/** Request and response schemas of audiences and account lists. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { Condition } from '@caravan/core/conditions/condition';
import type { SegmentError } from '@caravan/engine/segments/audiences.service';
import { sendError } from './errors.ts';

const Name = z.string().trim().min(1).max(200);
const Description = z.string().max(2000);
const Timestamp = z.string();

export const Audience = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  condition: Condition,
  status: z.enum(['draft', 'live']),
  memberCount: z.number().int(),
  evaluatedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AudienceInput = z.object({
  name: Name,
  description: Description.optional(),
  condition: Condition,
  status: z.enum(['draft', 'live']).optional(),
});

export const AudiencePatch = AudienceInput.partial();

export const Evaluation = z.object({
  entered: z.number().int(),
  exited: z.number().int(),
  memberCount: z.number().int(),
});

export const PreviewBody = z.object({ condition: Condition });
export const PreviewCount = z.object({ count: z.number().int() });

export const AccountList = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['static', 'dynamic']),
  status: z.enum(['draft', 'live']),
  condition: Condition.nullable(),
  memberCount: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const AccountListInput = z
  .object({
    name: Name,
    description: Description.optional(),
    kind: z.enum(['static', 'dynamic']),
    status: z.enum(['draft', 'live']).optional(),
    condition: Condition.optional(),
  })
  .refine((l) => (l.kind === 'dynamic') === (l.condition !== undefined), {
    path: ['condition'],
    message: 'a dynamic list needs a condition; a static list has none',
  });

export const AccountListPatch = z.object({
  name: Name.optional(),
  description: Description.optional(),
  condition: Condition.optional(),
});

export const MembersBody = z.object({ accountIds: z.array(z.uuid()).min(1).max(1000) });
export const MemberChange = z.object({
  changed: z.array(z.string()),
  memberCount: z.number().int(),
});

export const MembersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});

/** Sends an audience or list error with the catalogue's status. */
export function sendSegmentError(reply: FastifyReply, error: SegmentError) {
  return sendError(reply, error.code, error.message, error.details);
}

/**
 * The Segment spec's identify, group and track calls as Caravan reads them
 * (https://segment.com/docs/connections/spec/). Common fields are accepted as sent; only what
 * Caravan uses is checked, so that a CDP's extra fields never cause a rejection.
 */
import { z } from 'zod';

const Id = z.union([z.string().min(1).max(255), z.number()]).transform(String);
const Timestamp = z.iso.datetime({ offset: true });
const Bag = z.record(z.string(), z.unknown());

const common = {
  messageId: z.string().min(1).max(255).optional(),
  userId: Id.nullish(),
  anonymousId: Id.nullish(),
  timestamp: Timestamp.optional(),
  sentAt: Timestamp.optional(),
  originalTimestamp: Timestamp.optional(),
  receivedAt: Timestamp.optional(),
  context: Bag.optional(),
  integrations: Bag.optional(),
};

export const SegmentIdentify = z.object({ ...common, traits: Bag.optional() });
export type SegmentIdentify = z.infer<typeof SegmentIdentify>;

export const SegmentGroup = z.object({ ...common, groupId: Id, traits: Bag.optional() });
export type SegmentGroup = z.infer<typeof SegmentGroup>;

export const SegmentTrack = z.object({
  ...common,
  event: z.string().min(1).max(255),
  properties: Bag.optional(),
});
export type SegmentTrack = z.infer<typeof SegmentTrack>;

/** A `/batch` item: the call's type decides its schema. */
export const SegmentBatchItem = z.discriminatedUnion('type', [
  SegmentIdentify.extend({ type: z.literal('identify') }),
  SegmentGroup.extend({ type: z.literal('group') }),
  SegmentTrack.extend({ type: z.literal('track') }),
]);
export type SegmentBatchItem = z.infer<typeof SegmentBatchItem>;

export const SegmentBatch = z.object({
  batch: z.array(Bag),
  context: Bag.optional(),
  integrations: Bag.optional(),
});

/** When it happened: `timestamp`, else `originalTimestamp`, else when it arrived. */
export function occurredAt(m: { timestamp?: string; originalTimestamp?: string }) {
  return m.timestamp ?? m.originalTimestamp;
}

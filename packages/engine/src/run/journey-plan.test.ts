import { describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { StoredJourney } from '@caravan/storage/journey.mapper';
import { compilePlan, factsNeedsOf } from './journey-plan.ts';

const definition: JourneyDefinition = {
  nodes: [
    { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'a' } },
    {
      id: 'email',
      type: 'action',
      settings: { on: 'people', action: { type: 'sendEmail', emailId: 'e' } },
    },
    { id: 'wait', type: 'wait', settings: { duration: { amount: 3, unit: 'days' } } },
    { id: 'merge', type: 'merge', settings: {} },
  ],
  edges: [
    { from: 'audience', port: 'next', to: 'email' },
    { from: 'email', port: 'next', to: 'wait' },
    { from: 'wait', port: 'next', to: 'merge' },
  ],
};

const plan = compilePlan({
  id: 'j',
  version: 1,
  status: 'live',
  definition,
  schedule: { start: 'immediately', end: null },
} as unknown as StoredJourney);
const plans = new Map([['j', plan]]);
const now = new Date('2026-03-02T09:00:00Z');
const at = (nodeId: string, status = 'active') => ({ journeyId: 'j', nodeId, status });

describe('what a batch loads', () => {
  it('loads people while a people action is still ahead of an account', () => {
    expect(factsNeedsOf(plans, now, [at('wait'), at('audience')]).people).toBe(true);
    expect(factsNeedsOf(plans, now, [at('email')]).people).toBe(true);
  });

  it('loads no people when every account of the batch is past the last people node', () => {
    expect(factsNeedsOf(plans, now, [at('wait'), at('merge')]).people).toBe(false);
  });

  it('loads people for a pending re-entry, which starts again at the audience node', () => {
    expect(factsNeedsOf(plans, now, [at('merge', 'pending')]).people).toBe(true);
  });
});

/**
 * Helpers of the properties forms that compute new node settings (no React): switching between
 * accounts and people, and even variant shares.
 */
import type { Audience, JourneyNode } from '@caravan/core/journey/definition';
import { assertNever } from '@caravan/core/result';

/** What switching a node between accounts and people takes away, for the confirmation. */
export type AudienceLoss = 'action' | 'event' | 'none';

/**
 * The settings of `node` after switching its `on`/`by` to `audience`, and what is lost: an action
 * that does not exist for the new audience, or the event type (account and people events differ).
 */
export function switchAudience(
  node: JourneyNode,
  audience: Audience,
): { settings: JourneyNode['settings']; loss: AudienceLoss } {
  switch (node.type) {
    case 'action': {
      const action = node.settings.action;
      const shared = action?.type === 'interestingMoment' || action?.type === 'webhook';
      if (action && !shared) return { settings: { on: audience }, loss: 'action' };
      return { settings: { on: audience, action } as JourneyNode['settings'], loss: 'none' };
    }
    case 'event': {
      const {
        event: _event,
        constraints: _constraints,
        peopleFilter: _filter,
        ...rest
      } = node.settings;
      const loss = node.settings.event ? 'event' : 'none';
      return { settings: { ...rest, on: audience }, loss };
    }
    case 'split':
    case 'variantSplit':
      return { settings: { ...node.settings, by: audience }, loss: 'none' };
    case 'externalAction':
    case 'externalSplit':
      return { settings: { ...node.settings, on: audience }, loss: 'none' };
    case 'audience':
    case 'merge':
    case 'wait':
      return { settings: node.settings, loss: 'none' };
    default:
      return assertNever(node);
  }
}

/** Whole percentages as even as they go, the remainder to the first paths (3 → 34, 33, 33). */
export function evenPercents(count: number): number[] {
  if (count <= 0) return [];
  const base = Math.floor(100 / count);
  const rest = 100 - base * count;
  return Array.from({ length: count }, (_, index) => base + (index < rest ? 1 : 0));
}

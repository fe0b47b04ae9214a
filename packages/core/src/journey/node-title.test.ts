import { describe, expect, it } from 'vitest';
import type { JourneyNode } from './definition.ts';
import { everyNodeDefinition } from './fixtures.test-support.ts';
import { nodeTitle } from './node-title.ts';
import { nodePorts } from './node-ports.ts';

const titleOf = (id: string): string => {
  const node = everyNodeDefinition().nodes.find((n) => n.id === id);
  if (!node) throw new Error(id);
  return nodeTitle(node);
};

describe('nodeTitle', () => {
  it.each([
    ['audience', 'Account audience'],
    ['libraryEmail', 'Send email'],
    ['authoredSms', 'Send SMS'],
    ['addToJourney', 'Add to journey'],
    ['accountWebhook', 'Call webhook'],
    ['listener', 'Listen for an event'],
    ['accountSplit', 'Split paths'],
    ['variants', 'Variant split paths'],
    ['merge', 'Merge paths'],
    ['shortWait', 'Wait 2 days'],
    ['dateWait', 'Wait until 2099-06-01 09:00'],
    ['externalAction', 'External action'],
    ['externalSplit', 'External split paths'],
  ])('titles %s "%s"', (id, title) => {
    expect(titleOf(id)).toBe(title);
  });

  it.each<[JourneyNode, string]>([
    [{ id: 'w', type: 'wait', settings: { duration: { amount: 5, unit: 'days' } } }, 'Wait 5 days'],
    [
      { id: 'w', type: 'wait', settings: { duration: { amount: 1, unit: 'hours' } } },
      'Wait 1 hour',
    ],
    [{ id: 'w', type: 'wait', settings: {} }, 'Wait'],
    [{ id: 'a', type: 'action', settings: {} }, 'Take an action'],
    [{ id: 'l', type: 'audience', settings: { source: 'accountList' } }, 'Account list'],
  ])('titles a half-made node by what it has', (node, title) => {
    expect(nodeTitle(node)).toBe(title);
  });
});

describe('nodePorts', () => {
  const portsOf = (id: string) => {
    const node = everyNodeDefinition().nodes.find((n) => n.id === id);
    if (!node) throw new Error(id);
    return nodePorts(node);
  };

  it.each([
    ['audience', ['next']],
    ['salesAlert', ['next']],
    ['listener', ['next', 'timeout']],
    ['accountSplit', ['enterprise', 'other']],
    ['peopleSplit', ['champions', 'others']],
    ['variants', ['a', 'b']],
    ['merge', ['next']],
    ['shortWait', ['next']],
    ['externalAction', ['next', 'timeoutOrError']],
    ['externalSplit', ['fit', 'other', 'timeoutOrError']],
  ])('gives %s the ports %j', (id, ports) => {
    expect(portsOf(id)).toEqual(ports);
  });

  it('gives a listener without timeout path only next', () => {
    expect(nodePorts({ id: 'e', type: 'event', settings: { timeoutPath: false } })).toEqual([
      'next',
    ]);
  });
});

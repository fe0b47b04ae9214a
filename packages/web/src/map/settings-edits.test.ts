import { describe, expect, it } from 'vitest';
import { evenPercents, switchAudience } from './settings-edits.ts';

describe('switching between accounts and people', () => {
  it('clears an action that people do not have and keeps one both have', () => {
    const alert = {
      id: 'a',
      type: 'action' as const,
      settings: { on: 'accounts' as const, action: { type: 'sendSalesAlert' as const } },
    };
    expect(switchAudience(alert, 'people')).toEqual({ settings: { on: 'people' }, loss: 'action' });
    const hook = {
      ...alert,
      settings: { on: 'accounts' as const, action: { type: 'webhook' as const } },
    };
    expect(switchAudience(hook, 'people').loss).toBe('none');
  });

  it('clears the event type of a listener', () => {
    const listener = {
      id: 'e',
      type: 'event' as const,
      settings: { on: 'accounts' as const, event: 'interestingMoment', timeoutPath: true },
    };
    expect(switchAudience(listener, 'people')).toEqual({
      settings: { on: 'people', timeoutPath: true },
      loss: 'event',
    });
  });
});

describe('distributing variant shares evenly', () => {
  it('gives whole percentages that add up to 100, the remainder first', () => {
    expect(evenPercents(2)).toEqual([50, 50]);
    expect(evenPercents(3)).toEqual([34, 33, 33]);
    expect(evenPercents(7).reduce((a, b) => a + b, 0)).toBe(100);
    expect(evenPercents(0)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.ts';

describe('ManualClock', () => {
  it('stays still until advanced', () => {
    const clock = new ManualClock(new Date('2025-01-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('moves forward by the given milliseconds', () => {
    const clock = new ManualClock(new Date('2025-01-01T00:00:00.000Z'));
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:01:30.000Z');
  });

  it('jumps to a set date', () => {
    const clock = new ManualClock(new Date('2025-01-01T00:00:00.000Z'));
    clock.set(new Date('2026-06-01T12:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2026-06-01T12:00:00.000Z');
  });

  it('refuses to move backwards', () => {
    const clock = new ManualClock();
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('hands out copies that cannot move it', () => {
    const clock = new ManualClock(new Date('2025-01-01T00:00:00.000Z'));
    clock.now().setFullYear(2030);
    expect(clock.now().getUTCFullYear()).toBe(2025);
  });
});

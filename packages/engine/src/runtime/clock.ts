/**
 * A clock that moves only when told to: tests and demos (CARAVAN_TEST_CLOCK=1) use it so that
 * scheduled starts and timers can be reached without sleeping.
 */
import type { Clock } from '@caravan/core/clock';

export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    this.current = start.getTime();
  }

  /** A fresh Date each call, so callers cannot move the clock by mutating the result. */
  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward; negative amounts are a bug in the caller. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance by ${ms} ms`);
    this.current += ms;
    return this.now();
  }

  set(date: Date): Date {
    this.current = date.getTime();
    return this.now();
  }
}

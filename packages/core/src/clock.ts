/** Core never reads the system clock; whoever calls it passes one in. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

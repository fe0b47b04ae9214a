/**
 * A sliding window of sends: up to `concurrency` items in flight, the next one started the moment
 * one finishes (not in slices that wait for the slowest of each slice), optionally no faster than
 * `ratePerSecond`. An item holds its slot until it is settled, so "in flight or sent but not yet
 * written down" never exceeds `concurrency` — the most a crash can make go out twice.
 */
export class SendWindow<T> {
  private readonly queue: T[] = [];
  private active = 0;
  private nextStartAt = 0;
  private waiting = false;
  private stopped = false;
  private listeners: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly run: (item: T) => Promise<void>,
    private readonly ratePerSecond?: number,
  ) {}

  /** Items waiting for a slot. */
  get backlog(): number {
    return this.queue.length;
  }

  get inFlight(): number {
    return this.active;
  }

  push(items: readonly T[]): void {
    this.queue.push(...items);
    this.pump();
  }

  /** Starts nothing more (a lane that stops); whoever waits for a slot or a refill is woken. */
  stopStarting(): void {
    this.stopped = true;
    this.notify();
  }

  /** Takes back every item not started yet (a lane that stops). */
  takeBacklog(): T[] {
    return this.queue.splice(0);
  }

  /** Resolves once fewer than `n` items wait (or nothing waits and nothing is in flight). */
  async below(n: number): Promise<void> {
    while (!this.stopped && this.queue.length >= n && this.queue.length + this.active > 0) {
      await this.changed();
    }
  }

  /** Resolves when nothing waits and nothing is in flight (once stopped: nothing in flight). */
  async drained(): Promise<void> {
    while ((this.stopped ? 0 : this.queue.length) + this.active > 0) await this.changed();
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.listeners.push(resolve));
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const resolve of listeners) resolve();
  }

  private pump(): void {
    while (
      !this.stopped &&
      this.active < this.concurrency &&
      this.queue.length > 0 &&
      !this.waiting
    ) {
      if (this.ratePerSecond !== undefined) {
        const now = Date.now();
        if (now < this.nextStartAt) {
          this.waiting = true;
          setTimeout(() => {
            this.waiting = false;
            this.pump();
          }, this.nextStartAt - now);
          return;
        }
        this.nextStartAt = Math.max(now, this.nextStartAt) + 1000 / this.ratePerSecond;
      }
      const item = this.queue.shift() as T;
      this.active += 1;
      void this.run(item)
        .catch(() => {})
        .finally(() => {
          this.active -= 1;
          this.notify();
          this.pump();
        });
    }
    this.notify();
  }
}

/**
 * Settles in small groups: every settlement asked for while a group transaction runs joins the
 * next group (at most `maxGroup`), so a busy lane writes many rows per commit and a quiet one
 * still settles each message at once.
 */
export class GroupSettler<T> {
  private pending: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private flushing = false;

  constructor(
    private readonly settleGroup: (items: T[]) => Promise<void>,
    private readonly maxGroup = 64,
  ) {}

  settle(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    // Let the sends that finish in the same tick join the group.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const group = this.pending.splice(0, this.maxGroup);
      try {
        await this.settleGroup(group.map((g) => g.item));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.flushing = false;
  }
}

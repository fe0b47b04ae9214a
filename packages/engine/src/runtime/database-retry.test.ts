import { describe, expect, it } from 'vitest';
import { retryWhileDatabaseAway } from './database-retry.ts';

const refused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('retrying a database step while the database is away', () => {
  it('tries again until the database answers, then returns the answer', async () => {
    let calls = 0;
    const retried: number[] = [];
    const answer = await retryWhileDatabaseAway(
      async () => {
        calls += 1;
        if (calls === 1) throw refused();
        if (calls === 2) throw new Error('Connection terminated unexpectedly');
        if (calls === 3)
          throw Object.assign(new Error('terminating connection'), { code: '57P01' });
        return 'settled';
      },
      { firstMs: 1, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    expect(answer).toBe('settled');
    expect(calls).toBe(4);
    expect(retried).toEqual([1, 2, 3]);
  });

  it('throws any other error at once, without trying again', async () => {
    let calls = 0;
    const failing = retryWhileDatabaseAway(
      async () => {
        calls += 1;
        throw Object.assign(new Error('duplicate key'), { code: '23505' });
      },
      { firstMs: 1 },
    );
    await expect(failing).rejects.toThrow('duplicate key');
    expect(calls).toBe(1);
  });

  it('gives up with the outage error after the time allowed', async () => {
    let calls = 0;
    const failing = retryWhileDatabaseAway(
      async () => {
        calls += 1;
        throw refused();
      },
      { firstMs: 5, giveUpAfterMs: 30 },
    );
    await expect(failing).rejects.toThrow('ECONNREFUSED');
    expect(calls).toBeGreaterThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import { systemIdSource, timeOrderedId, timeOrderedIds, type IdSource } from './time-ordered-id.ts';

/** A clock that stands still (or is moved by hand) and a random source of fixed bytes. */
function fixedSource(start: number, fill = 0xff): IdSource & { ms: number } {
  const source = {
    ms: start,
    nowMs: () => source.ms,
    fillRandom: (bytes: Uint8Array) => bytes.fill(fill),
  };
  return source;
}

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('time-ordered ids', () => {
  it('are version-7 UUIDs whose first 48 bits are the Unix milliseconds', () => {
    const ms = Date.parse('2026-12-05T17:00:00.000Z');
    const id = timeOrderedIds(fixedSource(ms))();
    expect(id).toMatch(uuidV7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms);
  });

  it('increase strictly within one millisecond, also past the 12-bit counter', () => {
    const next = timeOrderedIds(fixedSource(1_700_000_000_000));
    const ids = Array.from({ length: 10_000 }, next);
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every((id) => uuidV7.test(id))).toBe(true);
  });

  it('keep increasing when the clock steps back', () => {
    const source = fixedSource(1_700_000_000_500);
    const next = timeOrderedIds(source);
    const before = next();
    source.ms -= 400;
    expect(next() > before).toBe(true);
  });

  it('sort by creation time as text across milliseconds', () => {
    const source = fixedSource(1_700_000_000_000, 0x00);
    const next = timeOrderedIds(source);
    const earlier = next();
    source.ms += 1;
    expect(next() > earlier).toBe(true);
  });

  it('differ between calls of the system generator', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => timeOrderedId()));
    expect(ids.size).toBe(1000);
  });

  it('draws fresh random bytes for every id of the system generator, also past its pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) {
      const bytes = new Uint8Array(16);
      systemIdSource.fillRandom(bytes);
      seen.add(bytes.join(','));
    }
    expect(seen.size).toBe(2_000);
    const large = new Uint8Array(10_000);
    systemIdSource.fillRandom(large);
    expect(new Set(large).size).toBeGreaterThan(200);
  });
});

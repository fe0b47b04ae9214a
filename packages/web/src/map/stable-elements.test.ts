import { describe, expect, it } from 'vitest';
import { keepUnchanged, sameData } from './stable-elements.ts';

describe('keepUnchanged', () => {
  const node = (id: string, summary: string) => ({
    id,
    position: { x: 1, y: 2 },
    data: { title: id, summary, ports: ['next'] },
  });

  it('keeps the earlier objects of elements that did not change', () => {
    const before = [node('a', 'Audience (10)'), node('b', '3 days')];
    const after = [node('a', 'Audience (12)'), node('b', '3 days')];
    const kept = keepUnchanged(before, after);
    expect(kept[0]).toBe(after[0]);
    expect(kept[1]).toBe(before[1]);
  });

  it('returns the earlier list itself when nothing changed', () => {
    const before = [node('a', 'x'), node('b', 'y')];
    expect(keepUnchanged(before, [node('a', 'x'), node('b', 'y')])).toBe(before);
  });

  it('follows the new order, additions and removals', () => {
    const before = [node('a', 'x'), node('b', 'y')];
    const kept = keepUnchanged(before, [node('b', 'y'), node('c', 'z')]);
    expect(kept.map((n) => n.id)).toEqual(['b', 'c']);
    expect(kept[0]).toBe(before[1]);
    expect(kept).not.toBe(before);
  });
});

describe('sameData', () => {
  it('compares plain data by value and other objects by identity', () => {
    expect(sameData({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameData([1, 2], [2, 1])).toBe(false);
    expect(sameData(new Date(0), new Date(0))).toBe(false);
  });
});

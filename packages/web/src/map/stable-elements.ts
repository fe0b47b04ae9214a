/**
 * Keeps the node and edge objects React Flow already has when a new conversion of the map
 * produced equal ones. The map is converted again whenever a name, a count or the language
 * arrives; without this every one of 150 node cards and their paths would be drawn again for a
 * change that concerns one of them (the audience's size, say).
 */
import { useMemo, useState } from 'react';

/** Structural equality of plain data (objects, arrays, primitives); other objects by identity. */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameData(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  const plain = (value: object) => {
    const proto = Object.getPrototypeOf(value) as unknown;
    return proto === Object.prototype || proto === null;
  };
  if (!plain(a) || !plain(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  const other = b as Record<string, unknown>;
  return keys.every(
    (key) => Object.hasOwn(other, key) && sameData((a as Record<string, unknown>)[key], other[key]),
  );
}

/**
 * `next` with every element that equals the element of the same id in `previous` replaced by
 * that earlier object; `previous` itself when nothing changed at all.
 */
export function keepUnchanged<T extends { id: string }>(
  previous: readonly T[] | undefined,
  next: readonly T[],
): readonly T[] {
  if (!previous) return next;
  const before = new Map(previous.map((element) => [element.id, element]));
  let changed = previous.length !== next.length;
  const kept = next.map((element, i) => {
    const old = before.get(element.id);
    if (old !== undefined && sameData(old, element)) {
      if (previous[i] !== old) changed = true;
      return old;
    }
    changed = true;
    return element;
  });
  return changed ? kept : previous;
}

/**
 * `elements`, keeping the objects of the previous render that are equal to their new version.
 * The box is a cache, not state: whatever it holds, the list returned equals `elements`, so a
 * render React throws away cannot make a later one wrong.
 */
export function useStableElements<T extends { id: string }>(elements: readonly T[]): T[] {
  const [last] = useState<{ list?: readonly T[] }>(() => ({}));
  return useMemo(() => {
    const kept = keepUnchanged(last.list, elements);
    // eslint-disable-next-line react-hooks/immutability -- a cache (see above), not render state
    last.list = kept;
    return kept as T[];
  }, [elements, last]);
}

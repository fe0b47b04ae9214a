/**
 * Undo / redo as three pure stacks. Typing in a field produces one edit per keystroke; edits that
 * carry the same `coalesce` key one after the other replace the present instead of stacking up,
 * so one undo takes back the whole field change.
 */

export interface EditHistory<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The coalesce key of the edit that made `present`, if any. */
  lastKey?: string;
}

/** How many steps back undo can go. */
export const historyLimit = 200;

export function createHistory<T>(present: T): EditHistory<T> {
  return { past: [], present, future: [] };
}

/** Records an edit; the redo stack is dropped, as in every editor. */
export function pushEdit<T>(history: EditHistory<T>, next: T, coalesce?: string): EditHistory<T> {
  if (next === history.present) return history;
  if (coalesce !== undefined && coalesce === history.lastKey) {
    return { past: history.past, present: next, future: [], lastKey: coalesce };
  }
  const past = [...history.past, history.present].slice(-historyLimit);
  return coalesce === undefined
    ? { past, present: next, future: [] }
    : { past, present: next, future: [], lastKey: coalesce };
}

export function canUndo<T>(history: EditHistory<T>): boolean {
  return history.past.length > 0;
}

export function canRedo<T>(history: EditHistory<T>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: EditHistory<T>): EditHistory<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
  };
}

export function redo<T>(history: EditHistory<T>): EditHistory<T> {
  const [next, ...future] = history.future;
  if (next === undefined) return history;
  return { past: [...history.past, history.present], present: next, future };
}

/**
 * Local drafts of a saved value: the form edits the draft (which may hold incomplete rows that
 * must not be saved yet) and hands on only what the draft commits to. When the saved value
 * changes from outside — undo, redo, the JSON field — the draft starts again from it.
 */
import { useState } from 'react';

export function useDraft<V, D>(
  value: V,
  toDraft: (value: V) => D,
  commit: (draft: D) => V,
  onChange: (value: V) => void,
): [D, (draft: D) => void] {
  const incoming = JSON.stringify(value ?? null);
  const [seen, setSeen] = useState(incoming);
  const [draft, setDraft] = useState(() => toDraft(value));
  let current = draft;
  if (incoming !== seen) {
    // Adjusting state while rendering is React's documented way to reset on a prop change.
    current = toDraft(value);
    setSeen(incoming);
    setDraft(current);
  }
  const update = (next: D) => {
    setDraft(next);
    const committed = commit(next);
    const json = JSON.stringify(committed ?? null);
    if (json !== seen) {
      setSeen(json);
      onChange(committed);
    }
  };
  return [current, update];
}

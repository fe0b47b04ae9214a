/**
 * The editor's state outside React: the edit history of the definition, changed only through
 * `apply`, `undo` and `redo`. Keeping it in a small store (read with `useSyncExternalStore`) lets
 * an edit answer synchronously whether it was refused, which a state updater cannot.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { EditError, EditResult } from './definition-edits.ts';
import {
  canRedo,
  canUndo,
  createHistory,
  pushEdit,
  redo,
  undo,
  type EditHistory,
} from './edit-history.ts';

export type Edit = (definition: JourneyDefinition) => EditResult;

export interface EditorStore {
  getSnapshot(): EditHistory<JourneyDefinition>;
  subscribe(listener: () => void): () => void;
  /** Runs `edit` on the present definition; a refusal changes nothing and is returned. */
  apply(edit: Edit, coalesce?: string): EditError | undefined;
  undo(): void;
  redo(): void;
}

export function createEditorStore(initial: JourneyDefinition): EditorStore {
  let history = createHistory(initial);
  const listeners = new Set<() => void>();
  const set = (next: EditHistory<JourneyDefinition>) => {
    if (next === history) return;
    history = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => history,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply(edit, coalesce) {
      const result = edit(history.present);
      if (!result.ok) return result.error;
      set(pushEdit(history, result.value, coalesce));
      return undefined;
    },
    undo: () => {
      if (canUndo(history)) set(undo(history));
    },
    redo: () => {
      if (canRedo(history)) set(redo(history));
    },
  };
}

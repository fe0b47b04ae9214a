/**
 * The editor's state as one hook: the edit store and its history, edits that tell the user when
 * they are refused, client-side validation of every version, and Ctrl+Z / Ctrl+Shift+Z.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import {
  hasBlockingProblems,
  uncheckedReferences,
  validateJourney,
  type Problem,
} from '@caravan/core/journey/validation';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useNotify } from '../layout/notifications.tsx';
import type { EditHistory } from './edit-history.ts';
import { createEditorStore, type Edit, type EditorStore } from './editor-store.ts';

/** Validation as the server does it, minus references (the server checks those; SPEC §3). */
function validateOnClient(journey: ApiJourney, definition: JourneyDefinition): Problem[] {
  return validateJourney(
    { name: journey.name, definition, schedule: journey.schedule, settings: journey.settings },
    { now: new Date(), references: uncheckedReferences, nameTaken: false, selfId: journey.id },
  );
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/** Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) anywhere but in a text field, which keeps its own undo. */
function useUndoKeys(store: EditorStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}

export interface JourneyEditorState {
  store: EditorStore;
  history: EditHistory<JourneyDefinition>;
  definition: JourneyDefinition;
  /** Runs an edit; false (and a notification saying why) when it is refused. */
  run: (edit: Edit, coalesce?: string) => boolean;
  problems: Problem[];
  problemsByNode: ReadonlyMap<string, Problem[]>;
  blocked: boolean;
}

export function useJourneyEditor(journey: ApiJourney): JourneyEditorState {
  const { t } = useTranslation();
  const notify = useNotify();
  const [store] = useState(() => createEditorStore(journey.definition));
  const history = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const definition = history.present;
  useUndoKeys(store);

  const problems = useMemo(() => validateOnClient(journey, definition), [journey, definition]);
  const problemsByNode = useMemo(() => {
    const byNode = new Map<string, Problem[]>();
    for (const problem of problems) {
      if (problem.nodeId === undefined) continue;
      byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    }
    return byNode;
  }, [problems]);

  const run = useCallback(
    (edit: Edit, coalesce?: string): boolean => {
      const refused = store.apply(edit, coalesce);
      if (refused) {
        notify({ title: t('editor.refused'), message: t(`editor.editErrors.${refused.code}`) });
      }
      return refused === undefined;
    },
    [store, notify, t],
  );

  return {
    store,
    history,
    definition,
    run,
    problems,
    problemsByNode,
    blocked: hasBlockingProblems(problems),
  };
}

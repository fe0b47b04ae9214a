/**
 * Saves the edited definition 800 ms after the last edit (PATCH `{definition}`), one request at a
 * time and always the newest definition, and says whether everything is saved. Saves name the
 * version the editor loaded (see `startEditSession`); when another tab saved meanwhile the server
 * answers a conflict, and autosave stops for good: saving on would overwrite that tab's work.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api/http-client.ts';
import { startEditSession, updateJourney, type ApiJourney } from '../api/journeys.api.ts';
import { journeyKey } from '../journeys/journey-mutations.ts';

export const autosaveDelayMs = 800;

export type SaveState =
  { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

/*
 * The conflict of each journey, outside React state so that the page around the editor (which
 * offers *Reload*) sees what the editor's autosave ran into.
 */
const conflicts = new Map<string, string>();
const conflictListeners = new Set<() => void>();

function setConflict(journeyId: string, message: string | undefined): void {
  if (message === undefined) conflicts.delete(journeyId);
  else conflicts.set(journeyId, message);
  for (const listener of conflictListeners) listener();
}

function subscribeToConflicts(listener: () => void): () => void {
  conflictListeners.add(listener);
  return () => conflictListeners.delete(listener);
}

/** The message of the version conflict that stopped autosaving this journey, if any. */
export function useSaveConflict(journeyId: string): string | undefined {
  return useSyncExternalStore(subscribeToConflicts, () => conflicts.get(journeyId));
}

function isVersionConflict(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'JOURNEY_VERSION_CONFLICT';
}

export function useAutosave(journeyId: string, definition: JourneyDefinition): SaveState {
  const queryClient = useQueryClient();
  // The version the editor's definition was loaded at (the page renders it from this cache entry).
  const [loadedVersion] = useState(
    () => queryClient.getQueryData<ApiJourney>(journeyKey(journeyId))?.version,
  );
  const [saved, setSaved] = useState(definition);
  const [failure, setFailure] = useState<{ for: JourneyDefinition; message: string } | null>(null);
  const [conflict, setConflictMessage] = useState<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ definition, saved, conflict });

  useEffect(() => {
    latest.current = { definition, saved, conflict };
  }, [definition, saved, conflict]);

  useEffect(() => {
    if (conflict !== null || definition === saved) return;
    const timer = setTimeout(() => {
      chain.current = chain.current.then(() => {
        // A save queued before a conflict answered must not go out after it.
        if (latest.current.conflict !== null) return;
        return updateJourney(journeyId, { definition }).then(
          (journey) => {
            queryClient.setQueryData(journeyKey(journeyId), journey);
            setFailure(null);
            setSaved(definition);
          },
          (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            if (isVersionConflict(error)) {
              latest.current = { ...latest.current, conflict: message };
              setConflictMessage(message);
              setConflict(journeyId, message);
            } else {
              setFailure({ for: definition, message });
            }
          },
        );
      });
    }, autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [definition, saved, conflict, journeyId, queryClient]);

  // One effect for both, so that the last save below still goes out inside the edit session.
  useEffect(() => {
    const endSession =
      loadedVersion === undefined ? () => {} : startEditSession(journeyId, loadedVersion);
    return () => {
      // Leaving the map with an edit still waiting for its timer saves it right away.
      const { definition: last, saved: stored, conflict: stopped } = latest.current;
      if (last !== stored && stopped === null) {
        void updateJourney(journeyId, { definition: last }).catch(() => {});
      }
      endSession();
      setConflict(journeyId, undefined);
    };
  }, [journeyId, loadedVersion]);

  if (conflict !== null) return { kind: 'failed', message: conflict };
  if (failure && failure.for === definition) return { kind: 'failed', message: failure.message };
  return definition === saved ? { kind: 'saved' } : { kind: 'saving' };
}

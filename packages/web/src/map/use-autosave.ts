/**
 * Saves the edited definition 800 ms after the last edit (PATCH `{definition}`), one request at a
 * time and always the newest definition, and says whether everything is saved.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { updateJourney } from '../api/journeys.api.ts';
import { journeyKey } from '../journeys/journey-mutations.ts';

export const autosaveDelayMs = 800;

export type SaveState =
  { kind: 'saved' } | { kind: 'saving' } | { kind: 'failed'; message: string };

export function useAutosave(journeyId: string, definition: JourneyDefinition): SaveState {
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState(definition);
  const [failure, setFailure] = useState<{ for: JourneyDefinition; message: string } | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef({ definition, saved });

  useEffect(() => {
    latest.current = { definition, saved };
  }, [definition, saved]);

  useEffect(() => {
    if (definition === saved) return;
    const timer = setTimeout(() => {
      chain.current = chain.current.then(() =>
        updateJourney(journeyId, { definition }).then(
          (journey) => {
            queryClient.setQueryData(journeyKey(journeyId), journey);
            setFailure(null);
            setSaved(definition);
          },
          (error: unknown) =>
            setFailure({
              for: definition,
              message: error instanceof Error ? error.message : String(error),
            }),
        ),
      );
    }, autosaveDelayMs);
    return () => clearTimeout(timer);
  }, [definition, saved, journeyId, queryClient]);

  // Leaving the map with an edit still waiting for its timer saves it right away.
  useEffect(
    () => () => {
      const { definition: last, saved: stored } = latest.current;
      if (last !== stored) void updateJourney(journeyId, { definition: last }).catch(() => {});
    },
    [journeyId],
  );

  if (failure && failure.for === definition) return { kind: 'failed', message: failure.message };
  return definition === saved ? { kind: 'saved' } : { kind: 'saving' };
}

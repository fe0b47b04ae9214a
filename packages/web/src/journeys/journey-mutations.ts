/** Journey changes as React Query mutations that keep the list and the open journey fresh. */
import type { DuplicationType } from '@caravan/core/journey/journey';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiError } from '../api/http-client.ts';
import {
  createJourney,
  deleteJourney,
  duplicateJourney,
  runLifecycleAction,
  updateJourney,
  type ApiJourney,
  type JourneyEdit,
  type LifecycleAction,
} from '../api/journeys.api.ts';

export const journeyKey = (id: string) => ['journey', id] as const;
export const journeyHistoryKey = (id: string) => ['journey', id, 'history'] as const;
export const journeyListKey = ['journeys'] as const;

function useRefresh() {
  const queryClient = useQueryClient();
  return (journey?: ApiJourney) => {
    if (journey) {
      queryClient.setQueryData(journeyKey(journey.id), journey);
      void queryClient.invalidateQueries({ queryKey: journeyHistoryKey(journey.id) });
    }
    void queryClient.invalidateQueries({ queryKey: journeyListKey });
  };
}

export function useCreateJourney() {
  const refresh = useRefresh();
  return useMutation<ApiJourney, ApiError, { name: string; description: string }>({
    mutationFn: (body) => createJourney(body),
    onSuccess: (journey) => refresh(journey),
  });
}

export function useUpdateJourney(id: string) {
  const refresh = useRefresh();
  return useMutation<ApiJourney, ApiError, JourneyEdit>({
    mutationFn: (patch) => updateJourney(id, patch),
    onSuccess: (journey) => refresh(journey),
  });
}

export function useLifecycleAction(id: string) {
  const refresh = useRefresh();
  return useMutation<ApiJourney, ApiError, LifecycleAction>({
    mutationFn: (action) => runLifecycleAction(id, action),
    onSuccess: (journey) => refresh(journey),
  });
}

export function useDeleteJourney() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => deleteJourney(id),
    onSuccess: (_nothing, id) => {
      queryClient.removeQueries({ queryKey: journeyKey(id) });
      refresh();
    },
  });
}

export interface DuplicateInput {
  name: string;
  description: string;
  type: DuplicationType;
}

export function useDuplicateJourney(id: string) {
  const refresh = useRefresh();
  return useMutation<ApiJourney, ApiError, DuplicateInput>({
    mutationFn: (body) => duplicateJourney(id, body),
    onSuccess: (copy) => refresh(copy),
  });
}

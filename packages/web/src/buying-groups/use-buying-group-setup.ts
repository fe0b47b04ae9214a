/** The solution interests, role templates and stage models, read once and shared by the pages. */
import { useQuery } from '@tanstack/react-query';
import {
  listRoleTemplates,
  listSolutionInterests,
  listStageModels,
} from '../api/buying-groups.api.ts';

export function useSolutionInterests() {
  return useQuery({ queryKey: ['solution-interests'], queryFn: listSolutionInterests });
}

export function useRoleTemplates() {
  return useQuery({ queryKey: ['role-templates'], queryFn: listRoleTemplates });
}

export function useStageModels() {
  return useQuery({ queryKey: ['stage-models'], queryFn: listStageModels });
}

/** A name by id, or the id itself while the list loads or when the thing is gone. */
export function nameOf(items: readonly { id: string; name: string }[] | undefined, id: string) {
  return items?.find((item) => item.id === id)?.name ?? id;
}

/**
 * Suggestions for a condition's value: the values the attribute takes in the data (most frequent
 * first, searched as the user types), so that "Industry is any of" offers Software, Finance …
 */
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listAttributeValues } from '../api/attribute-values.api.ts';

export interface SuggestFor {
  entity: 'account' | 'person';
  attribute: string;
}

export function useValueSuggestions(target: SuggestFor | undefined, search: string): string[] {
  const [settled] = useDebouncedValue(search, 250);
  const values = useQuery({
    queryKey: ['attribute-values', target?.entity, target?.attribute, settled],
    queryFn: () => listAttributeValues({ ...target!, search: settled, limit: 20 }),
    enabled: target !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  return (values.data?.items ?? []).map((v) => String(v.value));
}

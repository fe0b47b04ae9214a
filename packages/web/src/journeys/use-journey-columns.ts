/** The visible columns of the journey list, loaded from and saved to the user's preferences. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getPreference, setPreference } from '../api/auth.api.ts';
import { columnsPreferenceKey, normalizeColumns, type ColumnId } from './journey-columns.ts';

const queryKey = ['preference', columnsPreferenceKey] as const;

export function useJourneyColumns() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey,
    queryFn: async () => normalizeColumns((await getPreference(columnsPreferenceKey)).value),
    staleTime: Infinity,
  });
  const save = useMutation({
    mutationFn: (columns: ColumnId[]) => setPreference(columnsPreferenceKey, columns),
    onMutate: (columns) => queryClient.setQueryData(queryKey, columns),
    onSuccess: ({ value }) => queryClient.setQueryData(queryKey, normalizeColumns(value)),
  });
  return {
    // Until the preference answers (or if it fails) the defaults show, so the list is never empty.
    columns: query.data ?? normalizeColumns(undefined),
    // Settled either way: the table waits for it so that hidden columns never flash.
    ready: !query.isPending,
    save,
  };
}

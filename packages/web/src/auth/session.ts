/** The signed-in user, shared by every page through React Query's cache. */
import type { User } from '@caravan/core/user';
import { useQuery } from '@tanstack/react-query';
import { getMe } from '../api/auth.api.ts';

export const sessionKey = ['session'] as const;

export function useSession() {
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<User> => (await getMe()).user,
    staleTime: Infinity,
  });
}

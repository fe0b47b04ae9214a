/**
 * `created_by`, `updated_by`, `published_by`, `changed_by` hold a user id or an API key id.
 * Queries left-join both `users` and `api_keys` and select `coalesce(user.name, key.name)` and the
 * user's email; this turns that into the `{ id, name, email }` the API shows.
 */
import type { UserRef } from '@caravan/core/journey/journey';

/** Shown when the user or key that acted no longer exists (API keys can be deleted). */
export const unknownActorName = 'Unknown';

export function toUserRef(
  id: string | null,
  name: string | null,
  email: string | null,
): UserRef | null {
  if (id === null) return null;
  return { id, name: name ?? unknownActorName, email: email ?? '' };
}

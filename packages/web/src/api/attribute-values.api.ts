/** The values an attribute takes in the data (`/attribute-values`), for value suggestions. */
import { request } from './http-client.ts';

export interface ValueCount {
  value: string | number | boolean;
  count: number;
}

export function listAttributeValues(q: {
  entity: 'account' | 'person';
  attribute: string;
  search?: string;
  limit?: number;
}): Promise<{ items: ValueCount[] }> {
  const params = new URLSearchParams({
    entity: q.entity,
    attribute: q.attribute,
    limit: String(q.limit ?? 20),
  });
  if (q.search && q.search.trim() !== '') params.set('search', q.search.trim());
  return request('GET', `/attribute-values?${params.toString()}`);
}

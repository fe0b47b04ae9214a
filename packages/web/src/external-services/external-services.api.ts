/** Calls of the external services API (`/external-services`). */
import type { Page, PageQuery } from '../api/b2b.api.ts';
import { pageParams } from '../api/b2b.api.ts';
import { request } from '../api/http-client.ts';

export interface ExternalService {
  id: string;
  name: string;
  url: string;
  /** In the answer to the create, and for admins; absent otherwise. */
  secret?: string;
  timeoutSeconds: number;
  createdAt: string;
  updatedAt: string;
}

export interface ExternalServiceBody {
  name: string;
  url: string;
  timeoutSeconds: number;
  secret?: string;
}

const at = (id: string) => encodeURIComponent(id);

export function listExternalServices(q: PageQuery): Promise<Page<ExternalService>> {
  return request('GET', `/external-services?${pageParams(q)}`);
}

export function createExternalService(body: ExternalServiceBody): Promise<ExternalService> {
  return request('POST', '/external-services', body);
}

export function updateExternalService(
  id: string,
  patch: Partial<ExternalServiceBody>,
): Promise<ExternalService> {
  return request('PATCH', `/external-services/${at(id)}`, patch);
}

export function deleteExternalService(id: string): Promise<void> {
  return request('DELETE', `/external-services/${at(id)}`);
}

/**
 * Reading one external service by id, for pickers that show the chosen service's name (the list
 * and edit calls live with the external services pages).
 */
import type { ExternalService } from '../external-services/external-services.api.ts';
import { request } from './http-client.ts';

export function getExternalService(id: string): Promise<ExternalService> {
  return request('GET', `/external-services/${encodeURIComponent(id)}`);
}

/**
 * Journeys as files (SPEC issue 5, "Journeys as code"): the export URL, and import of a chosen
 * file as a new draft. The server checks the file against the same schema as `caravan import-journey`;
 * its answer's field problems are turned into lines the import dialog can list.
 */
import { ApiError, request } from '../api/http-client.ts';
import type { ApiJourney } from '../api/journeys.api.ts';

/** `GET /journeys/{id}/export` answers with an attachment, so a link downloads it. */
export function exportUrl(journeyId: string): string {
  return `/api/v1/journeys/${encodeURIComponent(journeyId)}/export`;
}

/** The parsed file, or the parser's complaint (a file that is not JSON never reaches the server). */
export function parseJourneyFile(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** `POST /journeys/import`; `name` (when not blank) replaces the file's name. */
export function importJourney(file: unknown, name: string): Promise<ApiJourney> {
  const query =
    name.trim() === '' ? '' : `?${new URLSearchParams({ name: name.trim() }).toString()}`;
  return request('POST', `/journeys/import${query}`, file);
}

interface FieldProblem {
  path?: unknown;
  message?: unknown;
}

/** Every problem of a refused import as one line each: `definition.nodes.0.type: …`. */
export function importProblems(error: Error): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as FieldProblem[]).flatMap((d) => {
    if (typeof d.message !== 'string') return [];
    const path = typeof d.path === 'string' ? d.path.replace(/^body\.?/, '') : '';
    return [path === '' ? d.message : `${path}: ${d.message}`];
  });
}

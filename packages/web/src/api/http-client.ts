/**
 * The one place the web app talks HTTP. Failures are thrown as `ApiError` because React Query
 * turns a rejected promise into the query's/mutation's `error` value — components read that
 * value, they never catch.
 */

export interface ApiProblem {
  code: string;
  message: string;
  severity?: 'error' | 'warning';
  nodeId?: string;
  pathId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The validation problems of a 422 `JOURNEY_INVALID`, if any. */
  get problems(): ApiProblem[] {
    return Array.isArray(this.details) ? (this.details as ApiProblem[]) : [];
  }
}

type UnauthenticatedListener = () => void;
let onUnauthenticated: UnauthenticatedListener = () => {};

/** The app shell registers how to send the user to /login when any call answers 401. */
export function setUnauthenticatedListener(listener: UnauthenticatedListener): void {
  onUnauthenticated = listener;
}

const apiBase = '/api/v1';

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string; details?: unknown } })
    ?.error;
  const apiError = new ApiError(
    response.status,
    error?.code ?? `HTTP_${response.status}`,
    error?.message ?? response.statusText,
    error?.details,
  );
  // A failed sign-in is answered on the login form, not by a redirect to it.
  if (response.status === 401 && !path.startsWith('/auth/')) onUnauthenticated();
  throw apiError;
}

/**
 * The CSV upload. XMLHttpRequest rather than `fetch` because only XHR reports upload progress,
 * which is what the Import page's bar shows; errors are `ApiError`s like every other call.
 */
import { ApiError } from './http-client.ts';

export type ImportEntity = 'accounts' | 'people';

export interface ImportResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
  rejectedNotListed: number;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  let body: { error?: { code?: string; message?: string; details?: unknown } } | undefined;
  try {
    body = JSON.parse(xhr.responseText) as typeof body;
  } catch {
    body = undefined;
  }
  return new ApiError(
    xhr.status,
    body?.error?.code ?? `HTTP_${xhr.status}`,
    body?.error?.message ?? xhr.statusText,
    body?.error?.details,
  );
}

/** Uploads `file` as `text/csv`; `onProgress` gets the uploaded fraction (0..1). */
export function uploadCsv(
  entity: ImportEntity,
  file: Blob,
  onProgress: (fraction: number) => void,
  /** Header → column, custom attribute or '' (skip); headers left out are matched by name. */
  mapping?: Record<string, string>,
): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const query = mapping ? `?mapping=${encodeURIComponent(JSON.stringify(mapping))}` : '';
    xhr.open('POST', `/api/v1/imports/${entity}${query}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201) resolve(JSON.parse(xhr.responseText) as ImportResult);
      else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload failed.'));
    xhr.send(file);
  });
}

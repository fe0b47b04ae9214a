/**
 * The thread that renders previews and test sends (`preview-renderer.ts`): a template can take up
 * to its render limit of CPU, and that time is spent here instead of on the server's event loop.
 * It holds no state besides the compiled-template cache of `@caravan/core/content/template`.
 */
import { parentPort } from 'node:worker_threads';
import { renderEmail } from '@caravan/core/content/email';
import { renderTemplate } from '@caravan/core/content/template';
import type { PreviewJob, PreviewJobResult } from './preview-renderer.ts';

function run(job: PreviewJob): PreviewJobResult {
  if (job.kind === 'email') return renderEmail(job.email, job.context);
  const rendered = renderTemplate(job.message, job.context);
  return rendered.ok ? rendered : { ok: false, error: { ...rendered.error, field: 'message' } };
}

parentPort?.on('message', ({ id, job }: { id: number; job: PreviewJob }) => {
  let result: PreviewJobResult;
  try {
    result = run(job);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    result = { ok: false, error: { code: 'TEMPLATE_INVALID', message, field: 'message' } };
  }
  parentPort?.postMessage({ id, result });
});

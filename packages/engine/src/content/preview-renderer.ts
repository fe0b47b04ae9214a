/**
 * Renders previews off the request path: one worker thread, started on the first preview and
 * kept (unreferenced, so it never holds the process open). A render is bounded by the template
 * limits (`templateLimits.renderLimit`); should the thread still not answer within
 * `previewTimeoutMs`, it is ended and the next preview starts a new one. The server's event loop
 * only ever waits for a message.
 */
import { Worker } from 'node:worker_threads';
import type { Email, RenderedEmail } from '@caravan/core/content/email';
import type { TemplateContext, TemplateError } from '@caravan/core/content/template';
import type { Result } from '@caravan/core/result';

export type PreviewJob =
  | {
      kind: 'email';
      email: Pick<Email, 'subject' | 'preheader' | 'html' | 'text'>;
      context: TemplateContext;
    }
  | { kind: 'sms'; message: string; context: TemplateContext };

type RenderedField = keyof RenderedEmail | 'message';
export type PreviewJobResult = Result<
  RenderedEmail | string,
  TemplateError & { field: RenderedField }
>;

/** A thread with nothing to render for this long is ended; the next preview starts another. */
const idleMs = 10_000;

/** Longer than any render the template limits allow, with room for a cold thread to start. */
export const previewTimeoutMs = 5_000;

interface Pending {
  resolve: (result: PreviewJobResult) => void;
  timer: NodeJS.Timeout;
}

/**
 * The thread runs TypeScript like the process does, through tsx. Node 20 does not apply an
 * `--import tsx` of a worker's `execArgv` to the worker's own entry file, so a two-line bootstrap
 * registers tsx in the thread first and then imports the entry.
 */
function bootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./preview-render.worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
}

const failure = (message: string): PreviewJobResult => ({
  ok: false,
  error: { code: 'TEMPLATE_INVALID', message, field: 'message' },
});

class PreviewThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;

  render(job: PreviewJob, timeoutMs: number): Promise<PreviewJobResult> {
    const worker = this.started();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.restart(`rendering took longer than ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      worker.postMessage({ id, job });
    });
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(bootstrap(), { eval: true });
    worker.unref();
    worker.on('message', ({ id, result }: { id: number; result: PreviewJobResult }) => {
      const pending = this.pending.get(id);
      if (!pending) return;
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve(result);
      if (this.pending.size === 0) this.endWhenIdle();
    });
    worker.on('error', (error) =>
      this.restart(`the preview could not be rendered: ${error.message}`),
    );
    worker.on('exit', () => {
      if (this.worker === worker) this.restart('the preview could not be rendered');
    });
    this.worker = worker;
    return worker;
  }

  private endWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) this.restart('');
    }, idleMs);
    this.idleTimer.unref();
  }

  /** Ends the thread and answers every waiting preview with the reason. */
  private restart(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.resolve(failure(reason));
    }
    void worker?.terminate();
  }
}

const thread = new PreviewThread();

type FieldError<F> = TemplateError & { field: F };

/** `renderEmail` of `@caravan/core/content/email`, on the preview thread. */
export function renderEmailOffThread(
  email: Pick<Email, 'subject' | 'preheader' | 'html' | 'text'>,
  context: TemplateContext,
  timeoutMs = previewTimeoutMs,
): Promise<Result<RenderedEmail, FieldError<RenderedField>>> {
  const { subject, preheader, html, text } = email;
  const job: PreviewJob = { kind: 'email', email: { subject, preheader, html, text }, context };
  return thread.render(job, timeoutMs) as Promise<Result<RenderedEmail, FieldError<RenderedField>>>;
}

/** `renderTemplate` of an SMS message, on the preview thread. */
export function renderSmsOffThread(
  message: string,
  context: TemplateContext,
  timeoutMs = previewTimeoutMs,
): Promise<Result<string, FieldError<RenderedField>>> {
  const job: PreviewJob = { kind: 'sms', message, context };
  return thread.render(job, timeoutMs) as Promise<Result<string, FieldError<RenderedField>>>;
}

import { renderTemplate } from '@caravan/core/content/template';
import { describe, expect, it } from 'vitest';
import { renderEmailOffThread, renderSmsOffThread } from './preview-renderer.ts';

/** Spends the whole render limit: ten million loop steps, stopped by `renderLimit`. */
const slowTemplate =
  '{% for a in (1..100000) %}{% for b in (1..100) %}{{ a }}{% endfor %}{% endfor %}';

/** How often a 5 ms interval ran while `work` was under way (0: the event loop was held). */
async function ticksDuring<T>(work: () => Promise<T> | T): Promise<{ ticks: number; value: T }> {
  let ticks = 0;
  const ticker = setInterval(() => {
    ticks += 1;
  }, 5);
  try {
    ticks = 0;
    const value = await work();
    const during = ticks;
    return { ticks: during, value };
  } finally {
    clearInterval(ticker);
  }
}

describe('previews rendered off the request path', () => {
  it('renders an email with its tokens and fallbacks on the preview thread', async () => {
    const result = await renderEmailOffThread(
      {
        subject: 'Hello {{ person.firstName | default: "there" }}',
        preheader: '',
        html: '<p>{{ account.name }} & co</p>',
        text: '',
      },
      { account: { name: '<Acme>' } },
    );
    expect(result).toEqual({
      ok: true,
      value: {
        subject: 'Hello there',
        preheader: '',
        html: '<p>&lt;Acme&gt; & co</p>',
        text: '<Acme> & co',
      },
    });
  });

  it('keeps the event loop free while a template spends its whole render limit', async () => {
    await renderSmsOffThread('warm-up', {});
    // On the request path, the same template holds the loop for the whole limit …
    const onThread = await ticksDuring(() => renderTemplate(slowTemplate, {}));
    expect(onThread.value.ok).toBe(false);
    expect(onThread.ticks).toBe(0);
    // … on the preview thread the loop keeps ticking and the answer is a template error.
    const offThread = await ticksDuring(() => renderSmsOffThread(slowTemplate, {}));
    expect(offThread.value).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_INVALID', message: expect.stringContaining('limit') },
    });
    // The render takes its whole limit (250 ms): an interval of 5 ms runs dozens of times.
    expect(offThread.ticks).toBeGreaterThanOrEqual(10);
  });

  it('answers a render that outlasts the timeout with a template error and renders again after', async () => {
    const result = await renderSmsOffThread(slowTemplate, {}, 50);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'TEMPLATE_INVALID', message: 'rendering took longer than 50 ms' },
    });
    expect(
      await renderSmsOffThread('Hi {{ person.firstName }}', { person: { firstName: 'Ada' } }),
    ).toEqual({
      ok: true,
      value: 'Hi Ada',
    });
  });
});

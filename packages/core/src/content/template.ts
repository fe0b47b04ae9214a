/**
 * Personalisation of email and SMS content with LiquidJS, configured as a sandbox: templates see
 * only own properties of the plain objects we pass (no prototypes, so no `constructor` or
 * `__proto__` walk), cannot read files (no root, an `fs` that refuses — `include`/`render`/`layout`
 * fail), cannot call unknown filters, and are bounded in size, render time and memory. A template
 * error is a value, never a throw.
 *
 * Tokens: `{{account.name}}`, `{{person.firstName | default: "there"}}`, `{{my.Token}}`, and
 * `{{system.unsubscribeUrl}}` filled by the sender.
 */
import { Liquid, LiquidError, type FS, type Template } from 'liquidjs';
import type { Account } from '../b2b/account.ts';
import type { Person } from '../b2b/person.ts';
import { err, ok, type Result } from '../result.ts';

export interface TemplateError {
  code: 'TEMPLATE_INVALID';
  message: string;
}

export type TokenValue = string | number | boolean | null;

/** What a template can see; build it with `tokenContext` so that it holds only plain data. */
export interface TemplateContext {
  account?: Record<string, TokenValue>;
  person?: Record<string, TokenValue>;
  my?: Record<string, TokenValue>;
  system?: Record<string, TokenValue>;
}

const refuse = (): never => {
  throw new Error('Templates cannot read files');
};

/** Every lookup fails, so `include`, `render` and `layout` cannot reach the disk. */
const noFileSystem: FS = {
  exists: () => Promise.resolve(false),
  existsSync: () => false,
  readFile: () => Promise.reject(new Error('Templates cannot read files')),
  readFileSync: refuse,
  resolve: (_dir, file) => file,
  contains: () => Promise.resolve(false),
  containsSync: () => false,
};

/** Limits sized for real emails (a large HTML email is ~100 kB) with room to spare. */
export const templateLimits = {
  /** Characters parsed per template. */
  parseLimit: 500_000,
  /** Milliseconds of rendering per template: this blocks the event loop, so it is kept short. */
  renderLimit: 250,
  /** Approximate bytes a render may allocate (strings, arrays). */
  memoryLimit: 20_000_000,
} as const;

function createEngine(escapeHtml: boolean): Liquid {
  return new Liquid({
    fs: noFileSystem,
    root: [],
    partials: [],
    layouts: [],
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    cache: false,
    relativeReference: false,
    timezoneOffset: 0,
    ...templateLimits,
    ...(escapeHtml ? { outputEscape: 'escape' as const } : {}),
  });
}

/**
 * Made on first use: building an engine registers every tag and filter (about 20 ms each in a
 * browser), which a web page that only imports this module for its types must not pay at load.
 */
const engineCache: Partial<Record<'text' | 'html', Liquid>> = {};
function engine(kind: 'text' | 'html'): Liquid {
  return (engineCache[kind] ??= createEngine(kind === 'html'));
}

/**
 * Parsed templates by source text, so that a batch sending one email to thousands parses it once.
 * Keyed by the text itself, the cache is per content version by construction: an edited email is
 * a new key, and the old entry ages out (least recently used first, at most `compiledCacheSize`).
 */
export const compiledCacheSize = 500;
const compiled = { text: new Map<string, Template[]>(), html: new Map<string, Template[]>() };

function compiledTemplate(kind: 'text' | 'html', source: string): Template[] {
  const cache = compiled[kind];
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return hit;
  }
  const parsed = engine(kind).parse(source);
  cache.set(source, parsed);
  if (cache.size > compiledCacheSize) cache.delete(cache.keys().next().value as string);
  return parsed;
}

export interface RenderOptions {
  /** HTML bodies: every `{{ output }}` is HTML-escaped (use `| raw` to opt out deliberately). */
  escapeHtml?: boolean;
}

/** Renders a template; missing tokens render as empty text. */
export function renderTemplate(
  source: string,
  context: TemplateContext,
  options: RenderOptions = {},
): Result<string, TemplateError> {
  const kind = options.escapeHtml === true ? 'html' : 'text';
  try {
    return ok(engine(kind).renderSync(compiledTemplate(kind, source), context) as string);
  } catch (error) {
    if (error instanceof LiquidError) {
      return err({ code: 'TEMPLATE_INVALID', message: error.message });
    }
    throw error;
  }
}

/** Checks the syntax (and filters) of a template without rendering it. */
export function checkTemplate(source: string): Result<void, TemplateError> {
  try {
    engine('text').parse(source);
    return ok(undefined);
  } catch (error) {
    if (error instanceof LiquidError) {
      return err({ code: 'TEMPLATE_INVALID', message: error.message });
    }
    throw error;
  }
}

/** Copies standard fields and custom attributes into a fresh plain object (standard fields win). */
function flatten(
  record: object,
  attributes: Record<string, TokenValue>,
): Record<string, TokenValue> {
  const flat: Record<string, TokenValue> = Object.assign(Object.create(null), attributes);
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue;
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      flat[key] = value as TokenValue;
    }
  }
  return flat;
}

/** The context for one account and person: `{{account.*}}`, `{{person.*}}`, `{{my.*}}`. */
export function tokenContext(input: {
  account?: Account;
  person?: Person;
  myTokens?: ReadonlyArray<{ name: string; value: string | number }>;
  system?: Record<string, TokenValue>;
}): TemplateContext {
  const context: TemplateContext = {};
  if (input.account !== undefined) {
    context.account = flatten(input.account, input.account.attributes);
  }
  if (input.person !== undefined) context.person = flatten(input.person, input.person.attributes);
  if (input.myTokens !== undefined) {
    const my: Record<string, TokenValue> = Object.create(null);
    for (const token of input.myTokens) my[token.name] = token.value;
    context.my = my;
  }
  if (input.system !== undefined) context.system = flatten(input.system, {});
  return context;
}

/**
 * The server's configuration, read once from the environment by `main()` and passed down.
 * Nothing else reads `process.env`. Every problem is reported at once.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { OutboxChannel } from '@caravan/core/engine/outbox';
import { err, ok, type Result } from '@caravan/core/result';
import { defaultSmtpPoolSize, parseChannelNumbers } from '@caravan/engine/outbox/channel-lanes';
import { parseOutboundAllow } from '@caravan/engine/outbox/outbound-policy';
import { defaultSnsCertUrlPattern } from '@caravan/engine/reports/sns';

/** `<repo>/packages/web/dist`, found from this file so the working directory does not matter. */
const defaultWebDist = resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'on', 'off', 'yes', 'no', ''])
    .optional()
    .transform((v) =>
      v === undefined || v === '' ? fallback : ['1', 'true', 'on', 'yes'].includes(v),
    );

/** `sms:2,webhook:16`: channel:number pairs (`channel-lanes.ts`). */
const channelNumbers = (integer: boolean) =>
  z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return {};
      const parsed = parseChannelNumbers(text, integer);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    });
function isRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function passwordOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const password = decodeURIComponent(new URL(url).password);
  return password === '' ? undefined : password;
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres:\/\/|postgresql:\/\/)/,
      'must start with sqlite:, postgres:// or postgresql://',
    )
    .default('sqlite:./data/caravan.db'),
  // Not z.email(): the default `admin@localhost` has no top-level domain, and that is fine here.
  CARAVAN_ADMIN_EMAIL: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address')
    .default('admin@localhost'),
  CARAVAN_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  CARAVAN_DEMO: flag(true),
  CARAVAN_TEST_CLOCK: flag(false),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CARAVAN_WEB_DIST: z.string().min(1).default(defaultWebDist),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(168),
  COOKIE_SECURE: flag(false),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  SMS_PROVIDER_URL: z.url().optional(),
  /** Signs tracking links, callback tokens and webhooks; generated and stored when unset. */
  CARAVAN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Whether `caravan start` runs the embedded engine worker (on by default). */
  CARAVAN_WORKER: flag(true),
  /** Accounts a worker claims per batch. */
  CARAVAN_WORKER_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  // Sending (docs/operations.md "Sending"): SMTP connections, per-channel concurrency and rates.
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(256).default(defaultSmtpPoolSize),
  CARAVAN_CHANNEL_CONCURRENCY: channelNumbers(true),
  CARAVAN_CHANNEL_RATE: channelNumbers(false),
  /** CIDR ranges outbound HTTP may reach although internal (loopback, private, …). */
  CARAVAN_OUTBOUND_ALLOW: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .superRefine((entries, ctx) => {
      const parsed = parseOutboundAllow(entries);
      if (!parsed.ok)
        for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
    })
    .default([]),
  /** Which proxy hops to trust for the client address (rate limits): a hop count or CIDR list. */
  CARAVAN_TRUST_PROXY: z.string().optional(),
  // Delivery events (issue 12): the keys that authenticate bounces, complaints and SMS statuses.
  CARAVAN_BOUNCE_SIGNING_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  MAILGUN_WEBHOOK_SIGNING_KEY: z.string().min(1).optional(),
  CARAVAN_SNS_TOPIC_ARNS: z.string().optional(),
  CARAVAN_SNS_CERT_URL_PATTERN: z
    .string()
    .refine(isRegExp, 'must be a regular expression')
    .default(defaultSnsCertUrlPattern),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly adminEmail: string;
  readonly adminPassword: string | undefined;
  readonly demo: boolean;
  readonly testClock: boolean;
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly webDist: string;
  readonly sessionTtlHours: number;
  readonly cookieSecure: boolean;
  readonly smtpUrl: string | undefined;
  readonly smsProviderUrl: string | undefined;
  readonly secret: string | undefined;
  readonly worker: boolean;
  readonly workerBatch: number;
  readonly smtpPoolSize: number;
  readonly channelConcurrency: Partial<Record<OutboxChannel, number>>;
  readonly channelRate: Partial<Record<OutboxChannel, number>>;
  /** CARAVAN_OUTBOUND_ALLOW, one CIDR range per entry (checked). */
  readonly outboundAllow: readonly string[];
  /** CARAVAN_TRUST_PROXY as Fastify's `trustProxy` takes it; false when unset. */
  readonly trustProxy: boolean | number | string;
  readonly bounceSigningKey: string | undefined;
  readonly mailgunSigningKey: string | undefined;
  readonly snsTopicArns: readonly string[];
  readonly snsCertUrlPattern: string;
  /** TWILIO_AUTH_TOKEN, or the password of SMS_PROVIDER_URL (Twilio's auth token). */
  readonly twilioAuthToken: string | undefined;
}

export interface ConfigError {
  code: 'INVALID_CONFIG';
  message: string;
  problems: string[];
}

/** Reads and checks every key; an error lists each bad key with its reason. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
): Result<Config, ConfigError> {
  // An empty variable means "not set", as it does in most shells and .env files.
  const present = Object.fromEntries(
    Object.keys(EnvSchema.shape).flatMap((key) => {
      const value = env[key];
      return value === undefined || value === '' ? [] : [[key, value]];
    }),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    return err({
      code: 'INVALID_CONFIG',
      message: `Invalid configuration:\n  ${problems.join('\n  ')}`,
      problems,
    });
  }
  const e = parsed.data;
  return ok(
    Object.freeze({
      port: e.PORT,
      host: e.HOST,
      databaseUrl: e.DATABASE_URL,
      adminEmail: e.CARAVAN_ADMIN_EMAIL,
      adminPassword: e.CARAVAN_ADMIN_PASSWORD,
      demo: e.CARAVAN_DEMO,
      testClock: e.CARAVAN_TEST_CLOCK,
      publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      logLevel: e.LOG_LEVEL,
      webDist: e.CARAVAN_WEB_DIST,
      sessionTtlHours: e.SESSION_TTL_HOURS,
      cookieSecure: e.COOKIE_SECURE,
      smtpUrl: e.SMTP_URL,
      smsProviderUrl: e.SMS_PROVIDER_URL,
      secret: e.CARAVAN_SECRET,
      worker: e.CARAVAN_WORKER,
      workerBatch: e.CARAVAN_WORKER_BATCH,
      smtpPoolSize: e.SMTP_POOL_SIZE,
      channelConcurrency: e.CARAVAN_CHANNEL_CONCURRENCY,
      channelRate: e.CARAVAN_CHANNEL_RATE,
      outboundAllow: Object.freeze([...e.CARAVAN_OUTBOUND_ALLOW]),
      trustProxy: trustProxyOf(e.CARAVAN_TRUST_PROXY),
      bounceSigningKey: e.CARAVAN_BOUNCE_SIGNING_KEY,
      mailgunSigningKey: e.MAILGUN_WEBHOOK_SIGNING_KEY,
      snsTopicArns: (e.CARAVAN_SNS_TOPIC_ARNS ?? '')
        .split(',')
        .map((arn) => arn.trim())
        .filter((arn) => arn !== ''),
      snsCertUrlPattern: e.CARAVAN_SNS_CERT_URL_PATTERN,
      twilioAuthToken: e.TWILIO_AUTH_TOKEN ?? passwordOf(e.SMS_PROVIDER_URL),
    }),
  );
}

/** `1` → 1 hop, `true`/`false`, otherwise a comma-separated list of addresses or CIDRs. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** A configuration for tests: defaults plus overrides, without touching the environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ CARAVAN_DEMO: '0', LOG_LEVEL: 'silent' });
  if (!base.ok) throw new Error(base.error.message);
  return Object.freeze({ ...base.value, ...overrides });
}

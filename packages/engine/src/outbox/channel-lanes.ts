/**
 * Per-channel sending lanes (issue 10 §5, issue 15 "Sending"): each channel has its own queue and
 * its own number of sends in flight, so that a slow or failing provider (an SMS gateway that
 * hangs for its whole 30 s timeout) holds back only its own messages, never the emails.
 *
 * - email: `SMTP_POOL_SIZE` pooled SMTP connections (default 8) and twice as many sends in flight,
 *   so that each connection has its next message ready the moment the relay answers (with only
 *   one per connection, every connection idles while its last message is settled and the next
 *   one rendered: 0.39 of raw nodemailer's rate instead of 0.62 in `bench:send`);
 * - every channel: `CARAVAN_CHANNEL_CONCURRENCY=sms:2,webhook:16` overrides the defaults below;
 * - optional rate limits, since real relays and gateways have them:
 *   `CARAVAN_CHANNEL_RATE=email:50,sms:10` (messages per second; unset = as fast as answered).
 */
import type { OutboxChannel } from '@caravan/core/engine/outbox';

export const outboxChannels: readonly OutboxChannel[] = [
  'email',
  'sms',
  'webhook',
  'external',
  'salesAlert',
];

export const defaultSmtpPoolSize = 8;

/** Email sends in flight per pooled SMTP connection. */
export const emailSendsPerConnection = 2;

/** Sends in flight per channel when nothing is configured (email: twice the SMTP pool size). */
export const defaultChannelConcurrency: Readonly<Record<OutboxChannel, number>> = {
  email: emailSendsPerConnection * defaultSmtpPoolSize,
  sms: 4,
  webhook: 8,
  external: 8,
  salesAlert: 2,
};

export interface ChannelLane {
  channel: OutboxChannel;
  /** Sends in flight at once (also the most a crash of the process can make go out twice). */
  concurrency: number;
  /** At most this many sends started per second; undefined = no limit. */
  ratePerSecond: number | undefined;
}

export interface ChannelSettings {
  smtpPoolSize?: number | undefined;
  concurrency?: Partial<Record<OutboxChannel, number>> | undefined;
  rate?: Partial<Record<OutboxChannel, number>> | undefined;
}

/** The lanes the settings make: one per channel. */
export function channelLanes(settings: ChannelSettings = {}): ChannelLane[] {
  const pool = settings.smtpPoolSize ?? defaultSmtpPoolSize;
  return outboxChannels.map((channel) => ({
    channel,
    concurrency:
      settings.concurrency?.[channel] ??
      (channel === 'email' ? emailSendsPerConnection * pool : defaultChannelConcurrency[channel]),
    ratePerSecond: settings.rate?.[channel],
  }));
}

/**
 * Reads `sms:2,webhook:16` (channel:number pairs); answers the map, or the problem as a sentence.
 * `integer` demands whole numbers ≥ 1 (concurrency); otherwise any number > 0 (a rate).
 */
export function parseChannelNumbers(
  text: string,
  integer: boolean,
): { ok: true; value: Partial<Record<OutboxChannel, number>> } | { ok: false; message: string } {
  const value: Partial<Record<OutboxChannel, number>> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const [name, amount, ...rest] = part.split(':').map((p) => p.trim());
    const channel = outboxChannels.find((c) => c.toLowerCase() === name?.toLowerCase());
    if (channel === undefined || rest.length > 0) {
      return {
        ok: false,
        message: `"${part}" must be <channel>:<number> with a channel among ${outboxChannels.join(', ')}`,
      };
    }
    const n = Number(amount);
    const valid = integer ? Number.isInteger(n) && n >= 1 && n <= 1000 : n > 0 && n <= 100_000;
    if (amount === undefined || amount === '' || !valid) {
      return {
        ok: false,
        message: `"${part}": ${integer ? 'a whole number from 1 to 1000' : 'a number of messages per second above 0'}`,
      };
    }
    value[channel] = n;
  }
  return { ok: true, value };
}

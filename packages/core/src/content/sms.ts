/**
 * An SMS message (SPEC §5): a name (≤ 100 characters, none of \ / : * ? " < > |) and a message of
 * at most 1,600 characters, and how many segments the message costs. Characters are Unicode code
 * points (an emoji is one character of the 1,600, but two UTF-16 units of a UCS-2 segment).
 */
import { z } from 'zod';
import { problem, type Problem } from '../journey/validation/problem.ts';
import { checkTemplate } from './template.ts';

export const smsMessageMaxLength = 1600;

const forbiddenNameCharacters = /[\\/:*?"<>|]/;

export const SmsName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((name) => !forbiddenNameCharacters.test(name), {
    message: 'the name may not contain \\ / : * ? " < > |',
  });

export const SmsMessage = z
  .string()
  .refine((message) => Array.from(message).length <= smsMessageMaxLength, {
    message: `the message may hold at most ${smsMessageMaxLength} characters`,
  });

export const Sms = z.object({
  id: z.string().min(1),
  name: SmsName,
  message: SmsMessage.default(''),
});
export type Sms = z.infer<typeof Sms>;

export const SmsInput = Sms.omit({ id: true });
export type SmsInput = z.infer<typeof SmsInput>;

/** Without defaults: a patch must not reset what it leaves out. */
export const SmsPatch = z.object({ name: SmsName, message: SmsMessage }).partial();
export type SmsPatch = z.infer<typeof SmsPatch>;

/** GSM 03.38 basic character set (the escape at 0x1B left out). */
const gsmBasic = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
      '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
/** GSM 03.38 extension table: each costs two septets (escape + character). */
const gsmExtension = new Set(Array.from('\f^{}\\[~]|€'));

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the message needs. */
  units: number;
}

/** Counts chunks of at most `size` units without splitting a unit group (escape pair, surrogate pair). */
function countChunks(groups: readonly number[], size: number): number {
  let segments = 1;
  let used = 0;
  for (const group of groups) {
    if (used + group > size) {
      segments += 1;
      used = 0;
    }
    used += group;
  }
  return segments;
}

/**
 * Encoding and segment count as carriers bill it: GSM-7 when every character is in the GSM basic
 * or extension table (extension characters take 2 septets), 160 septets in one segment or 153 per
 * segment when concatenated; otherwise UCS-2, 70 units or 67 per segment. An empty message is 0.
 */
export function smsSegments(message: string): SmsSegments {
  const characters = Array.from(message);
  const gsm = characters.every((c) => gsmBasic.has(c) || gsmExtension.has(c));
  const groups = gsm
    ? characters.map((c) => (gsmExtension.has(c) ? 2 : 1))
    : characters.map((c) => c.length);
  const units = groups.reduce((sum, g) => sum + g, 0);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, segments: 0, units };
  return { encoding, segments: units <= single ? 1 : countChunks(groups, multi), units };
}

/** Every problem of the SMS before a journey that sends it is published (SPEC §3). */
export function validateSms(sms: Pick<Sms, 'name' | 'message'>): Problem[] {
  const problems: Problem[] = [];
  const label = `SMS "${sms.name}"`;
  if (sms.message.trim() === '') {
    problems.push({
      code: 'SMS_MESSAGE_MISSING',
      message: `The ${label} has no message.`,
      severity: 'error',
    });
  }
  if (Array.from(sms.message).length > smsMessageMaxLength) {
    problems.push(
      problem('SMS_TOO_LONG', `The ${label} is longer than ${smsMessageMaxLength} characters.`),
    );
  }
  const checked = checkTemplate(sms.message);
  if (!checked.ok) {
    problems.push({
      code: 'SMS_TEMPLATE_INVALID',
      message: `The ${label} has a template error: ${checked.error.message}`,
      severity: 'error',
    });
  }
  return problems;
}

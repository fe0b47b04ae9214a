/** A person (a contact at an account) and what the API accepts to create or change one (SPEC §5). */
import { z } from 'zod';
import { AttributeValues } from './custom-attribute.ts';

/** Email: opted in unless opted out. */
export const EmailConsent = z.enum(['optedIn', 'optedOut']);
export type EmailConsent = z.infer<typeof EmailConsent>;
/** SMS: opted out unless opted in. */
export const SmsConsent = z.enum(['optedIn', 'optedOut']);
export type SmsConsent = z.infer<typeof SmsConsent>;

/** E.164-like: a plus and 7–15 digits; what SMS providers accept. */
export const MobilePhone = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number like +46701234567');

const optionalText = z.string().max(255).nullable();

const personFields = {
  email: z.email().max(254).nullable(),
  mobilePhone: MobilePhone.nullable(),
  firstName: optionalText,
  lastName: optionalText,
  jobTitle: optionalText,
  city: optionalText,
  country: optionalText,
  emailConsent: EmailConsent,
  smsConsent: SmsConsent,
  externalId: optionalText,
  attributes: AttributeValues,
};

export const Person = z.object({ id: z.string().min(1), ...personFields });
export type Person = z.infer<typeof Person>;

/** The standard attribute names rules and tokens can use on a person. */
export const personStandardAttributes = [
  'email',
  'mobilePhone',
  'firstName',
  'lastName',
  'jobTitle',
  'city',
  'country',
  'emailConsent',
  'smsConsent',
  'externalId',
] as const satisfies readonly (keyof Person)[];

/** Create: at least one way to identify the person (email, mobile phone or external id). */
export const PersonInput = z
  .object({
    email: personFields.email.default(null),
    mobilePhone: personFields.mobilePhone.default(null),
    firstName: optionalText.default(null),
    lastName: optionalText.default(null),
    jobTitle: optionalText.default(null),
    city: optionalText.default(null),
    country: optionalText.default(null),
    emailConsent: EmailConsent.default('optedIn'),
    smsConsent: SmsConsent.default('optedOut'),
    externalId: optionalText.default(null),
    attributes: z.record(z.string(), z.unknown()).default({}),
  })
  .refine((p) => p.email !== null || p.mobilePhone !== null || p.externalId !== null, {
    message: 'a person needs an email, a mobile phone or an external id',
    path: ['email'],
  });
export type PersonInput = z.infer<typeof PersonInput>;

/** Patch: any subset; attributes given are merged (a `null` value clears one). */
export const PersonPatch = z
  .object(personFields)
  .extend({ attributes: z.record(z.string(), z.unknown()) })
  .partial();
export type PersonPatch = z.infer<typeof PersonPatch>;

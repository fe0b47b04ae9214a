/** The link between a person and an account, with the person's role there (SPEC §5). */
import { z } from 'zod';

export const AccountMembership = z.object({
  personId: z.string().min(1),
  accountId: z.string().min(1),
  /** Free text such as "Decision maker"; `null` = no role. */
  role: z.string().min(1).max(100).nullable(),
});
export type AccountMembership = z.infer<typeof AccountMembership>;

/** What the API accepts to link a person to an account (the role is optional). */
export const AccountMembershipInput = AccountMembership.omit({ personId: true, accountId: true })
  .partial()
  .transform((m) => ({ role: m.role ?? null }));
export type AccountMembershipInput = z.infer<typeof AccountMembershipInput>;

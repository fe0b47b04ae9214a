/** Users of the product and their roles. */
import { z } from 'zod';

/** admin: everything, users and API keys; manager: journeys and data; viewer: read only. */
export const Role = z.enum(['admin', 'manager', 'viewer']);
export type Role = z.infer<typeof Role>;

export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
});
export type User = z.infer<typeof User>;

/** Whether the role may change anything (viewers may only read and keep their preferences). */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}

/** Whether the role may manage users and API keys. */
export function canAdminister(role: Role): boolean {
  return role === 'admin';
}

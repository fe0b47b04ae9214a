/** Random secrets handed out once (session tokens, API keys); only their sha256 is stored. */
import { createHash, randomBytes } from 'node:crypto';

export const apiKeyPrefix = 'cvn_';

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newApiKey(): string {
  return `${apiKeyPrefix}${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

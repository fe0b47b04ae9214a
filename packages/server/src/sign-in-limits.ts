/**
 * Sign-in limits (`@fastify/rate-limit`), so that guessing passwords is slow without letting
 * anyone lock a user out: attempts are counted per client address (any account) and per client
 * address and account together — never per account alone, which is what would let a stranger
 * make the right password fail for its owner. The counters are checked before the password is
 * (so parallel guesses count too), live in a bounded LRU store, and a refusal is 429
 * `TOO_MANY_REQUESTS` with `Retry-After`. Behind a proxy, CARAVAN_TRUST_PROXY makes the address
 * the client's rather than the proxy's.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from './errors.ts';

/** Attempts per address within a minute, over all accounts. */
export const perAddressPerMinute = 30;
/** Attempts per address and account within 15 minutes. */
export const perAccountPer15Minutes = 10;
/** Addresses (and address + account pairs) remembered at most; the oldest are forgotten. */
const storeSize = 10_000;

function accountOf(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
}

/** Registers the plugin on `app` and answers the preHandler of the sign-in route. */
export async function signInLimits(app: FastifyInstance) {
  await app.register(rateLimit, { global: false, cache: storeSize });
  const perAddress = app.createRateLimit({
    max: perAddressPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request) => `address:${request.ip}`,
  });
  const perAccount = app.createRateLimit({
    max: perAccountPer15Minutes,
    timeWindow: 15 * 60_000,
    keyGenerator: (request) => `account:${request.ip}:${accountOf(request)}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    // Both count every attempt; either refuses.
    const checks = [await perAddress(request), await perAccount(request)];
    const waits = checks.flatMap((check) =>
      !check.isAllowed && check.isExceeded ? [check.ttlInSeconds] : [],
    );
    if (waits.length === 0) return;
    const wait = Math.max(...waits);
    reply.header('retry-after', String(wait));
    return sendError(
      reply,
      'TOO_MANY_REQUESTS',
      `Too many sign-in attempts; try again in ${wait} s.`,
    );
  };
}

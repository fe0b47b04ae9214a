/** Test support: signatures as the providers make them (generic, Mailgun, Twilio). */
import { createHmac } from 'node:crypto';

export { signGeneric, signTwilio } from '@caravan/engine/reports/delivery-sources';

export function signMailgunForTest(key: string): {
  timestamp: string;
  token: string;
  signature: string;
} {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const token = crypto.randomUUID().replace(/-/g, '');
  const signature = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
  return { timestamp, token, signature };
}

/** Where Twilio posts an SMS's status (StatusCallback); the server route of the same path. */
export const twilioStatusPath = '/api/v1/delivery-events/twilio';

export function statusCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${twilioStatusPath}`;
}

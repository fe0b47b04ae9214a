/**
 * Tracked links in SMS (issue 12): before an SMS is sent, each `http(s)://` link of its rendered
 * body is replaced by a short link `{PUBLIC_URL}/s/{code}` (26 characters plus the domain, so a
 * link costs few of the 160 characters of a segment), stored with the message it was sent in. A
 * click records `sms.clicked` on that message — counted in the reports like an email click — and
 * redirects to the URL that was in the SMS, and nowhere else.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '@caravan/core/clock';
import type { Database, Db } from '@caravan/storage/database';
import { findSmsLink, insertSmsLinks, type SmsLink } from '@caravan/storage/sms-link.repository';
import { channelActivityTypes, recordChannelActivity } from './channel-activity.ts';

/** A link in a text message: up to the next space; a sentence's closing punctuation stays out. */
const linkPattern = /https?:\/\/[^\s<>"']+/g;
const trailing = /[.,;:!?)\]]+$/;

/** A new link code: 9 random bytes as 12 URL-safe characters. */
export function newSmsLinkCode(): string {
  return randomBytes(9).toString('base64url');
}

/**
 * Replaces the body's links by short tracked links of the message `outboxId` and stores them;
 * answers the body to send. Without a public URL the body goes as written (a relative link would
 * not open on a phone).
 */
export async function shortenSmsLinks(
  db: Db,
  publicUrl: string,
  outboxId: number,
  body: string,
  now: Date,
): Promise<string> {
  if (publicUrl === '') return body;
  const base = publicUrl.replace(/\/+$/, '');
  const links: SmsLink[] = [];
  const shortened = body.replace(linkPattern, (match) => {
    const tail = trailing.exec(match)?.[0] ?? '';
    const url = match.slice(0, match.length - tail.length);
    const code = newSmsLinkCode();
    links.push({ code, outboxId, url });
    return `${base}/s/${code}${tail}`;
  });
  await insertSmsLinks(db, links, now);
  return shortened;
}

/** Records the click of a short link and answers where it goes; undefined: no such link. */
export async function recordSmsClick(
  deps: { database: Database; clock: Clock },
  code: string,
): Promise<{ url: string } | undefined> {
  const link = await findSmsLink(deps.database.db, code);
  if (link === undefined) return undefined;
  await recordChannelActivity(deps.database.db, {
    type: channelActivityTypes.smsClicked,
    accountId: link.accountId,
    personId: link.personId,
    at: deps.clock.now(),
    properties: {
      journeyId: link.journeyId,
      nodeId: link.nodeId,
      outboxId: link.outboxId,
      url: link.url,
    },
  });
  return { url: link.url };
}

/**
 * Sales alerts (SPEC §2 `sendSalesAlert`): a real email to the addresses of the node, about the
 * account and its buying group for the solution interest — stage, status, completeness,
 * engagement and the members with their roles — so that sales can act without opening Caravan.
 * Operational: no consent check, no tracking.
 */
import type { Account } from '@caravan/core/b2b/account';
import type { OutboxPayload } from '@caravan/core/engine/outbox';
import { findBuyingGroupFor } from '@caravan/storage/buying-group.repository';
import type { Db } from '@caravan/storage/database';
import type { OutboxMessage } from '@caravan/storage/outbox.repository';
import { findPerson } from '@caravan/storage/person.repository';
import { findSolutionInterest } from '@caravan/storage/solution-interest.repository';
import { defaultSender, smtpNotConfigured, type ChannelDeps } from './email-channel.ts';
import { escapeHtml } from './html-escape.ts';
import type { SendContext } from './send-context.ts';
import type { SendOutcome } from './send-outcome.ts';
import { messageIdFor, sendMail } from './smtp-transport.ts';

/** The summary as label/value lines and member lines, rendered twice (text and HTML). */
export interface SalesAlertSummary {
  subject: string;
  facts: Array<[string, string]>;
  members: string[];
}

async function memberLines(db: Db, members: ReadonlyArray<{ personId: string; role: string }>) {
  const lines: string[] = [];
  for (const member of members) {
    const person = await findPerson(db, member.personId);
    const name = [person?.firstName, person?.lastName].filter(Boolean).join(' ');
    const who = [name, person?.email].filter(Boolean).join(' ') || member.personId;
    const title = person?.jobTitle ? `, ${person.jobTitle}` : '';
    lines.push(`${member.role}: ${who}${title}`);
  }
  return lines;
}

export async function salesAlertSummary(
  db: Db,
  account: Account,
  solutionInterestId: string,
): Promise<SalesAlertSummary> {
  const interest = await findSolutionInterest(db, solutionInterestId);
  const interestName = interest?.name ?? solutionInterestId;
  const group = await findBuyingGroupFor(db, solutionInterestId, account.id);
  const facts: Array<[string, string]> = [
    ['Account', account.name],
    ...(account.domain ? [['Domain', account.domain] as [string, string]] : []),
    ...(account.industry ? [['Industry', account.industry] as [string, string]] : []),
    ['Solution interest', interestName],
  ];
  if (group === undefined) {
    facts.push(['Buying group', 'none yet']);
    return { subject: `Sales alert: ${account.name} — ${interestName}`, facts, members: [] };
  }
  facts.push(
    ['Stage', group.stage],
    ['Status', group.status ?? '—'],
    ['Completeness', `${group.completenessScore}%`],
    ['Engagement', `${group.engagementScore}`],
  );
  return {
    subject: `Sales alert: ${account.name} — ${interestName}`,
    facts,
    members: await memberLines(db, group.members),
  };
}

export function salesAlertText(summary: SalesAlertSummary): string {
  const facts = summary.facts.map(([label, value]) => `${label}: ${value}`);
  const members = summary.members.length === 0 ? ['(no members)'] : summary.members;
  return [...facts, '', 'Buying group members:', ...members.map((m) => `- ${m}`)].join('\n');
}

export function salesAlertHtml(summary: SalesAlertSummary): string {
  const rows = summary.facts
    .map(
      ([label, value]) =>
        `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  const members =
    summary.members.length === 0
      ? '<p>No members yet.</p>'
      : `<ul>${summary.members.map((m) => `<li>${escapeHtml(m)}</li>`).join('')}</ul>`;
  return `<html><body><h1>${escapeHtml(summary.subject)}</h1><table>${rows}</table><h2>Buying group members</h2>${members}</body></html>`;
}

export async function sendSalesAlert(
  deps: ChannelDeps,
  message: OutboxMessage,
  payload: Extract<OutboxPayload, { channel: 'salesAlert' }>,
  context: SendContext,
): Promise<SendOutcome> {
  if (deps.smtpUrl === undefined) return smtpNotConfigured;
  if (context.account === undefined) return { kind: 'failed', error: 'The account is gone.' };
  if (payload.to.length === 0)
    return { kind: 'failed', error: 'The sales alert names no recipient.' };
  const summary = await salesAlertSummary(deps.db, context.account, payload.solutionInterestId);
  return sendMail(deps.smtpUrl, deps.smtpPoolSize, {
    from: { name: 'Caravan', address: defaultSender(deps.publicUrl) },
    to: payload.to,
    subject: summary.subject,
    text: salesAlertText(summary),
    html: salesAlertHtml(summary),
    messageId: messageIdFor(message.idempotencyKey),
    headers: { 'X-Caravan-Idempotency-Key': message.idempotencyKey },
  });
}

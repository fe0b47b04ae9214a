/**
 * A timeline entry in the marketer's words: "Email not sent: the person opted out of email",
 * "Took path Software: Industry is Software". The engine's raw code and decision stay available
 * (`rawOf`, shown as a tooltip) for whoever needs the exact value.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { TFunction } from 'i18next';
import type { TimelineEntry } from '../api/journey-runs.api.ts';
import { conditionWords, type MapNames } from '../map/node-text.ts';

/**
 * Codes the send checks and channels record (suppressions, and dead letters caused by the server's
 * setup), each with a sentence (`mapText.reasons.*`).
 */
const knownReasons = [
  'EMAIL_OPTED_OUT',
  'SMS_NOT_OPTED_IN',
  'NO_EMAIL_ADDRESS',
  'NO_MOBILE_PHONE',
  'PERSON_NOT_FOUND',
  'COMMUNICATION_LIMIT',
  'DUPLICATE',
  'SMTP_NOT_CONFIGURED',
  'SMS_PROVIDER_NOT_CONFIGURED',
] as const;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** The entry's raw code, decision, error and path, as recorded. */
export function rawOf(entry: TimelineEntry): string {
  const { reason, decision, error } = entry.detail;
  return [entry.kind, text(reason), text(decision), text(error), entry.port && `port ${entry.port}`]
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join(' · ');
}

function channelWord(t: TFunction, channel: unknown): string {
  return t(`mapText.channels.${text(channel) ?? 'other'}`, {
    defaultValue: t('mapText.channels.other'),
  });
}

function pathWords(
  t: TFunction,
  names: MapNames,
  entry: TimelineEntry,
  definition: JourneyDefinition | undefined,
): string | undefined {
  const node = definition?.nodes.find((n) => n.id === entry.nodeId);
  if (!node || !entry.port) return undefined;
  if (node.type === 'split' || node.type === 'externalSplit') {
    if (entry.port === 'other') return t('mapText.timeline.tookOther');
    const path = node.settings.paths.find((p) => p.id === entry.port);
    if (!path) return undefined;
    return node.type === 'split'
      ? t('mapText.timeline.tookPath', {
          path: path.label,
          condition: conditionWords(t, names, path.condition),
        })
      : t('mapText.timeline.tookPathPlain', { path: path.label });
  }
  if (node.type === 'variantSplit') {
    const path = node.settings.paths.find((p) => p.id === entry.port);
    return path ? t('mapText.timeline.tookVariant', { path: path.label }) : undefined;
  }
  if (node.type === 'event') {
    return entry.port === 'timeout'
      ? t('mapText.timeline.timedOut')
      : t('mapText.timeline.eventHappened');
  }
  return undefined;
}

/** What happened, in words; undefined when the engine said nothing beyond the kind. */
export function timelineWords(
  t: TFunction,
  names: MapNames,
  entry: TimelineEntry,
  definition: JourneyDefinition | undefined,
): string | undefined {
  const { reason, decision, error, channel } = entry.detail;
  const code = knownReasons.find((r) => r === reason);
  switch (entry.kind) {
    case 'suppressed':
    case 'blocked':
    case 'failed': {
      const why = code
        ? t(`mapText.reasons.${code}`)
        : (text(reason) ?? text(error) ?? text(decision) ?? t('mapText.reasons.unknown'));
      return t('mapText.timeline.notSent', { channel: channelWord(t, channel), why });
    }
    case 'sent':
      return t('mapText.timeline.sent', { channel: channelWord(t, channel) });
    case 'queued':
      return t('mapText.timeline.queued', { channel: channelWord(t, channel) });
    case 'exited':
      return t(`mapText.ends.${text(reason) ?? 'completed'}`, {
        defaultValue: text(reason) ?? '',
      });
    case 'step':
      return pathWords(t, names, entry, definition) ?? text(reason) ?? text(decision);
    default:
      return text(reason) ?? text(decision);
  }
}

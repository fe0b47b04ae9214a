/**
 * Which journeys use an audience, account list, email or SMS in a way that deleting it would
 * break: as the source of a journey that is no longer a draft, (lists) as the target of an
 * add/remove-list action of a live journey, or (emails, SMS, solution interests) in an action of a
 * journey that can still act: scheduled, live or closed to new entries (accounts in it go on). Found by scanning the definitions of non-draft journeys — fine while
 * journeys number in the hundreds; an index of references would replace it at scale.
 */
import type { JourneyStatus } from '@caravan/core/journey/status';
import { collectReferences, type ReferenceKind } from '@caravan/core/journey/validation';
import type { Db } from '@caravan/storage/database';
import { listJourneys } from '@caravan/storage/journey.repository';

export interface JourneyUsage {
  journeyId: string;
  journeyName: string;
  status: JourneyStatus;
  nodeId: string;
}

const nonDraft: JourneyStatus[] = ['scheduled', 'live', 'closed', 'aborted', 'completed'];
const stillSending: JourneyStatus[] = ['scheduled', 'live', 'closed'];

function breaksOnDelete(kind: UsageKind, nodeType: string | undefined, status: JourneyStatus) {
  if (nodeType === 'audience') return true;
  if (nodeType !== 'action') return false;
  return kind === 'accountList' ? status === 'live' : stillSending.includes(status);
}

type UsageKind = Extract<
  ReferenceKind,
  'audience' | 'accountList' | 'email' | 'sms' | 'solutionInterest'
>;
const pageSize = 200;

export async function findJourneyUsages(
  db: Db,
  kind: UsageKind,
  id: string,
): Promise<JourneyUsage[]> {
  const usages: JourneyUsage[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { items } = await listJourneys(db, {
      statuses: nonDraft,
      sort: { field: 'createdAt', direction: 'asc' },
      limit: pageSize,
      offset,
    });
    for (const journey of items) {
      const nodeTypes = new Map(journey.definition.nodes.map((n) => [n.id, n.type]));
      for (const reference of collectReferences(journey.definition)) {
        if (reference.kind !== kind || reference.id !== id) continue;
        if (!breaksOnDelete(kind, nodeTypes.get(reference.nodeId), journey.status)) continue;
        usages.push({
          journeyId: journey.id,
          journeyName: journey.name,
          status: journey.status,
          nodeId: reference.nodeId,
        });
      }
    }
    if (items.length < pageSize) return usages;
  }
}

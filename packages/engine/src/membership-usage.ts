/**
 * Which journeys use an audience or account list in a way that deleting it would break: as the
 * source of a journey that is no longer a draft, or (lists) as the target of an add/remove-list
 * action of a live journey. Found by scanning the definitions of non-draft journeys — fine while
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
const pageSize = 200;

export async function findJourneyUsages(
  db: Db,
  kind: Extract<ReferenceKind, 'audience' | 'accountList'>,
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
        const type = nodeTypes.get(reference.nodeId);
        const breaks = type === 'audience' || (type === 'action' && journey.status === 'live');
        if (!breaks) continue;
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

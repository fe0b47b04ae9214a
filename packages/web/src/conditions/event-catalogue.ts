/**
 * The event types a listener or an event-history rule can name: the ones the product records
 * itself (SPEC §2, with the properties the engine writes on them) and the custom types declared
 * under `/event-types`. Field names feed the constraint pickers; typing another name stays allowed.
 */
import type { EventType } from '../api/b2b.api.ts';

export interface CatalogueEvent {
  name: string;
  entity: 'account' | 'person';
  fields: string[];
  custom: boolean;
}

const groupFields = ['solutionInterestId', 'buyingGroupId'];
const changeFields = ['attribute', 'old', 'new', 'custom'];

/** Recorded by the product; property names as the engine writes them. */
export const builtInEvents: readonly CatalogueEvent[] = [
  {
    name: 'interestingMoment',
    entity: 'account',
    fields: ['momentType', 'description'],
    custom: false,
  },
  { name: 'accountAttributeChanged', entity: 'account', fields: changeFields, custom: false },
  {
    name: 'buyingGroupStageChanged',
    entity: 'account',
    fields: [...groupFields, 'old', 'new'],
    custom: false,
  },
  {
    name: 'buyingGroupStatusChanged',
    entity: 'account',
    fields: [...groupFields, 'old', 'new'],
    custom: false,
  },
  {
    name: 'completenessScoreChanged',
    entity: 'account',
    fields: [...groupFields, 'old', 'new'],
    custom: false,
  },
  {
    name: 'engagementScoreChanged',
    entity: 'account',
    fields: [...groupFields, 'old', 'new'],
    custom: false,
  },
  {
    name: 'assignedToBuyingGroup',
    entity: 'person',
    fields: [...groupFields, 'role', 'previousRole', 'source'],
    custom: false,
  },
  {
    name: 'removedFromBuyingGroup',
    entity: 'person',
    fields: [...groupFields, 'role', 'source'],
    custom: false,
  },
  { name: 'personAttributeChanged', entity: 'person', fields: changeFields, custom: false },
  ...[
    'emailDelivered',
    'emailOpened',
    'emailClicked',
    'emailBounced',
    'emailUnsubscribed',
    'smsDelivered',
    'smsClicked',
  ].map((name) => ({
    name,
    entity: 'person' as const,
    fields: ['journeyId', 'nodeId', 'outboxId', 'url'],
    custom: false,
  })),
  { name: 'webPageVisited', entity: 'person', fields: ['url', 'title'], custom: false },
  { name: 'formFilledOut', entity: 'person', fields: ['formName', 'url'], custom: false },
];

/** Built-in then custom types of `entity` (all when undefined); a custom name wins over none. */
export function eventCatalogue(
  custom: readonly EventType[],
  entity?: 'account' | 'person',
): CatalogueEvent[] {
  const builtIn = new Set(builtInEvents.map((e) => e.name));
  const all = [
    ...builtInEvents,
    ...custom
      .filter((e) => !builtIn.has(e.name))
      .map((e) => ({
        name: e.name,
        entity: e.entity,
        fields: e.fields.map((f) => f.name),
        custom: true,
      })),
  ];
  return entity === undefined ? all : all.filter((e) => e.entity === entity);
}

/** The property names of `eventName` to suggest for constraints. */
export function eventFields(catalogue: readonly CatalogueEvent[], eventName: string | undefined) {
  return catalogue.find((e) => e.name === eventName)?.fields ?? [];
}

export type EventGroup = 'email' | 'sms' | 'web' | 'buyingGroups' | 'data' | 'custom';

const groupOf: Readonly<Record<string, EventGroup>> = {
  emailDelivered: 'email',
  emailOpened: 'email',
  emailClicked: 'email',
  emailBounced: 'email',
  emailUnsubscribed: 'email',
  smsDelivered: 'sms',
  smsClicked: 'sms',
  webPageVisited: 'web',
  formFilledOut: 'web',
  buyingGroupStageChanged: 'buyingGroups',
  buyingGroupStatusChanged: 'buyingGroups',
  completenessScoreChanged: 'buyingGroups',
  engagementScoreChanged: 'buyingGroups',
  assignedToBuyingGroup: 'buyingGroups',
  removedFromBuyingGroup: 'buyingGroups',
  interestingMoment: 'data',
  accountAttributeChanged: 'data',
  personAttributeChanged: 'data',
};

export const eventGroupOrder: readonly EventGroup[] = [
  'email',
  'web',
  'custom',
  'sms',
  'buyingGroups',
  'data',
];

/** The events of the catalogue by group, in the order a marketer looks for them. */
export function groupedEvents(
  catalogue: readonly CatalogueEvent[],
): { group: EventGroup; events: CatalogueEvent[] }[] {
  return eventGroupOrder
    .map((group) => ({
      group,
      events: catalogue.filter(
        (e) => (e.custom ? 'custom' : (groupOf[e.name] ?? 'data')) === group,
      ),
    }))
    .filter((g) => g.events.length > 0);
}

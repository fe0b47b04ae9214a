/**
 * Shared test fixtures: a valid journey whose definition holds every node type and every action
 * kind (library and authored emails and SMS). Reused by server tests through
 * `@caravan/core/journey/fixtures.test-support`. Every call returns a fresh copy to mutate.
 *
 * The map (ports in brackets):
 *
 *   audience → accountSplit (by accounts)
 *     [enterprise] → listener (people event, 3-day timeout) [next] → merge
 *                                                           [timeout] → shortWait → merge
 *     [other] → variants (50/50) [a] → salesAlert → merge
 *                                [b] → externalAction [next] → merge, [timeoutOrError] ends
 *   merge → peopleSplit (by people)
 *     [champions] → libraryEmail → librarySms → dateWait     (dateWait is the implicit merge)
 *     [others]    → authoredEmail → assignToGroup → dateWait
 *   dateWait → externalSplit
 *     [fit] → addToJourney → removeFromJourney → addToList → removeFromList → updateAccount
 *             → updateStage → updateStatus → accountMoment → accountWebhook
 *     [other] → authoredSms → removeFromGroup → updatePerson → personMoment → personWebhook
 *     [timeoutOrError] ends
 */
import type { Edge, JourneyDefinition, JourneyNode } from './definition.ts';
import type { JourneySettings, Schedule } from './journey.ts';
import type { ReferenceLookup, ValidationContext } from './validation.ts';

/** The journey the fixtures belong to (an add-to-journey action must point elsewhere). */
export const fixtureJourneyId = '00000000-0000-4000-8000-000000000001';
export const otherJourneyId = '00000000-0000-4000-8000-000000000002';
/** A date far enough ahead that "not in the past" rules hold whenever tests run. */
export const futureDate = '2099-06-01T09:00:00.000Z';

const peopleNodes: JourneyNode[] = [
  {
    id: 'libraryEmail',
    type: 'action',
    settings: { on: 'people', action: { type: 'sendEmail', emailId: 'email-1' } },
  },
  {
    id: 'librarySms',
    type: 'action',
    settings: { on: 'people', action: { type: 'sendSms', smsId: 'sms-1' } },
  },
  {
    id: 'authoredEmail',
    type: 'action',
    settings: {
      on: 'people',
      action: {
        type: 'sendEmail',
        content: {
          subject: 'Welcome, {{person.firstName}}',
          fromName: 'Caravan team',
          fromEmail: 'team@example.com',
          html: '<p>Hello</p><a href="{{unsubscribe}}">Unsubscribe</a>',
          text: 'Hello. Unsubscribe: {{unsubscribe}}',
        },
      },
    },
  },
  {
    id: 'assignToGroup',
    type: 'action',
    settings: {
      on: 'people',
      action: { type: 'assignToBuyingGroup', solutionInterestId: 'si-1', role: 'champion' },
    },
  },
  {
    id: 'authoredSms',
    type: 'action',
    settings: {
      on: 'people',
      action: {
        type: 'sendSms',
        content: { message: 'Thanks for visiting, {{person.firstName}}' },
      },
    },
  },
  {
    id: 'removeFromGroup',
    type: 'action',
    settings: {
      on: 'people',
      action: { type: 'removeFromBuyingGroup', solutionInterestId: 'si-1' },
    },
  },
  {
    id: 'updatePerson',
    type: 'action',
    settings: {
      on: 'people',
      action: { type: 'updatePerson', attribute: 'jobTitle', value: 'Buyer' },
    },
  },
  {
    id: 'personMoment',
    type: 'action',
    settings: {
      on: 'people',
      action: { type: 'interestingMoment', momentType: 'email', description: 'Read the offer' },
    },
  },
  {
    id: 'personWebhook',
    type: 'action',
    settings: {
      on: 'people',
      action: { type: 'webhook', url: 'https://hooks.example.com/person', method: 'POST' },
    },
  },
];

const accountNodes: JourneyNode[] = [
  {
    id: 'salesAlert',
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'sendSalesAlert', solutionInterestId: 'si-1', to: ['sales@example.com'] },
    },
  },
  {
    id: 'addToJourney',
    type: 'action',
    settings: { on: 'accounts', action: { type: 'addToJourney', journeyId: otherJourneyId } },
  },
  {
    id: 'removeFromJourney',
    type: 'action',
    settings: { on: 'accounts', action: { type: 'removeFromJourney', journeyId: otherJourneyId } },
  },
  {
    id: 'addToList',
    type: 'action',
    settings: { on: 'accounts', action: { type: 'addToAccountList', listId: 'list-2' } },
  },
  {
    id: 'removeFromList',
    type: 'action',
    settings: { on: 'accounts', action: { type: 'removeFromAccountList', listId: 'list-2' } },
  },
  {
    id: 'updateAccount',
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'updateAccount', attribute: 'industry', value: 'Software' },
    },
  },
  {
    id: 'updateStage',
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'updateBuyingGroupStage', solutionInterestId: 'si-1', stage: 'Qualified' },
    },
  },
  {
    id: 'updateStatus',
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'updateBuyingGroupStatus', solutionInterestId: 'si-1', status: 'Engaged' },
    },
  },
  {
    id: 'accountMoment',
    type: 'action',
    settings: {
      on: 'accounts',
      action: { type: 'interestingMoment', momentType: 'milestone', description: 'Fit found' },
    },
  },
  {
    id: 'accountWebhook',
    type: 'action',
    settings: {
      on: 'accounts',
      action: {
        type: 'webhook',
        url: 'http://crm.example.com/hook',
        method: 'PUT',
        headers: { 'x-source': 'caravan' },
        body: '{"account":"{{account.name}}"}',
      },
    },
  },
];

const flowNodes: JourneyNode[] = [
  { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: 'aud-1' } },
  {
    id: 'accountSplit',
    type: 'split',
    settings: {
      by: 'accounts',
      otherPath: true,
      paths: [
        {
          id: 'enterprise',
          label: 'Enterprise',
          condition: {
            match: 'all',
            rules: [
              { kind: 'account', attribute: 'employees', operator: 'greaterOrEqual', value: 1000 },
              { kind: 'listMembership', listId: 'list-1', isMember: true },
            ],
          },
        },
      ],
    },
  },
  {
    id: 'listener',
    type: 'event',
    settings: {
      on: 'people',
      event: 'emailOpened',
      constraints: [{ field: 'emailId', operator: 'is', values: ['email-1'] }],
      peopleFilter: {
        match: 'any',
        rules: [
          {
            kind: 'buyingGroup',
            solutionInterestId: 'si-1',
            attribute: 'exists',
            operator: 'exists',
          },
        ],
      },
      timeout: {
        duration: { amount: 3, unit: 'days' },
        mustEndOn: {
          weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
          time: '09:00',
          timeZone: 'Europe/Stockholm',
        },
      },
      timeoutPath: true,
    },
  },
  { id: 'shortWait', type: 'wait', settings: { duration: { amount: 2, unit: 'days' } } },
  {
    id: 'variants',
    type: 'variantSplit',
    settings: {
      by: 'accounts',
      paths: [
        { id: 'a', label: 'Variant A', percent: 50 },
        { id: 'b', label: 'Variant B', percent: 50 },
      ],
    },
  },
  {
    id: 'externalAction',
    type: 'externalAction',
    settings: { serviceId: 'svc-enrich', on: 'accounts', inputs: { tier: 'gold' } },
  },
  { id: 'merge', type: 'merge', settings: {} },
  {
    id: 'peopleSplit',
    type: 'split',
    settings: {
      by: 'people',
      paths: [
        {
          id: 'champions',
          label: 'Champions',
          condition: {
            match: 'all',
            rules: [{ kind: 'role', operator: 'equals', value: 'champion' }],
          },
        },
        {
          id: 'others',
          label: 'Others',
          condition: {
            match: 'all',
            rules: [{ kind: 'person', attribute: 'jobTitle', operator: 'exists' }],
          },
        },
      ],
    },
  },
  {
    id: 'dateWait',
    type: 'wait',
    settings: { date: futureDate, mustEndOn: { time: '10:00', timeZone: 'America/New_York' } },
  },
  {
    id: 'externalSplit',
    type: 'externalSplit',
    settings: {
      serviceId: 'svc-score',
      on: 'accounts',
      otherPath: true,
      paths: [
        {
          id: 'fit',
          label: 'Good fit',
          condition: {
            match: 'all',
            rules: [{ kind: 'account', attribute: 'score', operator: 'greaterThan', value: 50 }],
          },
        },
      ],
    },
  },
];

function chain(ids: readonly string[]): Edge[] {
  return ids.slice(1).map((to, index) => ({ from: ids[index]!, port: 'next', to }));
}

const fixtureEdges: Edge[] = [
  { from: 'audience', port: 'next', to: 'accountSplit' },
  { from: 'accountSplit', port: 'enterprise', to: 'listener' },
  { from: 'accountSplit', port: 'other', to: 'variants' },
  { from: 'listener', port: 'next', to: 'merge' },
  { from: 'listener', port: 'timeout', to: 'shortWait' },
  { from: 'shortWait', port: 'next', to: 'merge' },
  { from: 'variants', port: 'a', to: 'salesAlert' },
  { from: 'variants', port: 'b', to: 'externalAction' },
  { from: 'salesAlert', port: 'next', to: 'merge' },
  { from: 'externalAction', port: 'next', to: 'merge' },
  { from: 'merge', port: 'next', to: 'peopleSplit' },
  { from: 'peopleSplit', port: 'champions', to: 'libraryEmail' },
  { from: 'peopleSplit', port: 'others', to: 'authoredEmail' },
  ...chain(['libraryEmail', 'librarySms', 'dateWait']),
  ...chain(['authoredEmail', 'assignToGroup', 'dateWait']),
  { from: 'dateWait', port: 'next', to: 'externalSplit' },
  { from: 'externalSplit', port: 'fit', to: 'addToJourney' },
  { from: 'externalSplit', port: 'other', to: 'authoredSms' },
  ...chain([
    'addToJourney',
    'removeFromJourney',
    'addToList',
    'removeFromList',
    'updateAccount',
    'updateStage',
    'updateStatus',
    'accountMoment',
    'accountWebhook',
  ]),
  ...chain(['authoredSms', 'removeFromGroup', 'updatePerson', 'personMoment', 'personWebhook']),
];

/** A valid definition with every node type and every action kind. */
export function everyNodeDefinition(): JourneyDefinition {
  return structuredClone({
    nodes: [...flowNodes, ...accountNodes, ...peopleNodes],
    edges: fixtureEdges,
  });
}

/** Starts now and ends a year later: valid for any `now`. */
export function validSchedule(now: Date): Schedule {
  const end = new Date(now.getTime());
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  return { start: 'immediately', end: end.toISOString() };
}

export function validSettings(): JourneySettings {
  return {
    reEntry: {
      enabled: true,
      entryLimit: 3,
      delay: { amount: 7, unit: 'days' },
      measuredFrom: 'end',
    },
    emailDeduplication: true,
    myTokens: [{ name: 'Offer', type: 'text', value: '20% off' }],
  };
}

/** Everything `validateJourney` needs for a fully valid journey. */
export function validJourney(now: Date): {
  name: string;
  definition: JourneyDefinition;
  schedule: Schedule;
  settings: JourneySettings;
} {
  return {
    name: 'Onboarding',
    definition: everyNodeDefinition(),
    schedule: validSchedule(now),
    settings: validSettings(),
  };
}

/** Every referenced thing exists and is usable. */
export const usableReferences: ReferenceLookup = { lookup: () => ({ state: 'usable' }) };

export function validationContext(
  now: Date,
  overrides: Partial<ValidationContext> = {},
): ValidationContext {
  return {
    now,
    references: usableReferences,
    nameTaken: false,
    selfId: fixtureJourneyId,
    ...overrides,
  };
}

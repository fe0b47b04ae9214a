/**
 * The title of a node as the map shows it and as messages name it ("Wait 5 days", "Send email").
 * The web canvas uses it as each node's accessible name (SPEC §6), so it is English and stable.
 */
import { assertNever } from '../result.ts';
import type {
  AccountAction,
  Duration,
  JourneyNode,
  NodeOfType,
  PeopleAction,
  Timing,
} from './definition.ts';

type ActionType = AccountAction['type'] | PeopleAction['type'];

/** The name of every action kind, as the action picker lists it. */
export const actionTitles: Readonly<Record<ActionType, string>> = {
  addToJourney: 'Add to journey',
  removeFromJourney: 'Remove from journey',
  addToAccountList: 'Add to account list',
  removeFromAccountList: 'Remove from account list',
  sendSalesAlert: 'Send sales alert',
  updateAccount: 'Update account',
  updateBuyingGroupStage: 'Update buying group stage',
  updateBuyingGroupStatus: 'Update buying group status',
  interestingMoment: 'Interesting moment',
  webhook: 'Call webhook',
  sendEmail: 'Send email',
  sendSms: 'Send SMS',
  assignToBuyingGroup: 'Assign to buying group',
  removeFromBuyingGroup: 'Remove from buying group',
  updatePerson: 'Update person',
};

/** The names of the node menu (SPEC §6), used while a node has nothing more specific to show. */
export const nodeTypeTitles: Readonly<Record<JourneyNode['type'], string>> = {
  audience: 'Account audience',
  action: 'Take an action',
  event: 'Listen for an event',
  split: 'Split paths',
  variantSplit: 'Variant split paths',
  merge: 'Merge paths',
  wait: 'Wait',
  externalAction: 'External action',
  externalSplit: 'External split paths',
};

/** What the node does, in a few words: its action, its wait, or its kind. */
export function nodeTitle(node: JourneyNode): string {
  switch (node.type) {
    case 'audience':
      return node.settings.source === 'accountList' ? 'Account list' : nodeTypeTitles.audience;
    case 'action':
      return node.settings.action ? actionTitles[node.settings.action.type] : nodeTypeTitles.action;
    case 'wait':
      return waitTitle(node);
    case 'event':
    case 'split':
    case 'variantSplit':
    case 'merge':
    case 'externalAction':
    case 'externalSplit':
      return nodeTypeTitles[node.type];
    default:
      return assertNever(node);
  }
}

function waitTitle(node: NodeOfType<'wait'>): string {
  const timing: Timing = node.settings;
  if (timing.duration) return `Wait ${durationText(timing.duration)}`;
  // The date as written (its own offset), minute precision: what the marketer typed in.
  if (timing.date) return `Wait until ${timing.date.slice(0, 16).replace('T', ' ')}`;
  return nodeTypeTitles.wait;
}

/** "5 days", "1 hour". */
export function durationText(duration: Duration): string {
  const unit = duration.amount === 1 ? duration.unit.slice(0, -1) : duration.unit;
  return `${duration.amount} ${unit}`;
}

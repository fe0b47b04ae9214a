/**
 * What a definition points at by id (audiences, lists, journeys, emails, SMS, solution interests,
 * external services) and the problems the storage layer's answers about them make.
 */
import type { Condition } from '../../conditions/condition.ts';
import { assertNever } from '../../result.ts';
import type { AccountAction, JourneyDefinition, JourneyNode, PeopleAction } from '../definition.ts';
import type { Reference, ReferenceKind, ReferenceLookup } from './context.ts';
import { problem, type Problem } from './problem.ts';
import { quoteNode } from './structure.rules.ts';

/** Every reference a definition makes, once per (kind, id, node), in node order. */
export function collectReferences(definition: JourneyDefinition): Reference[] {
  const seen = new Set<string>();
  const references: Reference[] = [];
  for (const node of definition.nodes) {
    for (const [kind, id] of nodeReferences(node)) {
      if (id === undefined) continue;
      const key = JSON.stringify([kind, id, node.id]);
      if (seen.has(key)) continue;
      seen.add(key);
      references.push({ kind, id, nodeId: node.id });
    }
  }
  return references;
}

type Found = [ReferenceKind, string | undefined];

function nodeReferences(node: JourneyNode): Found[] {
  switch (node.type) {
    case 'audience':
      return node.settings.source === undefined
        ? []
        : [[node.settings.source, node.settings.sourceId]];
    case 'action':
      return node.settings.action ? actionReferences(node.settings.action) : [];
    case 'event':
      return node.settings.peopleFilter ? conditionReferences(node.settings.peopleFilter) : [];
    case 'split':
      return node.settings.paths.flatMap((path) =>
        path.condition ? conditionReferences(path.condition) : [],
      );
    case 'externalSplit':
      return [
        ['externalService', node.settings.serviceId],
        ...node.settings.paths.flatMap((path) =>
          path.condition ? conditionReferences(path.condition) : [],
        ),
      ];
    case 'externalAction':
      return [['externalService', node.settings.serviceId]];
    case 'variantSplit':
    case 'merge':
    case 'wait':
      return [];
    default:
      return assertNever(node);
  }
}

function actionReferences(action: AccountAction | PeopleAction): Found[] {
  switch (action.type) {
    case 'addToJourney':
    case 'removeFromJourney':
      return [['journey', action.journeyId]];
    case 'addToAccountList':
    case 'removeFromAccountList':
      return [['accountList', action.listId]];
    case 'sendSalesAlert':
    case 'updateBuyingGroupStage':
    case 'updateBuyingGroupStatus':
    case 'assignToBuyingGroup':
    case 'removeFromBuyingGroup':
      return [['solutionInterest', action.solutionInterestId]];
    case 'sendEmail':
      return [['email', action.emailId]];
    case 'sendSms':
      return [['sms', action.smsId]];
    case 'updateAccount':
    case 'updatePerson':
    case 'interestingMoment':
    case 'webhook':
      return [];
    default:
      return assertNever(action);
  }
}

function conditionReferences(condition: Condition): Found[] {
  return condition.rules.flatMap((rule): Found[] => {
    switch (rule.kind) {
      case 'buyingGroup':
        return [['solutionInterest', rule.solutionInterestId]];
      case 'listMembership':
        return [['accountList', rule.listId]];
      case 'account':
      case 'person':
      case 'role':
      case 'eventHistory':
        return [];
      default:
        return assertNever(rule);
    }
  });
}

const kindNames: Readonly<Record<ReferenceKind, string>> = {
  audience: 'account audience',
  accountList: 'account list',
  journey: 'journey',
  email: 'email',
  sms: 'SMS',
  solutionInterest: 'solution interest',
  externalService: 'external service',
};

/** A problem for each reference the lookup reports missing or unusable; unchecked kinds pass. */
export function referenceProblems(
  definition: JourneyDefinition,
  lookup: ReferenceLookup,
): Problem[] {
  const nodes = new Map(definition.nodes.map((node) => [node.id, node] as const));
  const problems: Problem[] = [];
  for (const reference of collectReferences(definition)) {
    const state = lookup.lookup(reference.kind, reference.id);
    const what = `${kindNames[reference.kind]} "${reference.id}"`;
    const node = nodes.get(reference.nodeId);
    const where = node ? ` in ${quoteNode(node)}` : '';
    const at = { nodeId: reference.nodeId };
    switch (state.state) {
      case 'usable':
      case 'unchecked':
        break;
      case 'missing':
        problems.push(
          problem('REFERENCE_MISSING', `Replace the ${what}${where}: it does not exist.`, at),
        );
        break;
      case 'unusable':
        problems.push(
          problem(
            'REFERENCE_UNUSABLE',
            `Replace the ${what}${where}, or make it usable: ${state.reason.replace(/\.$/, '')}.`,
            at,
          ),
        );
        break;
      default:
        assertNever(state);
    }
  }
  return problems;
}

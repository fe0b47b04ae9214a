import { describe } from 'vitest';
import {
  addEdges,
  extraPaths,
  addNodes,
  all,
  describeRuleCases,
  nodeOf,
  patchSettings,
  removeEdges,
  rewire,
  rule,
  setSettings,
  type RuleCase,
  variantPaths,
  wait,
} from './rule-cases.test-support.ts';

const splitCases: RuleCase[] = [
  {
    when: 'a split splits neither accounts nor people',
    failing: patchSettings('accountSplit', { by: undefined }),
    expected: [{ code: 'SPLIT_BY_MISSING', nodeId: 'accountSplit' }],
    passing: () => {},
  },
  {
    when: 'a variant split splits neither accounts nor people',
    failing: patchSettings('variants', { by: undefined }),
    expected: [{ code: 'SPLIT_BY_MISSING', nodeId: 'variants' }],
    passing: patchSettings('variants', { by: 'accounts' }),
  },
  {
    when: 'a split has more than 25 paths',
    failing: (j) => {
      const split = nodeOf(j.definition, 'accountSplit') as { settings: { paths: unknown[] } };
      split.settings.paths.push(...extraPaths(25));
    },
    expected: [{ code: 'SPLIT_PATH_COUNT', nodeId: 'accountSplit' }],
    passing: (j) => {
      const split = nodeOf(j.definition, 'accountSplit') as { settings: { paths: unknown[] } };
      split.settings.paths.push(...extraPaths(24));
    },
  },
  {
    when: 'a split has no path',
    failing: all(
      patchSettings('externalSplit', { paths: [] }),
      removeEdges((e) => e.from === 'externalSplit' && e.port === 'fit'),
      addEdges({ from: 'externalSplit', port: 'timeoutOrError', to: 'addToJourney' }),
    ),
    expected: [{ code: 'SPLIT_PATH_COUNT', nodeId: 'externalSplit' }],
    passing: () => {},
  },
  {
    when: 'two paths of a split share an id',
    failing: (j) => {
      const split = nodeOf(j.definition, 'accountSplit') as { settings: { paths: unknown[] } };
      split.settings.paths.push({ ...extraPaths(1)[0], id: 'enterprise' });
    },
    expected: [{ code: 'PATH_ID_DUPLICATE', nodeId: 'accountSplit', pathId: 'enterprise' }],
    passing: () => {},
  },
  {
    when: 'a path id is a reserved port name',
    failing: (j) => {
      const split = nodeOf(j.definition, 'externalSplit') as { settings: { paths: unknown[] } };
      split.settings.paths.push({ ...extraPaths(1)[0], id: 'timeoutOrError' });
    },
    expected: [{ code: 'PATH_ID_RESERVED', nodeId: 'externalSplit', pathId: 'timeoutOrError' }],
    passing: (j) => {
      const split = nodeOf(j.definition, 'externalSplit') as { settings: { paths: unknown[] } };
      split.settings.paths.push({ ...extraPaths(1)[0], id: 'timeoutOrErrorPath' });
    },
  },
  {
    when: 'a split path has no condition',
    failing: (j) => {
      const split = nodeOf(j.definition, 'accountSplit') as {
        settings: { paths: { condition?: unknown }[] };
      };
      delete split.settings.paths[0]!.condition;
    },
    expected: [{ code: 'PATH_CONDITION_MISSING', nodeId: 'accountSplit', pathId: 'enterprise' }],
    passing: () => {},
  },
  {
    when: 'an external split path has a condition without rules',
    failing: (j) => {
      const split = nodeOf(j.definition, 'externalSplit') as {
        settings: { paths: { condition?: unknown }[] };
      };
      split.settings.paths[0]!.condition = { match: 'any', rules: [] };
    },
    expected: [{ code: 'PATH_CONDITION_MISSING', nodeId: 'externalSplit', pathId: 'fit' }],
    passing: () => {},
  },
  {
    when: 'a variant split has more than 20 paths',
    failing: patchSettings('variants', { paths: variantPaths([50, 31, ...Array(19).fill(1)]) }),
    expected: [{ code: 'VARIANT_PATH_COUNT', nodeId: 'variants' }],
    passing: patchSettings('variants', { paths: variantPaths([50, 32, ...Array(18).fill(1)]) }),
  },
  {
    when: 'a variant split has one path',
    failing: all(
      patchSettings('variants', { paths: [{ id: 'a', label: 'All', percent: 99 }] }),
      removeEdges((e) => e.from === 'variants' && e.port === 'b'),
      addEdges({ from: 'salesAlert', port: 'next', to: 'externalAction' }),
      removeEdges((e) => e.from === 'salesAlert' && e.to === 'merge'),
    ),
    expected: [
      { code: 'VARIANT_PATH_COUNT', nodeId: 'variants' },
      { code: 'VARIANT_PERCENT_SUM', nodeId: 'variants' },
    ],
    passing: patchSettings('variants', { paths: variantPaths([1, 99]) }),
  },
  {
    when: 'a variant share is missing',
    failing: patchSettings('variants', { paths: variantPaths([undefined, 50]) }),
    expected: [{ code: 'VARIANT_PERCENT_INVALID', nodeId: 'variants', pathId: 'a' }],
    passing: patchSettings('variants', { paths: variantPaths([50, 50]) }),
  },
  {
    when: 'variant shares are outside 1–99 or not whole',
    failing: patchSettings('variants', {
      paths: [...variantPaths([0, 100]), { id: 'c', label: 'C', percent: 0.5 }],
    }),
    expected: [
      { code: 'VARIANT_PERCENT_INVALID', nodeId: 'variants', pathId: 'a' },
      { code: 'VARIANT_PERCENT_INVALID', nodeId: 'variants', pathId: 'b' },
      { code: 'VARIANT_PERCENT_INVALID', nodeId: 'variants', pathId: 'c' },
      { code: 'VARIANT_PERCENT_SUM', nodeId: 'variants' },
    ],
    passing: patchSettings('variants', { paths: variantPaths([99, 1]) }),
  },
  {
    when: 'variant shares do not add up to 100',
    failing: patchSettings('variants', { paths: variantPaths([50, 49]) }),
    expected: [{ code: 'VARIANT_PERCENT_SUM', nodeId: 'variants' }],
    passing: patchSettings('variants', { paths: variantPaths([33, 33, 34]) }),
  },
];

const peopleSplitCases: RuleCase[] = [
  {
    when: 'a people-split path holds an account action',
    failing: setSettings('assignToGroup', {
      on: 'accounts',
      action: { type: 'updateAccount', attribute: 'tier', value: 1 },
    }),
    expected: [
      { code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'assignToGroup', pathId: 'others' },
    ],
    passing: setSettings('assignToGroup', {
      on: 'people',
      action: { type: 'updatePerson', attribute: 'tier', value: 1 },
    }),
  },
  {
    when: 'a people-split path holds a wait',
    failing: all(
      addNodes(wait('pathWait')),
      rewire('libraryEmail', 'next', 'pathWait'),
      addEdges({ from: 'pathWait', port: 'next', to: 'librarySms' }),
    ),
    expected: [{ code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'pathWait', pathId: 'champions' }],
    passing: all(
      addNodes({
        id: 'pathMoment',
        type: 'action',
        settings: {
          on: 'people',
          action: { type: 'interestingMoment', momentType: 'web', description: 'Champion' },
        },
      }),
      rewire('libraryEmail', 'next', 'pathMoment'),
      addEdges({ from: 'pathMoment', port: 'next', to: 'librarySms' }),
    ),
  },
  {
    when: 'the paths of a split by people never join',
    failing: all(addNodes(wait('ownWait')), rewire('assignToGroup', 'next', 'ownWait')),
    expected: [
      { code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'dateWait', pathId: 'champions' },
      { code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'ownWait', pathId: 'others' },
    ],
    // A path that ends by itself is fine: those people are done, the others join at dateWait.
    passing: removeEdges((e) => e.from === 'assignToGroup'),
  },
  {
    when: 'a split by people is nested in another',
    failing: all(
      addNodes({
        id: 'innerSplit',
        type: 'split',
        settings: {
          by: 'people',
          paths: [{ id: 'vip', label: 'VIP', condition: { match: 'all', rules: [rule] } }],
        },
      }),
      rewire('libraryEmail', 'next', 'innerSplit'),
      addEdges({ from: 'innerSplit', port: 'vip', to: 'librarySms' }),
    ),
    expected: [{ code: 'PEOPLE_SPLIT_NESTED', nodeId: 'innerSplit', pathId: 'champions' }],
    // After the implicit merge another split by people is sequential, not nested.
    passing: all(
      addNodes({
        id: 'laterSplit',
        type: 'split',
        settings: {
          by: 'people',
          paths: [{ id: 'vip', label: 'VIP', condition: { match: 'all', rules: [rule] } }],
        },
      }),
      rewire('dateWait', 'next', 'laterSplit'),
      addEdges({ from: 'laterSplit', port: 'vip', to: 'externalSplit' }),
    ),
  },
  {
    when: 'a variant split by people has an account action and an external action on its paths',
    failing: patchSettings('variants', { by: 'people' }),
    expected: [
      { code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'salesAlert', pathId: 'a' },
      { code: 'PEOPLE_SPLIT_NODE_NOT_ALLOWED', nodeId: 'externalAction', pathId: 'b' },
    ],
    passing: () => {},
  },
  {
    when: 'a merge joins only one path',
    failing: all(
      addNodes({ id: 'merge2', type: 'merge', settings: {} }),
      rewire('shortWait', 'next', 'merge2'),
      addEdges({ from: 'merge2', port: 'next', to: 'merge' }),
    ),
    expected: [{ code: 'MERGE_TOO_FEW_INPUTS', nodeId: 'merge2' }],
    passing: all(
      addNodes({ id: 'merge2', type: 'merge', settings: {} }),
      rewire('shortWait', 'next', 'merge2'),
      rewire('listener', 'next', 'merge2'),
      addEdges({ from: 'merge2', port: 'next', to: 'merge' }),
    ),
  },
  {
    when: 'a merge is not below a split by accounts',
    failing: (j) => {
      j.definition = {
        nodes: [
          nodeOf(j.definition, 'audience'),
          nodeOf(j.definition, 'listener'),
          { id: 'merge', type: 'merge', settings: {} },
        ],
        edges: [
          { from: 'audience', port: 'next', to: 'listener' },
          { from: 'listener', port: 'next', to: 'merge' },
          { from: 'listener', port: 'timeout', to: 'merge' },
        ],
      };
    },
    expected: [{ code: 'MERGE_NOT_BELOW_ACCOUNT_SPLIT', nodeId: 'merge' }],
    passing: () => {},
  },
];

describe('splits', () => describeRuleCases(splitCases));

describe('people splits and merges', () => describeRuleCases(peopleSplitCases));

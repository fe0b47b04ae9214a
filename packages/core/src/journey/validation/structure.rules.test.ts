import {
  addEdges,
  addNodes,
  all,
  describeRuleCases,
  patchSettings,
  removeEdges,
  rewire,
  type RuleCase,
  wait,
} from './rule-cases.test-support.ts';

const structureCases: RuleCase[] = [
  {
    when: 'there is no audience node',
    failing: all(
      (j) => void (j.definition.nodes = j.definition.nodes.filter((n) => n.id !== 'audience')),
      removeEdges((e) => e.from === 'audience'),
    ),
    expected: [{ code: 'AUDIENCE_MISSING' }],
    passing: () => {},
  },
  {
    when: 'there is a second audience node',
    failing: addNodes({
      id: 'audience2',
      type: 'audience',
      settings: { source: 'accountList', sourceId: 'list-9' },
    }),
    expected: [{ code: 'AUDIENCE_MULTIPLE', nodeId: 'audience2' }],
    passing: () => {},
  },
  {
    when: 'a path leads into the audience node',
    failing: all(
      addNodes(wait('stray')),
      addEdges({ from: 'stray', port: 'next', to: 'audience' }),
    ),
    expected: [
      { code: 'AUDIENCE_NOT_ROOT', nodeId: 'audience' },
      { code: 'UNREACHABLE_NODE', nodeId: 'stray' },
    ],
    passing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'tail' }),
    ),
  },
  {
    when: 'two nodes share an id',
    failing: addNodes(wait('shortWait')),
    expected: [{ code: 'NODE_ID_DUPLICATE', nodeId: 'shortWait' }],
    passing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'tail' }),
    ),
  },
  {
    when: 'a path leads to a node that does not exist',
    failing: addEdges({ from: 'personWebhook', port: 'next', to: 'ghost' }),
    expected: [{ code: 'DANGLING_EDGE', nodeId: 'personWebhook' }],
    passing: all(
      addNodes(wait('ghost')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'ghost' }),
    ),
  },
  {
    when: 'a path starts at a node that does not exist',
    failing: addEdges({ from: 'ghost', port: 'next', to: 'shortWait' }),
    expected: [{ code: 'DANGLING_EDGE', nodeId: 'shortWait' }],
    passing: () => {},
  },
  {
    when: 'a path leaves a single-path node by a port it does not have',
    failing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'personWebhook', port: 'yes', to: 'tail' }),
    ),
    expected: [{ code: 'INVALID_PORT', nodeId: 'personWebhook' }],
    passing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'tail' }),
    ),
  },
  {
    when: 'a path leaves a listener by timeout while its timeout path is off',
    failing: patchSettings('listener', { timeoutPath: false }),
    expected: [{ code: 'INVALID_PORT', nodeId: 'listener' }],
    passing: patchSettings('listener', { timeoutPath: undefined }),
  },
  {
    when: 'a path leaves a split by other while it has no other path',
    failing: patchSettings('accountSplit', { otherPath: false }),
    expected: [{ code: 'INVALID_PORT', nodeId: 'accountSplit' }],
    passing: patchSettings('accountSplit', { otherPath: true }),
  },
  {
    when: 'a path leaves a variant split by a port that is no variant',
    failing: all(addNodes(wait('tail')), addEdges({ from: 'variants', port: 'c', to: 'tail' })),
    expected: [{ code: 'INVALID_PORT', nodeId: 'variants' }],
    passing: rewire('variants', 'b', 'externalAction'),
  },
  {
    when: 'a port has two paths',
    failing: all(
      addNodes(wait('tail1'), wait('tail2')),
      addEdges(
        { from: 'personWebhook', port: 'next', to: 'tail1' },
        { from: 'personWebhook', port: 'next', to: 'tail2' },
      ),
    ),
    expected: [{ code: 'DUPLICATE_EDGE', nodeId: 'personWebhook' }],
    passing: all(
      addNodes(wait('tail1')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'tail1' }),
    ),
  },
  {
    when: 'a split path has two paths',
    failing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'accountSplit', port: 'enterprise', to: 'tail' }),
    ),
    expected: [{ code: 'DUPLICATE_EDGE', nodeId: 'accountSplit', pathId: 'enterprise' }],
    passing: () => {},
  },
  {
    when: 'the paths form a loop',
    failing: addEdges({ from: 'personWebhook', port: 'next', to: 'removeFromGroup' }),
    expected: [{ code: 'CYCLE', nodeId: 'personWebhook' }],
    passing: all(
      addNodes(wait('tail')),
      addEdges({ from: 'personWebhook', port: 'next', to: 'tail' }),
    ),
  },
  {
    when: 'a node loops to itself',
    failing: addEdges({ from: 'accountWebhook', port: 'next', to: 'accountWebhook' }),
    expected: [{ code: 'CYCLE', nodeId: 'accountWebhook' }],
    passing: () => {},
  },
  {
    when: 'no path from the audience reaches a node',
    failing: addNodes(wait('island')),
    expected: [{ code: 'UNREACHABLE_NODE', nodeId: 'island' }],
    passing: all(
      addNodes(wait('island')),
      addEdges({ from: 'accountWebhook', port: 'next', to: 'island' }),
    ),
  },
];

describeRuleCases(structureCases);

import { newDefinition, type JourneyDefinition } from '@caravan/core/journey/definition';
import { uncheckedReferences, validateDefinition } from '@caravan/core/journey/validation';
import type { Result } from '@caravan/core/result';
import { describe, expect, it } from 'vitest';
import {
  addPath,
  canMergeAt,
  deleteNode,
  deletePath,
  insertNode,
  mergeCandidates,
  movePath,
  setMergeInputs,
  updateSettings,
  type AddableNodeType,
  type EditError,
  type IdGen,
  type PathPlace,
} from './definition-edits.ts';

function counterIds(): IdGen {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

function value<T>(result: Result<T, EditError>): T {
  if (!result.ok) throw new Error(`edit refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The structural codes no edit may ever leave behind. */
const brokenCodes = [
  'DANGLING_EDGE',
  'INVALID_PORT',
  'DUPLICATE_EDGE',
  'CYCLE',
  'UNREACHABLE_NODE',
];

function structureCodes(def: JourneyDefinition): string[] {
  const problems = validateDefinition(def, {
    now: new Date('2030-01-01T00:00:00Z'),
    references: uncheckedReferences,
    nameTaken: false,
  });
  return problems.map((p) => p.code).filter((code) => brokenCodes.includes(code));
}

function insert(def: JourneyDefinition, place: PathPlace, type: AddableNodeType, ids: IdGen) {
  const { definition, nodeId } = value(insertNode(def, place, type, ids));
  expect(structureCodes(definition)).toEqual([]);
  return { definition, nodeId };
}

/** audience → split (path-2, path-3) with a wait on path-2. */
function splitJourney(ids: IdGen) {
  const withSplit = insert(newDefinition(), { from: 'audience', port: 'next' }, 'split', ids);
  const withPath = value(addPath(withSplit.definition, withSplit.nodeId, ids));
  const withWait = insert(withPath, { from: withSplit.nodeId, port: 'path-2' }, 'wait', ids);
  return { definition: withWait.definition, splitId: withSplit.nodeId, waitId: withWait.nodeId };
}

describe('inserting a node', () => {
  it('adds a node at the end of a path with the defaults of its type', () => {
    const ids = counterIds();
    const { definition, nodeId } = insert(
      newDefinition(),
      { from: 'audience', port: 'next' },
      'wait',
      ids,
    );
    expect(definition.edges).toEqual([{ from: 'audience', port: 'next', to: nodeId }]);
    expect(definition.nodes[1]).toEqual({
      id: nodeId,
      type: 'wait',
      settings: { duration: { amount: 5, unit: 'days' } },
    });
  });

  it('puts the new node between the path and its old target, by its first port', () => {
    const ids = counterIds();
    const first = insert(newDefinition(), { from: 'audience', port: 'next' }, 'wait', ids);
    const second = insert(first.definition, { from: 'audience', port: 'next' }, 'event', ids);
    expect(second.definition.edges).toEqual([
      { from: 'audience', port: 'next', to: second.nodeId },
      { from: second.nodeId, port: 'next', to: first.nodeId },
    ]);
  });

  it('gives a new split two paths (one condition path and Other) and a variant split two halves', () => {
    const ids = counterIds();
    const split = insert(newDefinition(), { from: 'audience', port: 'next' }, 'split', ids);
    expect(split.definition.nodes[1]?.settings).toEqual({
      by: 'accounts',
      paths: [{ id: 'path-2', label: 'Path 1' }],
      otherPath: true,
    });
    const variant = insert(
      newDefinition(),
      { from: 'audience', port: 'next' },
      'variantSplit',
      ids,
    );
    const settings = variant.definition.nodes[1]?.settings as { paths: { percent: number }[] };
    expect(settings.paths.map((p) => p.percent)).toEqual([50, 50]);
  });

  it('listens to accounts with a timeout path by default', () => {
    const { definition } = insert(
      newDefinition(),
      { from: 'audience', port: 'next' },
      'event',
      counterIds(),
    );
    expect(definition.nodes[1]?.settings).toEqual({ on: 'accounts', timeoutPath: true });
  });

  it('continues a split path through the new split first path', () => {
    const ids = counterIds();
    const wait = insert(newDefinition(), { from: 'audience', port: 'next' }, 'wait', ids);
    const split = insert(wait.definition, { from: 'audience', port: 'next' }, 'split', ids);
    expect(split.definition.edges).toContainEqual({
      from: split.nodeId,
      port: 'path-3',
      to: wait.nodeId,
    });
  });

  it('refuses a port the node does not have', () => {
    const result = insertNode(
      newDefinition(),
      { from: 'audience', port: 'timeout' },
      'wait',
      counterIds(),
    );
    expect(result.ok ? undefined : result.error.code).toBe('PORT_NOT_FOUND');
  });

  it('refuses Merge paths outside a split by accounts and allows it below one', () => {
    const ids = counterIds();
    const refused = insertNode(newDefinition(), { from: 'audience', port: 'next' }, 'merge', ids);
    expect(refused.ok ? undefined : refused.error.code).toBe('MERGE_NOT_ALLOWED');
    const { definition, splitId } = splitJourney(ids);
    expect(canMergeAt(definition, { from: splitId, port: 'path-3' })).toBe(true);
    insert(definition, { from: splitId, port: 'path-3' }, 'merge', ids);
  });
});

describe('deleting a node', () => {
  it('reconnects the incoming path to what followed the node', () => {
    const ids = counterIds();
    const wait = insert(newDefinition(), { from: 'audience', port: 'next' }, 'wait', ids);
    const event = insert(wait.definition, { from: 'audience', port: 'next' }, 'event', ids);
    const after = value(deleteNode(event.definition, event.nodeId));
    expect(after).toEqual(wait.definition);
    expect(structureCodes(after)).toEqual([]);
  });

  it('refuses to delete a split while a path holds a node, and deletes it once empty', () => {
    const ids = counterIds();
    const { definition, splitId, waitId } = splitJourney(ids);
    const refused = deleteNode(definition, splitId);
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_NOT_EMPTY');
    const emptied = value(deleteNode(definition, waitId));
    const gone = value(deleteNode(emptied, splitId));
    expect(gone).toEqual(newDefinition());
  });

  it('refuses to delete a listener whose timeout path holds a node', () => {
    const ids = counterIds();
    const event = insert(newDefinition(), { from: 'audience', port: 'next' }, 'event', ids);
    const wait = insert(event.definition, { from: event.nodeId, port: 'timeout' }, 'wait', ids);
    const refused = deleteNode(wait.definition, event.nodeId);
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_NOT_EMPTY');
  });

  it('never deletes the audience', () => {
    const refused = deleteNode(newDefinition(), 'audience');
    expect(refused.ok ? undefined : refused.error.code).toBe('AUDIENCE_NOT_DELETABLE');
  });
});

describe('editing the paths of a split', () => {
  it('adds numbered paths with fresh ids', () => {
    const ids = counterIds();
    const { definition, splitId } = splitJourney(ids);
    const more = value(addPath(definition, splitId, ids));
    const split = more.nodes.find((n) => n.id === splitId);
    expect(split?.type === 'split' && split.settings.paths.map((p) => p.label)).toEqual([
      'Path 1',
      'Path 2',
      'Path 3',
    ]);
    expect(structureCodes(more)).toEqual([]);
  });

  it('names new variant paths by letter and stops at 20 paths', () => {
    const ids = counterIds();
    let { definition, nodeId } = insert(
      newDefinition(),
      { from: 'audience', port: 'next' },
      'variantSplit',
      ids,
    );
    definition = value(addPath(definition, nodeId, ids));
    const node = definition.nodes.find((n) => n.id === nodeId);
    expect(node?.type === 'variantSplit' && node.settings.paths[2]?.label).toBe('Variant C');
    for (let i = 3; i < 20; i += 1) definition = value(addPath(definition, nodeId, ids));
    const refused = addPath(definition, nodeId, ids);
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_LIMIT');
    nodeId = 'audience';
    expect(addPath(definition, nodeId, ids).ok).toBe(false);
  });

  it('deletes only an empty path and keeps at least one', () => {
    const ids = counterIds();
    const { definition, splitId } = splitJourney(ids);
    const refused = deletePath(definition, splitId, 'path-2');
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_NOT_EMPTY');
    const one = value(deletePath(definition, splitId, 'path-3'));
    expect(structureCodes(one)).toEqual([]);
    const last = deletePath(value(deleteNode(one, 'wait-4')), splitId, 'path-2');
    expect(last.ok ? undefined : last.error.code).toBe('PATH_LIMIT');
  });

  it('moves a path up and down and refuses to move past the ends', () => {
    const ids = counterIds();
    const { definition, splitId } = splitJourney(ids);
    const moved = value(movePath(definition, splitId, 'path-3', 'up'));
    const split = moved.nodes.find((n) => n.id === splitId);
    expect(split?.type === 'split' && split.settings.paths.map((p) => p.id)).toEqual([
      'path-3',
      'path-2',
    ]);
    expect(moved.edges).toEqual(definition.edges);
    const back = value(movePath(moved, splitId, 'path-3', 'down'));
    expect(back).toEqual(definition);
    const refused = movePath(definition, splitId, 'path-2', 'up');
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_AT_EDGE');
  });
});

describe('updating settings', () => {
  it('replaces the settings of one node', () => {
    const ids = counterIds();
    const { definition, nodeId } = insert(
      newDefinition(),
      { from: 'audience', port: 'next' },
      'wait',
      ids,
    );
    const after = value(
      updateSettings(definition, nodeId, { duration: { amount: 2, unit: 'hours' } }),
    );
    expect(after.nodes[1]?.settings).toEqual({ duration: { amount: 2, unit: 'hours' } });
    expect(definition.nodes[1]?.settings).toEqual({ duration: { amount: 5, unit: 'days' } });
  });

  it('refuses to switch off a timeout path that holds a node, and allows it when empty', () => {
    const ids = counterIds();
    const event = insert(newDefinition(), { from: 'audience', port: 'next' }, 'event', ids);
    const off = { on: 'accounts' as const, timeoutPath: false };
    expect(structureCodes(value(updateSettings(event.definition, event.nodeId, off)))).toEqual([]);
    const wait = insert(event.definition, { from: event.nodeId, port: 'timeout' }, 'wait', ids);
    const refused = updateSettings(wait.definition, event.nodeId, off);
    expect(refused.ok ? undefined : refused.error.code).toBe('PATH_NOT_EMPTY');
  });

  it('turns the Other path of a split on and off', () => {
    const ids = counterIds();
    const { definition, splitId } = splitJourney(ids);
    const split = definition.nodes.find((n) => n.id === splitId);
    if (split?.type !== 'split') throw new Error('no split');
    const on = value(updateSettings(definition, splitId, { ...split.settings, otherPath: true }));
    const withWait = insert(on, { from: splitId, port: 'other' }, 'wait', ids);
    const refused = updateSettings(withWait.definition, splitId, {
      ...split.settings,
      otherPath: false,
    });
    expect(refused.ok).toBe(false);
  });
});

describe('merging paths', () => {
  it('offers the open paths below the split and connects the chosen ones', () => {
    const ids = counterIds();
    const { definition, splitId, waitId } = splitJourney(ids);
    const merge = insert(definition, { from: waitId, port: 'next' }, 'merge', ids);
    expect(mergeCandidates(merge.definition, merge.nodeId)).toEqual([
      { from: splitId, port: 'path-3' },
      { from: splitId, port: 'other' },
      { from: waitId, port: 'next' },
    ]);
    const joined = value(
      setMergeInputs(merge.definition, merge.nodeId, [
        { from: waitId, port: 'next' },
        { from: splitId, port: 'path-3' },
      ]),
    );
    expect(joined.edges.filter((e) => e.to === merge.nodeId)).toHaveLength(2);
    expect(structureCodes(joined)).toEqual([]);
    const unjoined = value(setMergeInputs(joined, merge.nodeId, [{ from: waitId, port: 'next' }]));
    expect(unjoined.edges.filter((e) => e.to === merge.nodeId)).toHaveLength(1);
    expect(structureCodes(unjoined)).toEqual([]);
  });

  it('refuses a path that is not open', () => {
    const ids = counterIds();
    const { definition, splitId, waitId } = splitJourney(ids);
    const merge = insert(definition, { from: waitId, port: 'next' }, 'merge', ids);
    const refused = setMergeInputs(merge.definition, merge.nodeId, [
      { from: splitId, port: 'path-2' },
    ]);
    expect(refused.ok).toBe(false);
  });
});

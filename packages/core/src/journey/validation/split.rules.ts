/**
 * Rules on splitting and joining: split and variant paths, what a split by people may hold, and
 * where a merge may stand.
 */
import type {
  JourneyDefinition,
  JourneyNode,
  NodeOfType,
  SplitPath,
  VariantPath,
} from '../definition.ts';
import { reservedPortNames } from '../node-ports.ts';
import { incomingOf, outgoingOf, reachableFrom, type GraphIndex } from './graph.ts';
import { problem, type Problem } from './problem.ts';
import { quoteNode } from './structure.rules.ts';

/** Path limits of SPEC §2: split 1–25, variant split 2–20. */
export const maxSplitPaths = 25;
export const minVariantPaths = 2;
export const maxVariantPaths = 20;

/** Split and external split paths: how many, unique ids, a condition with a rule each. */
export function splitProblems(node: NodeOfType<'split'> | NodeOfType<'externalSplit'>): Problem[] {
  const at = { nodeId: node.id };
  const { paths } = node.settings;
  const problems: Problem[] = [];
  if (node.type === 'split' && node.settings.by === undefined) {
    problems.push(problem('SPLIT_BY_MISSING', 'Choose whether to split accounts or people.', at));
  }
  if (paths.length < 1 || paths.length > maxSplitPaths) {
    problems.push(
      problem(
        'SPLIT_PATH_COUNT',
        `Give the split between 1 and ${maxSplitPaths} paths (it has ${paths.length}).`,
        at,
      ),
    );
  }
  problems.push(...pathIdProblems(node.id, paths));
  for (const path of paths) {
    if (!path.condition || path.condition.rules.length === 0) {
      problems.push(
        problem('PATH_CONDITION_MISSING', `Add at least one rule to path "${path.label}".`, {
          nodeId: node.id,
          pathId: path.id,
        }),
      );
    }
  }
  return problems;
}

/** Variant paths: 2–20, each a whole 1–99 percent, adding up to exactly 100. */
export function variantSplitProblems(node: NodeOfType<'variantSplit'>): Problem[] {
  const at = { nodeId: node.id };
  const { paths } = node.settings;
  const problems: Problem[] = [];
  if (node.settings.by === undefined) {
    problems.push(problem('SPLIT_BY_MISSING', 'Choose whether to split accounts or people.', at));
  }
  if (paths.length < minVariantPaths || paths.length > maxVariantPaths) {
    problems.push(
      problem(
        'VARIANT_PATH_COUNT',
        `Give the variant split between ${minVariantPaths} and ${maxVariantPaths} paths ` +
          `(it has ${paths.length}).`,
        at,
      ),
    );
  }
  problems.push(...pathIdProblems(node.id, paths));
  const invalid = paths.filter((path) => !isValidPercent(path.percent));
  for (const path of invalid) {
    problems.push(
      problem(
        'VARIANT_PERCENT_INVALID',
        `Set the share of path "${path.label}" to a whole percentage from 1 to 99.`,
        { nodeId: node.id, pathId: path.id },
      ),
    );
  }
  const sum = paths.reduce((total, path) => total + (path.percent ?? 0), 0);
  // A sum is only worth reporting once every share is a number; until then the share is the fix.
  if (paths.every((path) => path.percent !== undefined) && sum !== 100) {
    problems.push(
      problem(
        'VARIANT_PERCENT_SUM',
        `Make the path shares add up to 100% (they add up to ${sum}%).`,
        at,
      ),
    );
  }
  return problems;
}

function isValidPercent(percent: number | undefined): boolean {
  return percent !== undefined && Number.isInteger(percent) && percent >= 1 && percent <= 99;
}

function pathIdProblems(nodeId: string, paths: readonly (SplitPath | VariantPath)[]): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const path of paths) {
    const place = { nodeId, pathId: path.id };
    if (seen.has(path.id)) {
      problems.push(
        problem('PATH_ID_DUPLICATE', `Give path "${path.label}" an id no other path has.`, place),
      );
    }
    if (reservedPortNames.includes(path.id)) {
      problems.push(
        problem(
          'PATH_ID_RESERVED',
          `Rename path id "${path.id}": it is a reserved port name.`,
          place,
        ),
      );
    }
    seen.add(path.id);
  }
  return problems;
}

/** A split or variant split that routes people (rather than whole accounts) into its paths. */
function routesPeople(node: JourneyNode): boolean {
  return (node.type === 'split' || node.type === 'variantSplit') && node.settings.by === 'people';
}

/**
 * The paths of a split by people hold only people Take-an-action nodes and close by themselves
 * (SPEC §2): the implicit merge, where the account continues as one, is any node that two or
 * more of the split's branches reach — or, when no node is shared, the one node (not an action)
 * that every branch going on leads to; branches may also just end. Each branch is walked from
 * its port through people actions up to that point; anything else met on the way is an error,
 * reported on the offending node with the split path it is on.
 */
export function peopleSplitProblems(graph: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  for (const split of graph.nodes.values()) {
    if (!routesPeople(split)) continue;
    const branches = outgoingOf(graph, split.id).map((edge) => ({
      port: edge.port,
      startId: edge.to,
      reach: reachableFrom(graph, [edge.to]),
    }));
    const isShared = (id: string): boolean =>
      branches.filter((branch) => branch.reach.has(id)).length >= 2;
    const soleExit = branches.some((branch) => [...branch.reach].some(isShared))
      ? undefined
      : soleExitOf(graph, branches);
    const isJoin = (node: JourneyNode): boolean => node.id === soleExit || isShared(node.id);
    for (const branch of branches) {
      problems.push(...branchProblems(graph, split.id, branch.port, branch.startId, isJoin));
    }
  }
  return problems;
}

/** The one node past the people actions of every branch, when it is the same one for all. */
function soleExitOf(
  graph: GraphIndex,
  branches: readonly { startId: string }[],
): string | undefined {
  const exits = new Set<string>();
  for (const { startId } of branches) {
    const seen = new Set<string>([startId]);
    const queue = [startId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const node = graph.nodes.get(id)!;
      if (node.type !== 'action' || node.settings.on !== 'people') {
        exits.add(id);
        continue;
      }
      for (const edge of outgoingOf(graph, id)) {
        if (!seen.has(edge.to)) {
          seen.add(edge.to);
          queue.push(edge.to);
        }
      }
    }
  }
  const [only] = exits;
  return exits.size === 1 && graph.nodes.get(only!)?.type !== 'action' ? only : undefined;
}

function branchProblems(
  graph: GraphIndex,
  splitId: string,
  port: string,
  startId: string,
  isJoin: (node: JourneyNode) => boolean,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>([startId]);
  const queue = [startId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const node = graph.nodes.get(id)!;
    if (isJoin(node)) continue;
    const offence = peopleSplitOffence(node, splitId, port);
    if (offence) {
      problems.push(offence);
      continue;
    }
    for (const edge of outgoingOf(graph, id)) {
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return problems;
}

function peopleSplitOffence(node: JourneyNode, splitId: string, port: string): Problem | undefined {
  const place = { nodeId: node.id, pathId: port };
  if (node.type === 'action' && node.settings.on === 'people') return undefined;
  if (routesPeople(node)) {
    return problem(
      'PEOPLE_SPLIT_NESTED',
      `Move ${quoteNode(node)} out of the paths of split "${splitId}": ` +
        'a split by people cannot be inside another split by people.',
      place,
    );
  }
  return problem(
    'PEOPLE_SPLIT_NODE_NOT_ALLOWED',
    `Move ${quoteNode(node)} out of path "${port}" of split "${splitId}": ` +
      'the paths of a split by people hold only people actions.',
    place,
  );
}

/**
 * A merge joins paths of one split by accounts (SPEC §2), so it needs two incoming paths and a
 * splitting ancestor that routes whole accounts: a split or variant split not by people, or an
 * external split.
 */
export function mergeProblems(definition: JourneyDefinition, graph: GraphIndex): Problem[] {
  const problems: Problem[] = [];
  for (const node of definition.nodes) {
    if (node.type !== 'merge' || graph.nodes.get(node.id) !== node) continue;
    const inputs = incomingOf(graph, node.id).length;
    if (inputs < 2) {
      problems.push(
        problem(
          'MERGE_TOO_FEW_INPUTS',
          `Connect at least two paths to ${quoteNode(node)} (it has ${inputs}).`,
          { nodeId: node.id },
        ),
      );
    }
    if (inputs > 0 && !hasAccountSplitAncestor(graph, node.id)) {
      problems.push(
        problem(
          'MERGE_NOT_BELOW_ACCOUNT_SPLIT',
          `Place ${quoteNode(node)} below a split by accounts: it joins the paths of such a split.`,
          { nodeId: node.id },
        ),
      );
    }
  }
  return problems;
}

function hasAccountSplitAncestor(graph: GraphIndex, nodeId: string): boolean {
  const seen = new Set<string>([nodeId]);
  const queue = [nodeId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const edge of incomingOf(graph, id)) {
      if (seen.has(edge.from)) continue;
      seen.add(edge.from);
      const from = graph.nodes.get(edge.from)!;
      const splitsAccounts =
        ((from.type === 'split' || from.type === 'variantSplit') &&
          from.settings.by !== 'people') ||
        from.type === 'externalSplit';
      if (splitsAccounts) return true;
      queue.push(edge.from);
    }
  }
  return false;
}

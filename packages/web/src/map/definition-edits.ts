/**
 * Every edit the map editor makes to a definition, as pure functions (no React) so that each is
 * unit tested and undo/redo is just keeping old values. An edit either gives back a new
 * definition that still has no dangling edge and no edge leaving by a port its node lacks, or
 * refuses with a value saying why (the editor shows the message; nothing changes).
 */
import {
  defaultWait,
  type JourneyDefinition,
  type JourneyNode,
  type NodeOfType,
  type NodeType,
} from '@caravan/core/journey/definition';
import { nodePorts, reservedPortNames } from '@caravan/core/journey/node-ports';
import { assertNever, err, ok, type Result } from '@caravan/core/result';

/** Node types the node menu can add (the audience is always there already). */
export type AddableNodeType = Exclude<NodeType, 'audience'>;

/** Where a node goes: the path leaving `from` by `port` (with or without a node after it). */
export interface PathPlace {
  from: string;
  port: string;
}

/** Makes a fresh id that starts with `prefix`; the editor uses random UUID pieces. */
export type IdGen = (prefix: string) => string;

export type EditErrorCode =
  | 'NODE_NOT_FOUND'
  | 'PORT_NOT_FOUND'
  | 'PATH_NOT_EMPTY'
  | 'AUDIENCE_NOT_DELETABLE'
  | 'MERGE_NOT_ALLOWED'
  | 'PATH_LIMIT'
  | 'PATH_AT_EDGE'
  | 'NOT_A_SPLIT';

export interface EditError {
  code: EditErrorCode;
  message: string;
}

export type EditResult<T = JourneyDefinition> = Result<T, EditError>;

export const splitPathLimits = { min: 1, max: 25 } as const;
export const variantPathLimits = { min: 2, max: 20 } as const;

type PathNode = NodeOfType<'split'> | NodeOfType<'variantSplit'> | NodeOfType<'externalSplit'>;

function findNode(def: JourneyDefinition, id: string): JourneyNode | undefined {
  return def.nodes.find((node) => node.id === id);
}

function notFound(id: string): EditError {
  return { code: 'NODE_NOT_FOUND', message: `There is no node "${id}".` };
}

/** A path id no port of the node uses yet (and never a reserved port name). */
function freshPathId(node: JourneyNode, idGen: IdGen): string {
  const taken = new Set([...nodePorts(node), ...reservedPortNames]);
  let id = idGen('path');
  while (taken.has(id)) id = idGen('path');
  return id;
}

/** The settings a node gets when it is added from the node menu. */
export function newNode(type: AddableNodeType, idGen: IdGen): JourneyNode {
  const id = idGen(type);
  switch (type) {
    case 'action':
      return { id, type, settings: {} };
    case 'event':
      return { id, type, settings: { on: 'accounts', timeoutPath: true } };
    case 'split':
      return {
        id,
        type,
        settings: {
          by: 'accounts',
          // Two paths from the start: one to give a condition, and *Other* for everyone else.
          paths: [{ id: idGen('path'), label: 'Path 1' }],
          otherPath: true,
        },
      };
    case 'variantSplit':
      return {
        id,
        type,
        settings: {
          by: 'accounts',
          paths: [
            { id: idGen('path'), label: 'Variant A', percent: 50 },
            { id: idGen('path'), label: 'Variant B', percent: 50 },
          ],
        },
      };
    case 'merge':
      return { id, type, settings: {} };
    case 'wait':
      return { id, type, settings: { duration: { ...defaultWait } } };
    case 'externalAction':
      return { id, type, settings: {} };
    case 'externalSplit':
      return {
        id,
        type,
        settings: { paths: [{ id: idGen('path'), label: 'Path 1' }], otherPath: false },
      };
    default:
      return assertNever(type);
  }
}

function splitsAccounts(node: JourneyNode): boolean {
  switch (node.type) {
    case 'split':
    case 'variantSplit':
      return node.settings.by !== 'people';
    case 'externalSplit':
      return true;
    default:
      return false;
  }
}

/** Every node upstream of `nodeId`, the node itself included. */
function ancestorsOf(def: JourneyDefinition, nodeId: string): Set<string> {
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const edge of def.edges) {
      if (edge.to === id && !seen.has(edge.from)) {
        seen.add(edge.from);
        queue.push(edge.from);
      }
    }
  }
  return seen;
}

/** Every node downstream of `nodeId`, the node itself included. */
function descendantsOf(def: JourneyDefinition, nodeId: string): Set<string> {
  const seen = new Set([nodeId]);
  const queue = [nodeId];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    for (const edge of def.edges) {
      if (edge.from === id && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}

/** *Merge paths* is offered only below a split by accounts (SPEC §2, issue 5). */
export function canMergeAt(def: JourneyDefinition, place: PathPlace): boolean {
  return [...ancestorsOf(def, place.from)].some((id) => {
    const node = findNode(def, id);
    return node !== undefined && splitsAccounts(node);
  });
}

/**
 * Adds a node of `type` on the path `place`: from → new node → the path's old target, which the
 * new node takes over by its first port.
 */
export function insertNode(
  def: JourneyDefinition,
  place: PathPlace,
  type: AddableNodeType,
  idGen: IdGen,
): EditResult<{ definition: JourneyDefinition; nodeId: string }> {
  const from = findNode(def, place.from);
  if (!from) return err(notFound(place.from));
  if (!nodePorts(from).includes(place.port)) {
    return err({
      code: 'PORT_NOT_FOUND',
      message: `Node "${from.id}" has no path "${place.port}".`,
    });
  }
  if (type === 'merge' && !canMergeAt(def, place)) {
    return err({
      code: 'MERGE_NOT_ALLOWED',
      message: 'Merge paths can only be added below a split by accounts.',
    });
  }
  const node = newNode(type, idGen);
  const old = def.edges.find((e) => e.from === place.from && e.port === place.port);
  const firstPort = nodePorts(node)[0];
  const edges = def.edges.filter((e) => e !== old);
  edges.push({ from: place.from, port: place.port, to: node.id });
  if (old && firstPort !== undefined) edges.push({ from: node.id, port: firstPort, to: old.to });
  return ok({ definition: { nodes: [...def.nodes, node], edges }, nodeId: node.id });
}

function hasPaths(node: JourneyNode): node is PathNode {
  return node.type === 'split' || node.type === 'variantSplit' || node.type === 'externalSplit';
}

/**
 * Removes a node. Its incoming paths are reconnected to what followed its first port; every other
 * port must be empty. A split (any kind) goes only when all its paths are empty — its incoming
 * path then simply ends.
 */
export function deleteNode(def: JourneyDefinition, nodeId: string): EditResult {
  const node = findNode(def, nodeId);
  if (!node) return err(notFound(nodeId));
  if (node.type === 'audience') {
    return err({ code: 'AUDIENCE_NOT_DELETABLE', message: 'The audience node cannot be deleted.' });
  }
  const outgoing = def.edges.filter((e) => e.from === nodeId);
  const [firstPort] = nodePorts(node);
  const kept = hasPaths(node) ? undefined : outgoing.find((e) => e.port === firstPort);
  const blocking = outgoing.filter((e) => e !== kept);
  if (blocking.length > 0) {
    return err({
      code: 'PATH_NOT_EMPTY',
      message: hasPaths(node)
        ? 'Remove the nodes on every path of this split before deleting it.'
        : 'Remove the nodes on the other paths of this node before deleting it.',
    });
  }
  const edges = def.edges
    .filter((e) => e.from !== nodeId)
    .flatMap((e) => {
      if (e.to !== nodeId) return [e];
      return kept ? [{ ...e, to: kept.to }] : [];
    });
  return ok({ nodes: def.nodes.filter((n) => n.id !== nodeId), edges });
}

function pathNode(def: JourneyDefinition, nodeId: string): EditResult<PathNode> {
  const node = findNode(def, nodeId);
  if (!node) return err(notFound(nodeId));
  if (!hasPaths(node)) {
    return err({ code: 'NOT_A_SPLIT', message: `Node "${nodeId}" has no paths to edit.` });
  }
  return ok(node);
}

function replaceNode(def: JourneyDefinition, node: JourneyNode): JourneyDefinition {
  return { ...def, nodes: def.nodes.map((n) => (n.id === node.id ? node : n)) };
}

function limitsOf(node: PathNode) {
  return node.type === 'variantSplit' ? variantPathLimits : splitPathLimits;
}

/** Adds a path at the end of a split's paths ("Path 3", "Variant C"). */
export function addPath(def: JourneyDefinition, nodeId: string, idGen: IdGen): EditResult {
  const found = pathNode(def, nodeId);
  if (!found.ok) return found;
  const node = found.value;
  const limits = limitsOf(node);
  if (node.settings.paths.length >= limits.max) {
    return err({ code: 'PATH_LIMIT', message: `A split has at most ${limits.max} paths.` });
  }
  const id = freshPathId(node, idGen);
  const count = node.settings.paths.length;
  if (node.type === 'variantSplit') {
    const label = `Variant ${String.fromCharCode(65 + count)}`;
    const paths = [...node.settings.paths, { id, label }];
    return ok(replaceNode(def, { ...node, settings: { ...node.settings, paths } }));
  }
  const paths = [...node.settings.paths, { id, label: `Path ${count + 1}` }];
  return ok(replaceNode(def, { ...node, settings: { ...node.settings, paths } } as PathNode));
}

/** Removes a path that has no node on it, keeping the split's minimum number of paths. */
export function deletePath(def: JourneyDefinition, nodeId: string, pathId: string): EditResult {
  const found = pathNode(def, nodeId);
  if (!found.ok) return found;
  const node = found.value;
  if (!node.settings.paths.some((p) => p.id === pathId)) {
    return err({ code: 'PORT_NOT_FOUND', message: `Node "${nodeId}" has no path "${pathId}".` });
  }
  if (def.edges.some((e) => e.from === nodeId && e.port === pathId)) {
    return err({
      code: 'PATH_NOT_EMPTY',
      message: 'Remove the nodes on this path before deleting it.',
    });
  }
  const limits = limitsOf(node);
  if (node.settings.paths.length <= limits.min) {
    return err({ code: 'PATH_LIMIT', message: `A split needs at least ${limits.min} paths.` });
  }
  const paths = node.settings.paths.filter((p) => p.id !== pathId);
  return ok(replaceNode(def, { ...node, settings: { ...node.settings, paths } } as PathNode));
}

/** Moves a path one place up (earlier, checked first) or down. */
export function movePath(
  def: JourneyDefinition,
  nodeId: string,
  pathId: string,
  direction: 'up' | 'down',
): EditResult {
  const found = pathNode(def, nodeId);
  if (!found.ok) return found;
  const node = found.value;
  const paths = [...node.settings.paths];
  const index = paths.findIndex((p) => p.id === pathId);
  if (index === -1) {
    return err({ code: 'PORT_NOT_FOUND', message: `Node "${nodeId}" has no path "${pathId}".` });
  }
  const target = direction === 'up' ? index - 1 : index + 1;
  const [moving, other] = [paths[index], paths[target]];
  if (moving === undefined || other === undefined) {
    return err({
      code: 'PATH_AT_EDGE',
      message: `The path is already the ${direction === 'up' ? 'first' : 'last'}.`,
    });
  }
  paths[index] = other;
  paths[target] = moving;
  return ok(replaceNode(def, { ...node, settings: { ...node.settings, paths } } as PathNode));
}

/**
 * Replaces a node's settings. Settings that take a port away (timeout path off, *Other* path off)
 * are refused while that port still has nodes on it, so that no path is silently cut off.
 */
export function updateSettings<T extends JourneyNode>(
  def: JourneyDefinition,
  nodeId: string,
  settings: T['settings'],
): EditResult {
  const node = findNode(def, nodeId);
  if (!node) return err(notFound(nodeId));
  const updated = { ...node, settings } as JourneyNode;
  const ports = new Set(nodePorts(updated));
  const cut = def.edges.find((e) => e.from === nodeId && !ports.has(e.port));
  if (cut) {
    return err({
      code: 'PATH_NOT_EMPTY',
      message: 'Remove the nodes on the path this change removes first.',
    });
  }
  return ok(replaceNode(def, updated));
}

/** The open path ends (ports without a node after them) that could be joined into a merge. */
export function mergeCandidates(def: JourneyDefinition, mergeId: string): PathPlace[] {
  const below = descendantsOf(def, mergeId);
  const upstream = ancestorsOf(def, mergeId);
  const splitRoots = [...upstream]
    .map((id) => findNode(def, id))
    .filter((n): n is JourneyNode => n !== undefined && splitsAccounts(n));
  const inScope = new Set(splitRoots.flatMap((split) => [...descendantsOf(def, split.id)]));
  const places: PathPlace[] = [];
  for (const node of def.nodes) {
    if (!inScope.has(node.id) || below.has(node.id)) continue;
    for (const port of nodePorts(node)) {
      const edge = def.edges.find((e) => e.from === node.id && e.port === port);
      if (!edge || edge.to === mergeId) places.push({ from: node.id, port });
    }
  }
  return places;
}

/**
 * Sets which paths lead into a merge: the chosen candidates are connected to it, the others that
 * led into it end there again.
 */
export function setMergeInputs(
  def: JourneyDefinition,
  mergeId: string,
  inputs: readonly PathPlace[],
): EditResult {
  const merge = findNode(def, mergeId);
  if (!merge) return err(notFound(mergeId));
  if (merge.type !== 'merge') {
    return err({ code: 'NOT_A_SPLIT', message: `Node "${mergeId}" is not a merge.` });
  }
  const candidates = mergeCandidates(def, mergeId);
  const key = (p: PathPlace) => `${p.from}\u0000${p.port}`;
  const allowed = new Set(candidates.map(key));
  const stray = inputs.find((p) => !allowed.has(key(p)));
  if (stray) {
    return err({
      code: 'PATH_NOT_EMPTY',
      message: `Path "${stray.port}" of "${stray.from}" cannot be merged here: it is not open.`,
    });
  }
  const chosen = new Set(inputs.map(key));
  const edges = def.edges.filter((e) => !(e.to === mergeId && allowed.has(key(e))));
  for (const place of candidates) {
    if (chosen.has(key(place))) edges.push({ from: place.from, port: place.port, to: mergeId });
  }
  return ok({ ...def, edges });
}

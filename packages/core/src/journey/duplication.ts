/**
 * Duplicating a journey (SPEC §1 `duplicate`). Two types:
 *
 * - partial ("Partial content duplication"): a deep copy of everything except the email and SMS
 *   content authored inside the journey; an action that references a library email or SMS
 *   (`emailId` / `smsId`) keeps it.
 * - skeleton ("Duplicate without details"): the same nodes (ids and types) and paths (edges), with
 *   every setting and path condition reset; every Wait node takes the default 5 days.
 *
 * Decisions for skeleton, so that the copy stays a consistent graph (no edge loses its port):
 * - split / external split paths keep `id` and `label` (the ports edges leave by) and the split
 *   keeps `otherPath` (the `other` port); `by`, conditions, the service and inputs are dropped.
 * - variant split paths keep `id` and `label`; percentages and `by` are dropped.
 * - an event node loses its timeout, event and filters; when an edge leaves it by `timeout`
 *   it keeps `timeoutPath: true`, and it keeps `timeoutPath: false` when that was set (no
 *   timeout port), so the ports are exactly those of the original. Validation then asks for the
 *   missing timeout (TIMEOUT_MISSING) rather than for the path to be removed.
 * Journey settings: partial keeps them; skeleton resets them to the defaults.
 */
import { assertNever } from '../result.ts';
import {
  Ports,
  defaultWait,
  type Edge,
  type JourneyDefinition,
  type JourneyNode,
} from './definition.ts';
import {
  defaultSettings,
  maxJourneyNameLength,
  type DuplicationType,
  type JourneySettings,
} from './journey.ts';

/** The definition of a copy of the journey; the original is not changed or shared. */
export function duplicateDefinition(
  definition: JourneyDefinition,
  type: DuplicationType,
): JourneyDefinition {
  const edges = definition.edges.map((edge) => ({ ...edge }));
  switch (type) {
    case 'partial':
      return { nodes: definition.nodes.map(withoutAuthoredContent), edges };
    case 'skeleton':
      return { nodes: definition.nodes.map((node) => skeletonOf(node, edges)), edges };
    default:
      return assertNever(type);
  }
}

/** The journey settings of a copy: kept by partial, defaults by skeleton. */
export function duplicateSettings(
  settings: JourneySettings,
  type: DuplicationType,
): JourneySettings {
  switch (type) {
    case 'partial':
      return structuredClone(settings);
    case 'skeleton':
      return defaultSettings();
    default:
      return assertNever(type);
  }
}

const copySuffix = '_copy';

/** `${name}_copy`, shortened first when needed so that the copy's name stays within 255 chars. */
export function defaultCopyName(name: string): string {
  return `${name.slice(0, maxJourneyNameLength - copySuffix.length)}${copySuffix}`;
}

function withoutAuthoredContent(node: JourneyNode): JourneyNode {
  const copy = structuredClone(node);
  if (copy.type !== 'action' || copy.settings.action === undefined) return copy;
  const action = copy.settings.action;
  if (action.type === 'sendEmail' || action.type === 'sendSms') delete action.content;
  return copy;
}

function skeletonOf(node: JourneyNode, edges: readonly Edge[]): JourneyNode {
  const { id } = node;
  const paths = (list: readonly { id: string; label: string }[]) =>
    list.map((path) => ({ id: path.id, label: path.label }));
  switch (node.type) {
    case 'audience':
    case 'action':
    case 'merge':
    case 'externalAction':
      return { id, type: node.type, settings: {} };
    case 'event':
      return { id, type: 'event', settings: eventSkeletonSettings(node.settings, id, edges) };
    case 'split':
      return {
        id,
        type: 'split',
        settings: { paths: paths(node.settings.paths), ...otherOf(node) },
      };
    case 'externalSplit':
      return {
        id,
        type: 'externalSplit',
        settings: { paths: paths(node.settings.paths), ...otherOf(node) },
      };
    case 'variantSplit':
      return { id, type: 'variantSplit', settings: { paths: paths(node.settings.paths) } };
    case 'wait':
      return { id, type: 'wait', settings: { duration: { ...defaultWait } } };
    default:
      return assertNever(node);
  }
}

function otherOf(node: { settings: { otherPath?: boolean } }): { otherPath?: boolean } {
  return node.settings.otherPath === undefined ? {} : { otherPath: node.settings.otherPath };
}

function eventSkeletonSettings(
  settings: { timeoutPath?: boolean },
  id: string,
  edges: readonly Edge[],
): { timeoutPath?: boolean } {
  if (settings.timeoutPath === false) return { timeoutPath: false };
  const hasTimeoutPath = edges.some((edge) => edge.from === id && edge.port === Ports.timeout);
  return hasTimeoutPath ? { timeoutPath: true } : {};
}

/**
 * The ports (named outgoing paths) each node type has. Validation checks edges against them, the
 * engine routes by them and the web canvas draws one handle per port.
 */
import { assertNever } from '../result.ts';
import type { JourneyNode } from './definition.ts';
import { Ports } from './ports.ts';

/** Every port an edge may leave `node` by, in display order. */
export function nodePorts(node: JourneyNode): string[] {
  switch (node.type) {
    case 'audience':
    case 'action':
    case 'wait':
    case 'merge':
      return [Ports.next];
    case 'event':
      // The timeout path is on unless explicitly switched off (SPEC §2 "timeoutPath (default on)").
      return node.settings.timeoutPath === false ? [Ports.next] : [Ports.next, Ports.timeout];
    case 'split':
      return [
        ...node.settings.paths.map((path) => path.id),
        ...(node.settings.otherPath ? [Ports.other] : []),
      ];
    case 'variantSplit':
      return node.settings.paths.map((path) => path.id);
    case 'externalAction':
      return [Ports.next, Ports.timeoutOrError];
    case 'externalSplit':
      // `other` follows `otherPath` exactly as on a split, so both split kinds read the same.
      return [
        ...node.settings.paths.map((path) => path.id),
        ...(node.settings.otherPath ? [Ports.other] : []),
        Ports.timeoutOrError,
      ];
    default:
      return assertNever(node);
  }
}

/** Port names a split path id may not take, because they already mean something else. */
export const reservedPortNames: readonly string[] = Object.values(Ports);

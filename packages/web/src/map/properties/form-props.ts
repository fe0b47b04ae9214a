/** What every properties form gets: its node, the definition and the way to change them. */
import type { JourneyDefinition, NodeOfType, NodeType } from '@caravan/core/journey/definition';
import type { Edit } from '../editor-store.ts';

export interface FormProps<T extends NodeType> {
  node: NodeOfType<T>;
  definition: JourneyDefinition;
  /**
   * Replaces the node's settings. `field` names what is being typed into, so that a burst of
   * keystrokes in one field is one undo step.
   */
  change: (settings: NodeOfType<T>['settings'], field?: string) => void;
  /** Runs any other edit (paths, merge inputs). */
  run: (edit: Edit) => void;
}

/**
 * What the canvas's edges and nodes need from the editor, through context so that `edgeTypes`
 * and `nodeTypes` stay at module scope (a new object per render would re-mount every element).
 */
import { createContext, useContext } from 'react';
import type { AddableNodeType, PathPlace } from './definition-edits.ts';

export interface MapEditorActions {
  /** Adds a node of `type` on the path `place`. */
  insertAt(place: PathPlace, type: AddableNodeType): void;
  /** Whether *Merge paths* belongs in the node menu of `place`. */
  canMerge(place: PathPlace): boolean;
  /** The path ids (as `from\u0000port`) that have a problem, to mark their labels. */
  pathsWithProblems: ReadonlySet<string>;
}

export const MapEditorContext = createContext<MapEditorActions | null>(null);

/** `null` on a read-only map. */
export function useMapEditor(): MapEditorActions | null {
  return useContext(MapEditorContext);
}

export function pathKey(from: string, port: string): string {
  return `${from}\u0000${port}`;
}

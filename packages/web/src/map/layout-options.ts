/**
 * What decides a map's layout besides its definition: the fixed path labels (their language) and
 * what each path's label box holds (the editor's +, a live journey's counts). No React and no
 * i18next, so that the entry module can start the layout before the app has loaded.
 */
import type { FlowOptions, PortLabels } from './definition-to-flow.ts';

export type MapMode = 'editor' | 'read-only';

// Module scope: the same rows on every render.
const editorRows: FlowOptions = { openEnds: true, labelRows: { plus: true } };
const readOnlyRows: FlowOptions = { labelRows: { counts: true } };

export function layoutOptionsOf(portLabels: PortLabels, mode: MapMode): FlowOptions {
  return { portLabels, edgeType: 'path', ...(mode === 'editor' ? editorRows : readOnlyRows) };
}

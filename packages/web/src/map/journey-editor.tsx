/**
 * The journey map editor of a draft: canvas, toolbar, the *Properties* panel and the *Problems*
 * drawer. The definition lives in an edit store created once per journey; autosave sends it
 * back, and the server's copy is never read back into it (that would undo typing in flight).
 */
import { Box, Center, Flex, Loader, Paper, Stack } from '@mantine/core';
import { Suspense, memo, useCallback, useMemo, useState, type ReactNode } from 'react';
import type { ApiJourney } from '../api/journeys.api.ts';
import {
  canMergeAt,
  insertNode,
  type AddableNodeType,
  type PathPlace,
} from './definition-edits.ts';
import { canRedo, canUndo } from './edit-history.ts';
import { EditorToolbar } from './editor-toolbar.tsx';
import { JourneyEditorCanvas, type FocusRequest } from './journey-editor-canvas.tsx';
import { JourneyIdContext } from './journey-id.context.ts';
import { MapEditorContext, pathKey, type MapEditorActions } from './map-editor.context.ts';
import { ProblemsDrawer as ProblemsDrawerView } from './problems-drawer.tsx';
import { PropertiesPanel } from './properties/properties-panel.tsx';
import { useAutosave } from './use-autosave.ts';
import { useJourneyEditor } from './use-journey-editor.ts';

export const canvasFallback = (
  <Center h="100%">
    <Loader />
  </Center>
);

// Memoised: selecting a node redraws the canvas and the panel, not the drawer and its list.
const ProblemsDrawer = memo(ProblemsDrawerView);
const Canvas = memo(JourneyEditorCanvas);

const newId = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

interface Props {
  journey: ApiJourney;
  /**
   * The map header, told whether publishing is blocked by errors, and whether edits are still
   * being saved (the server would validate and publish the definition before them).
   */
  header: (publishBlocked: boolean, saving: boolean) => ReactNode;
  aside: ReactNode;
}

export function JourneyEditor({ journey, header, aside }: Props) {
  const editor = useJourneyEditor(journey);
  const { store, history, definition, run, problems, problemsByNode, blocked } = editor;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [problemsOpen, setProblemsOpen] = useState(false);
  const saveState = useAutosave(journey.id, definition);

  const focusOn = useCallback((nodeId: string, mode: FocusRequest['mode']) => {
    setSelectedId(nodeId);
    setFocus((current) => ({ nodeId, mode, seq: (current?.seq ?? 0) + 1 }));
  }, []);

  const actions = useMemo(
    (): MapEditorActions => ({
      insertAt(place: PathPlace, type: AddableNodeType) {
        let added: string | undefined;
        const ok = run((def) => {
          const result = insertNode(def, place, type, newId);
          if (!result.ok) return result;
          added = result.value.nodeId;
          return { ok: true, value: result.value.definition };
        });
        if (ok && added) focusOn(added, 'pan');
      },
      canMerge: (place) => canMergeAt(definition, place),
      pathsWithProblems: new Set(
        problems.flatMap((p) => (p.nodeId && p.pathId ? [pathKey(p.nodeId, p.pathId)] : [])),
      ),
    }),
    [run, definition, problems, focusOn],
  );

  const pickProblem = useCallback(
    (nodeId: string) => {
      focusOn(nodeId, 'zoom');
      setProblemsOpen(false);
    },
    [focusOn],
  );

  const selected = definition.nodes.find((n) => n.id === selectedId);
  const openProblems = useCallback(() => setProblemsOpen(true), []);
  const closeProblems = useCallback(() => setProblemsOpen(false), []);
  const undoable = canUndo(history);
  const redoable = canRedo(history);
  // Elements kept while their inputs are: a click on a node changes only the selection, and must
  // not redraw the map's header (its menus and dialogs) or the toolbar.
  const toolbar = useMemo(
    () => (
      <EditorToolbar
        canUndo={undoable}
        canRedo={redoable}
        onUndo={store.undo}
        onRedo={store.redo}
        problems={problems}
        blocked={blocked}
        onOpenProblems={openProblems}
        saveState={saveState}
      />
    ),
    [undoable, redoable, store, problems, blocked, openProblems, saveState],
  );
  const saving = saveState.kind !== 'saved';
  const headerElement = useMemo(() => header(blocked, saving), [header, blocked, saving]);

  return (
    <JourneyIdContext.Provider value={journey.id}>
      <Stack gap="md">
        {headerElement}
        {/* The map takes the room; the panel keeps a fixed width beside it (below on narrow screens). */}
        <Flex gap="md" direction={{ base: 'column', lg: 'row' }} align="flex-start">
          <Box flex={1} miw={0} w="100%">
            <Paper
              withBorder
              radius="md"
              h="calc(100vh - 290px)"
              mih={520}
              style={{ overflow: 'hidden' }}
            >
              <MapEditorContext.Provider value={actions}>
                {/* Waits while a worker lays the map out (`use-laid-out-flow.ts`). */}
                <Suspense fallback={canvasFallback}>
                  <Canvas
                    definition={definition}
                    problemsByNode={problemsByNode}
                    selectedId={selectedId}
                    onSelect={setSelectedId}
                    focus={focus}
                    toolbar={toolbar}
                    journeyId={journey.id}
                  />
                </Suspense>
              </MapEditorContext.Provider>
            </Paper>
          </Box>
          <Box w={{ base: '100%', lg: 380 }} style={{ flexShrink: 0 }}>
            <Stack gap="md">
              <PropertiesPanel
                node={selected}
                definition={definition}
                problems={selected ? (problemsByNode.get(selected.id) ?? []) : []}
                run={run}
                onDeleted={() => setSelectedId(null)}
              />
              {aside}
            </Stack>
          </Box>
        </Flex>
        <ProblemsDrawer
          opened={problemsOpen}
          onClose={closeProblems}
          problems={problems}
          definition={definition}
          onPick={pickProblem}
        />
      </Stack>
    </JourneyIdContext.Provider>
  );
}

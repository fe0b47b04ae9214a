/**
 * The options both canvases convert a definition with: titles and summaries in the current
 * language with the names of what the nodes refer to, translated fixed path labels, and what each
 * path's label box must hold (the editor's +, a live journey's counts).
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FlowOptions } from './definition-to-flow.ts';
import { layoutOptionsOf, type MapMode } from './layout-options.ts';
import { nodeSummary, nodeTitleText } from './node-text.ts';
import { useMapNames } from './use-map-names.ts';

/** What decides the layout: translated fixed path labels and what each label box holds. */
export function layoutOptions(t: TFunction, mode: MapMode): FlowOptions {
  return layoutOptionsOf(
    {
      timeout: t('edges.timeout'),
      other: t('edges.other'),
      timeoutOrError: t('edges.timeoutOrError'),
    },
    mode,
  );
}

export function useFlowOptions(
  definition: JourneyDefinition,
  mode: MapMode,
  journeyId?: string,
): FlowOptions {
  const { t, i18n } = useTranslation();
  const names = useMapNames(definition, journeyId);
  const language = i18n.language;
  return useMemo(
    (): FlowOptions => ({
      ...layoutOptions(t, mode),
      title: (node) => nodeTitleText(t, node),
      kind: (node) => t(`mapText.kinds.${node.type}`),
      summary: (node) => nodeSummary(t, names, node, language),
    }),
    // `t` changes identity with the language, which re-titles and re-labels the map.
    [t, names, language, mode],
  );
}

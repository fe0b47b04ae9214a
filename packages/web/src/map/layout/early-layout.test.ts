/**
 * The layout the entry module starts in a worker is used only when its key equals the canvas's:
 * the entry's options (this browser's language, without i18next) must give the same key as the
 * canvas's translated options, or every map opened by URL would be laid out twice.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { portLabels } from '../../i18n/port-labels.ts';
import { initI18n, languages } from '../../i18n/i18n.ts';
import { definitionToFlow, layoutInput } from '../definition-to-flow.ts';
import { layoutOptionsOf } from '../layout-options.ts';
import { layoutOptions } from '../use-flow-options.ts';
import { computeEarlyLayout } from './early-layout-input.ts';
import { layoutKey } from './early-layout.ts';
import { layOutMap } from './map-layout.ts';
import { nestedJourney } from './nested-journey.fixture.ts';

initI18n();
const journey = nestedJourney('audience-1');

describe('the early layout of a map opened by its URL', () => {
  for (const language of languages) {
    for (const mode of ['editor', 'read-only'] as const) {
      it(`has the canvas's key and layout in ${language}, ${mode}`, () => {
        const canvasOptions = {
          ...layoutOptions(i18next.getFixedT(language), mode),
          title: () => 'any title',
          summary: () => 'any summary',
        };
        const flow = definitionToFlow(journey, canvasOptions);
        const input = layoutInput(journey, flow, canvasOptions.labelRows ?? {});

        const early = computeEarlyLayout({
          definition: journey,
          options: layoutOptionsOf(portLabels[language], mode),
        });

        expect(early.key).toBe(layoutKey(input.boxes, input.edges));
        expect(early.layout).toEqual(layOutMap(input.boxes, input.edges));
      });
    }
  }

  it('gets a different key when the path labels differ (another language)', () => {
    const english = computeEarlyLayout({
      definition: journey,
      options: layoutOptionsOf(portLabels.en, 'editor'),
    });
    const swedish = computeEarlyLayout({
      definition: journey,
      options: layoutOptionsOf(portLabels.sv, 'editor'),
    });
    expect(swedish.key).not.toBe(english.key);
  });
});

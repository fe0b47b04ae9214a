import { describe, expect, it } from 'vitest';
import { JourneyDefinition, nodeTypes } from './definition.ts';
import { everyNodeDefinition, validationContext } from './fixtures.test-support.ts';
import { hasBlockingProblems, validateDefinition, validateJourney } from './validation.ts';
import { problemCatalogue } from './validation/problem.ts';
import {
  addEdges,
  addNodes,
  all,
  lookupWith,
  now,
  patchAction,
  patchContent,
  patchSettings,
  places,
  setSettings,
  validate,
  variantPaths,
  wait,
} from './validation/rule-cases.test-support.ts';

describe('validateJourney', () => {
  it('finds no problem in a valid journey with every node type and action kind', () => {
    expect(validate()).toEqual([]);
  });

  it('validates a fixture the definition schema accepts as it is', () => {
    const definition = everyNodeDefinition();
    expect(JourneyDefinition.parse(definition)).toEqual(definition);
    expect(new Set(definition.nodes.map((node) => node.type))).toEqual(new Set(nodeTypes));
  });

  it('gives every problem a catalogued code, its severity and a message', () => {
    const problems = validate(
      all(
        patchContent('authoredEmail', { html: '<p>no link</p>', text: '' }),
        patchAction('libraryEmail', { emailId: undefined }),
      ),
    );
    expect(problems.length).toBeGreaterThan(0);
    for (const found of problems) {
      const entry = problemCatalogue[found.code as keyof typeof problemCatalogue];
      expect(entry).toBeDefined();
      expect(found.severity).toBe(entry.severity);
      expect(found.message.length).toBeGreaterThan(10);
    }
  });

  it('names the reason an item is unusable in the message', () => {
    const [found] = validate(() => {}, {
      references: lookupWith({ 'audience:aud-1': { state: 'unusable', reason: 'it is a draft.' } }),
    });
    expect(found?.message).toContain('it is a draft');
  });

  it('names the node by its title in messages', () => {
    const [found] = validate(addNodes(wait('island')));
    expect(found?.message).toContain('"Wait 1 day"');
  });

  it('reports every problem of a broken journey at once', () => {
    const problems = validate(
      all(
        (j) => void (j.name = ''),
        (j) => void (j.schedule.end = null),
        setSettings('audience', {}),
        patchAction('authoredSms', { content: { message: 'x'.repeat(2000) } }),
        setSettings('shortWait', {}),
        patchSettings('variants', { paths: variantPaths([60, 60]) }),
        addNodes(wait('island')),
        addEdges({ from: 'personWebhook', port: 'next', to: 'ghost' }),
        addEdges({ from: 'accountWebhook', port: 'next', to: 'addToJourney' }),
        patchContent('authoredEmail', { text: '' }),
      ),
      { nameTaken: true },
    );
    expect(places(problems)).toEqual(
      expect.arrayContaining([
        { code: 'NAME_REQUIRED' },
        { code: 'SCHEDULE_END_MISSING' },
        { code: 'AUDIENCE_SOURCE_MISSING', nodeId: 'audience' },
        { code: 'SMS_TOO_LONG', nodeId: 'authoredSms' },
        { code: 'TIMING_MISSING', nodeId: 'shortWait' },
        { code: 'VARIANT_PERCENT_SUM', nodeId: 'variants' },
        { code: 'UNREACHABLE_NODE', nodeId: 'island' },
        { code: 'DANGLING_EDGE', nodeId: 'personWebhook' },
        { code: 'CYCLE', nodeId: 'accountWebhook' },
        { code: 'EMAIL_TEXT_EMPTY', nodeId: 'authoredEmail' },
      ]),
    );
    expect(problems).toHaveLength(10);
    expect(hasBlockingProblems(problems)).toBe(true);
  });

  it('checks a half-made new journey without throwing', () => {
    const problems = validateJourney(
      {
        name: 'New',
        definition: { nodes: [{ id: 'audience', type: 'audience', settings: {} }], edges: [] },
        schedule: { start: 'immediately', end: null },
        settings: { reEntry: { enabled: false }, emailDeduplication: false, myTokens: [] },
      },
      validationContext(now),
    );
    expect(places(problems)).toEqual([
      { code: 'AUDIENCE_SOURCE_MISSING', nodeId: 'audience' },
      { code: 'SCHEDULE_END_MISSING' },
    ]);
  });

  it('finds no problem in an empty definition other than the missing audience', () => {
    expect(places(validateDefinition({ nodes: [], edges: [] }, validationContext(now)))).toEqual([
      { code: 'AUDIENCE_MISSING' },
    ]);
  });
});

describe('hasBlockingProblems', () => {
  it('lets warnings through', () => {
    const problems = validate(patchContent('authoredEmail', { html: '<p>Hi</p>', text: '' }));
    expect(problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(hasBlockingProblems(problems)).toBe(false);
  });

  it('blocks on any error', () => {
    expect(hasBlockingProblems(validate(addNodes(wait('island'))))).toBe(true);
  });

  it('does not block a journey without problems', () => {
    expect(hasBlockingProblems([])).toBe(false);
  });
});

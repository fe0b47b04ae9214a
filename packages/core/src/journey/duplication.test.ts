import { describe, expect, it } from 'vitest';
import { JourneyDefinition, type JourneyNode } from './definition.ts';
import { defaultCopyName, duplicateDefinition, duplicateSettings } from './duplication.ts';
import { everyNodeDefinition, validSettings, validationContext } from './fixtures.test-support.ts';
import { defaultSettings } from './journey.ts';
import { validateDefinition } from './validation.ts';

function byId(nodes: readonly JourneyNode[]): Map<string, JourneyNode> {
  return new Map(nodes.map((node) => [node.id, node]));
}

describe('partial duplication', () => {
  const original = everyNodeDefinition();
  const copy = duplicateDefinition(original, 'partial');
  const copied = byId(copy.nodes);

  it('drops email content authored in the journey, keeping the action', () => {
    expect(copied.get('authoredEmail')?.settings).toEqual({
      on: 'people',
      action: { type: 'sendEmail' },
    });
  });

  it('drops SMS content authored in the journey, keeping the action', () => {
    expect(copied.get('authoredSms')?.settings).toEqual({
      on: 'people',
      action: { type: 'sendSms' },
    });
  });

  it('keeps emails and SMS of the content library intact', () => {
    expect(copied.get('libraryEmail')?.settings).toEqual({
      on: 'people',
      action: { type: 'sendEmail', emailId: 'email-1' },
    });
    expect(copied.get('librarySms')?.settings).toEqual({
      on: 'people',
      action: { type: 'sendSms', smsId: 'sms-1' },
    });
  });

  it('keeps every other node exactly, and every path', () => {
    const authored = new Set(['authoredEmail', 'authoredSms']);
    expect(copy.nodes.filter((n) => !authored.has(n.id))).toEqual(
      original.nodes.filter((n) => !authored.has(n.id)),
    );
    expect(copy.edges).toEqual(original.edges);
  });

  it('drops authored content but keeps the library email when an action has both', () => {
    const both: JourneyDefinition = {
      nodes: [
        {
          id: 'mail',
          type: 'action',
          settings: {
            on: 'people',
            action: { type: 'sendEmail', emailId: 'email-7', content: { subject: 'Draft' } },
          },
        },
      ],
      edges: [],
    };
    expect(duplicateDefinition(both, 'partial').nodes[0]?.settings).toEqual({
      on: 'people',
      action: { type: 'sendEmail', emailId: 'email-7' },
    });
  });

  it('shares nothing with the original', () => {
    const fresh = everyNodeDefinition();
    const duplicate = duplicateDefinition(fresh, 'partial');
    (duplicate.nodes[0] as { settings: { sourceId?: string } }).settings.sourceId = 'changed';
    duplicate.edges[0]!.to = 'changed';
    expect(fresh).toEqual(everyNodeDefinition());
  });

  it('keeps the journey settings', () => {
    const settings = validSettings();
    const copied = duplicateSettings(settings, 'partial');
    expect(copied).toEqual(settings);
    expect(copied).not.toBe(settings);
    expect(copied.myTokens).not.toBe(settings.myTokens);
  });
});

describe('skeleton duplication', () => {
  const original = everyNodeDefinition();
  const copy = duplicateDefinition(original, 'skeleton');
  const copied = byId(copy.nodes);

  it('keeps the same nodes, by id and type, and the same paths', () => {
    expect(copy.nodes.map(({ id, type }) => ({ id, type }))).toEqual(
      original.nodes.map(({ id, type }) => ({ id, type })),
    );
    expect(copy.edges).toEqual(original.edges);
  });

  it('resets the audience and every action, including library and authored content', () => {
    const emptied = copy.nodes.filter((n) => n.type === 'audience' || n.type === 'action');
    expect(emptied).toHaveLength(1 + 19);
    for (const node of emptied) expect(node.settings).toEqual({});
  });

  it('gives every wait the default five days', () => {
    expect(copied.get('shortWait')?.settings).toEqual({ duration: { amount: 5, unit: 'days' } });
    expect(copied.get('dateWait')?.settings).toEqual({ duration: { amount: 5, unit: 'days' } });
  });

  it('keeps split path ids, labels and the other path, dropping conditions and `by`', () => {
    expect(copied.get('accountSplit')?.settings).toEqual({
      paths: [{ id: 'enterprise', label: 'Enterprise' }],
      otherPath: true,
    });
    expect(copied.get('peopleSplit')?.settings).toEqual({
      paths: [
        { id: 'champions', label: 'Champions' },
        { id: 'others', label: 'Others' },
      ],
    });
  });

  it('keeps variant path ids and labels, dropping percentages', () => {
    expect(copied.get('variants')?.settings).toEqual({
      paths: [
        { id: 'a', label: 'Variant A' },
        { id: 'b', label: 'Variant B' },
      ],
    });
  });

  it('resets external nodes but keeps the external split paths', () => {
    expect(copied.get('externalAction')?.settings).toEqual({});
    expect(copied.get('externalSplit')?.settings).toEqual({
      paths: [{ id: 'fit', label: 'Good fit' }],
      otherPath: true,
    });
  });

  it('resets a listener but keeps its timeout path when a path leaves by it', () => {
    expect(copied.get('listener')?.settings).toEqual({ timeoutPath: true });
  });

  it('keeps a listener without timeout path that way', () => {
    const definition: JourneyDefinition = {
      nodes: [
        {
          id: 'ev',
          type: 'event',
          settings: { on: 'accounts', event: 'interestingMoment', timeoutPath: false },
        },
        { id: 'quiet', type: 'event', settings: { on: 'people', event: 'emailClicked' } },
      ],
      edges: [],
    };
    expect(duplicateDefinition(definition, 'skeleton').nodes.map((n) => n.settings)).toEqual([
      { timeoutPath: false },
      {},
    ]);
  });

  it('is a definition the schema accepts', () => {
    expect(JourneyDefinition.safeParse(copy).success).toBe(true);
  });

  it('stays structurally valid: no dangling path, no invalid port, no loop', () => {
    const structural = new Set([
      'DANGLING_EDGE',
      'INVALID_PORT',
      'DUPLICATE_EDGE',
      'CYCLE',
      'UNREACHABLE_NODE',
      'NODE_ID_DUPLICATE',
      'AUDIENCE_MISSING',
      'AUDIENCE_MULTIPLE',
      'AUDIENCE_NOT_ROOT',
      'MERGE_TOO_FEW_INPUTS',
      'PATH_ID_DUPLICATE',
    ]);
    const problems = validateDefinition(copy, validationContext(new Date()));
    expect(problems.filter((p) => structural.has(p.code))).toEqual([]);
    // What is left to fill in is settings, which is the point of a skeleton.
    expect(problems.some((p) => p.code === 'AUDIENCE_SOURCE_MISSING')).toBe(true);
  });

  it('resets the journey settings to the defaults', () => {
    expect(duplicateSettings(validSettings(), 'skeleton')).toEqual(defaultSettings());
  });
});

describe('defaultCopyName', () => {
  it('appends _copy', () => {
    expect(defaultCopyName('Onboarding')).toBe('Onboarding_copy');
  });

  it('shortens a long name so that the copy fits in 255 characters', () => {
    const copyName = defaultCopyName('n'.repeat(255));
    expect(copyName).toHaveLength(255);
    expect(copyName.endsWith('_copy')).toBe(true);
  });
});

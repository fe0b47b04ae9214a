import { describe, expect, it } from 'vitest';
import { journeyDefinitionJsonSchema } from './definition-schema.ts';

describe('journeyDefinitionJsonSchema', () => {
  const schema = journeyDefinitionJsonSchema() as {
    type: string;
    properties: Record<string, { type: string; items: { oneOf?: unknown[]; anyOf?: unknown[] } }>;
    required: string[];
  };

  it('describes an object of nodes and edges', () => {
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['nodes', 'edges']);
    expect(schema.properties.nodes?.type).toBe('array');
    expect(schema.properties.edges?.type).toBe('array');
  });

  it('lists every node type', () => {
    const text = JSON.stringify(schema.properties.nodes);
    for (const type of [
      'audience',
      'action',
      'event',
      'split',
      'variantSplit',
      'merge',
      'wait',
      'externalAction',
      'externalSplit',
    ]) {
      expect(text).toContain(`"const":"${type}"`);
    }
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

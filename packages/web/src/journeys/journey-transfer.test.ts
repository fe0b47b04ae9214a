import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http-client.ts';
import { exportUrl, importProblems, parseJourneyFile } from './journey-transfer.ts';

describe('journey files', () => {
  it('downloads from the export route of the journey', () => {
    expect(exportUrl('a b')).toBe('/api/v1/journeys/a%20b/export');
  });

  it('parses JSON and says why other text is not', () => {
    expect(parseJourneyFile('{"format":"caravan.journey"}')).toEqual({
      ok: true,
      value: { format: 'caravan.journey' },
    });
    const bad = parseJourneyFile('{ nope');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message.length).toBeGreaterThan(0);
  });

  it('lists each field problem of a refused import without the body prefix', () => {
    const refused = new ApiError(400, 'VALIDATION_FAILED', 'body.version: Invalid input', [
      { path: 'body.version', message: 'Invalid input' },
      { path: 'body', message: 'Unrecognized key' },
      { path: 'body.definition.nodes.0.type', message: 'Invalid option' },
    ]);
    expect(importProblems(refused)).toEqual([
      'version: Invalid input',
      'Unrecognized key',
      'definition.nodes.0.type: Invalid option',
    ]);
    expect(importProblems(new ApiError(409, 'JOURNEY_NAME_TAKEN', 'taken'))).toEqual([]);
    expect(importProblems(new Error('offline'))).toEqual([]);
  });
});

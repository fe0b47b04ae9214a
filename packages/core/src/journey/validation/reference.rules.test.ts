import { describe, expect, it } from 'vitest';
import type { JourneyDefinition } from '../definition.ts';
import { everyNodeDefinition } from '../fixtures.test-support.ts';
import { collectReferences } from '../validation.ts';
import { describeRuleCases, lookupWith, type RuleCase } from './rule-cases.test-support.ts';

const referenceCases: RuleCase[] = [
  {
    when: 'a referenced email does not exist',
    failing: () => {},
    failingCtx: { references: lookupWith({ 'email:email-1': { state: 'missing' } }) },
    expected: [{ code: 'REFERENCE_MISSING', nodeId: 'libraryEmail' }],
    passing: () => {},
    passingCtx: { references: lookupWith({ 'email:email-1': { state: 'unchecked' } }) },
  },
  {
    when: 'the audience is not usable',
    failing: () => {},
    failingCtx: {
      references: lookupWith({ 'audience:aud-1': { state: 'unusable', reason: 'it is a draft' } }),
    },
    expected: [{ code: 'REFERENCE_UNUSABLE', nodeId: 'audience' }],
    passing: () => {},
  },
  {
    when: 'a list in a split condition does not exist',
    failing: () => {},
    failingCtx: { references: lookupWith({ 'accountList:list-1': { state: 'missing' } }) },
    expected: [{ code: 'REFERENCE_MISSING', nodeId: 'accountSplit' }],
    passing: () => {},
  },
  {
    when: 'a solution interest is missing everywhere it is used',
    failing: () => {},
    failingCtx: { references: lookupWith({ 'solutionInterest:si-1': { state: 'missing' } }) },
    expected: [
      'listener',
      'salesAlert',
      'updateStage',
      'updateStatus',
      'assignToGroup',
      'removeFromGroup',
    ].map((nodeId) => ({ code: 'REFERENCE_MISSING', nodeId })),
    passing: () => {},
  },
  {
    when: 'an external service is missing',
    failing: () => {},
    failingCtx: { references: lookupWith({ 'externalService:svc-score': { state: 'missing' } }) },
    expected: [{ code: 'REFERENCE_MISSING', nodeId: 'externalSplit' }],
    passing: () => {},
  },
];

describeRuleCases(referenceCases);

describe('collectReferences', () => {
  it('lists every reference of every node once, with the node making it', () => {
    expect(collectReferences(everyNodeDefinition())).toEqual([
      { kind: 'audience', id: 'aud-1', nodeId: 'audience' },
      { kind: 'accountList', id: 'list-1', nodeId: 'accountSplit' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'listener' },
      { kind: 'externalService', id: 'svc-enrich', nodeId: 'externalAction' },
      { kind: 'externalService', id: 'svc-score', nodeId: 'externalSplit' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'salesAlert' },
      { kind: 'journey', id: '00000000-0000-4000-8000-000000000002', nodeId: 'addToJourney' },
      { kind: 'journey', id: '00000000-0000-4000-8000-000000000002', nodeId: 'removeFromJourney' },
      { kind: 'accountList', id: 'list-2', nodeId: 'addToList' },
      { kind: 'accountList', id: 'list-2', nodeId: 'removeFromList' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'updateStage' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'updateStatus' },
      { kind: 'email', id: 'email-1', nodeId: 'libraryEmail' },
      { kind: 'sms', id: 'sms-1', nodeId: 'librarySms' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'assignToGroup' },
      { kind: 'solutionInterest', id: 'si-1', nodeId: 'removeFromGroup' },
    ]);
  });

  it('lists an account list audience as an account list', () => {
    const definition: JourneyDefinition = {
      nodes: [{ id: 'a', type: 'audience', settings: { source: 'accountList', sourceId: 'l' } }],
      edges: [],
    };
    expect(collectReferences(definition)).toEqual([{ kind: 'accountList', id: 'l', nodeId: 'a' }]);
  });
});

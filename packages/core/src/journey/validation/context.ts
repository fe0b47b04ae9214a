/** What the validator needs from outside core: the time, the name check and reference lookups. */

export type ReferenceKind =
  'audience' | 'accountList' | 'journey' | 'email' | 'sms' | 'solutionInterest' | 'externalService';

/** One thing a node points at by id. */
export interface Reference {
  kind: ReferenceKind;
  id: string;
  nodeId: string;
}

/** What the storage layer knows about a referenced thing; 'unchecked' = this kind is not stored yet. */
export type ReferenceState =
  | { state: 'usable' }
  | { state: 'missing' }
  | { state: 'unusable'; reason: string }
  | { state: 'unchecked' };

export interface ReferenceLookup {
  lookup(kind: ReferenceKind, id: string): ReferenceState;
}

export interface ValidationContext {
  now: Date;
  references: ReferenceLookup;
  /** Whether another journey already has this name (case-insensitive; storage knows). */
  nameTaken: boolean;
  /** The id of the journey being validated, so that it cannot add accounts to itself. */
  selfId?: string;
}

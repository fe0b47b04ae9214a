/**
 * Validation before publish (SPEC §3): every problem of a journey at once, each with a stable
 * code, a message that says what to fix and the node (and path) it belongs to. Rules live in
 * `validation/*.rules.ts`; the code catalogue in `validation/problem.ts`.
 */
import type { JourneyDefinition } from './definition.ts';
import type { JourneySettings, Schedule } from './journey.ts';
import type { ValidationContext } from './validation/context.ts';
import { indexGraph } from './validation/graph.ts';
import { nodeSettingsProblems } from './validation/node-settings.rules.ts';
import type { Problem } from './validation/problem.ts';
import { referenceProblems } from './validation/reference.rules.ts';
import { nameProblems, scheduleProblems, settingsProblems } from './validation/schedule.rules.ts';
import { mergeProblems, peopleSplitProblems } from './validation/split.rules.ts';
import { structureProblems } from './validation/structure.rules.ts';

// This module is the public face of validation (`@caravan/core/journey/validation`).
export type { Problem, Severity } from './validation/problem.ts';
export type {
  Reference,
  ReferenceKind,
  ReferenceLookup,
  ReferenceState,
  ValidationContext,
} from './validation/context.ts';
export { collectReferences } from './validation/reference.rules.ts';

/** The parts of a journey validation reads (a stored journey or an API body both fit). */
export interface ValidatedJourney {
  name: string;
  definition: JourneyDefinition;
  schedule: Schedule;
  settings: JourneySettings;
}

/** Every problem at once; publish is refused while any problem has severity 'error'. */
export function validateJourney(journey: ValidatedJourney, ctx: ValidationContext): Problem[] {
  return [...validateDefinition(journey.definition, ctx), ...journeyProblems(journey, ctx)];
}

/** The problems of the graph and its nodes alone (what the map shows on nodes). */
export function validateDefinition(
  definition: JourneyDefinition,
  ctx: ValidationContext,
): Problem[] {
  const graph = indexGraph(definition);
  return [
    ...structureProblems(definition, graph),
    ...definition.nodes.flatMap((node) => nodeSettingsProblems(node, graph, ctx)),
    ...peopleSplitProblems(graph),
    ...mergeProblems(definition, graph),
    ...referenceProblems(definition, ctx.references),
  ];
}

function journeyProblems(journey: ValidatedJourney, ctx: ValidationContext): Problem[] {
  return [
    ...nameProblems(journey.name, ctx),
    ...scheduleProblems(journey.schedule, ctx.now),
    ...settingsProblems(journey.settings),
  ];
}

/** Whether publish must be refused: any problem of severity 'error'. */
export function hasBlockingProblems(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === 'error');
}

/** A lookup that checks nothing: for callers (CLI `validate`, tests) without a database. */
export const uncheckedReferences: ValidationContext['references'] = {
  lookup: () => ({ state: 'unchecked' }),
};

/** Rules on each node's own settings, dispatched by node type. */
import { assertNever } from '../../result.ts';
import { Ports, type JourneyNode, type NodeOfType, type Timing } from '../definition.ts';
import { actionProblems } from './action.rules.ts';
import type { ValidationContext } from './context.ts';
import { outgoingOf, type GraphIndex } from './graph.ts';
import { problem, type Problem } from './problem.ts';
import { splitProblems, variantSplitProblems } from './split.rules.ts';

/** The problems of one node's own settings (the graph is needed for the timeout path). */
export function nodeSettingsProblems(
  node: JourneyNode,
  graph: GraphIndex,
  ctx: ValidationContext,
): Problem[] {
  const at = { nodeId: node.id };
  switch (node.type) {
    case 'audience':
      return node.settings.source === undefined || node.settings.sourceId === undefined
        ? [
            problem(
              'AUDIENCE_SOURCE_MISSING',
              'Choose the account audience or list to start from.',
              at,
            ),
          ]
        : [];
    case 'action':
      return actionProblems(node, ctx);
    case 'event':
      return eventProblems(node, graph, ctx);
    case 'split':
    case 'externalSplit':
      return [...externalServiceProblems(node), ...splitProblems(node)];
    case 'variantSplit':
      return variantSplitProblems(node);
    case 'merge':
      // Where a merge may stand is a graph rule (split.rules.ts); it has no settings.
      return [];
    case 'wait':
      return timingProblems(node.settings, 'wait', node.id, ctx.now);
    case 'externalAction':
      return externalServiceProblems(node);
    default:
      return assertNever(node);
  }
}

function eventProblems(
  node: NodeOfType<'event'>,
  graph: GraphIndex,
  ctx: ValidationContext,
): Problem[] {
  const at = { nodeId: node.id };
  const { on, event, timeout } = node.settings;
  const problems: Problem[] = [];
  if (on === undefined) {
    problems.push(
      problem('EVENT_ON_MISSING', 'Choose whether to listen to accounts or people.', at),
    );
  }
  if (event === undefined || event.trim() === '') {
    problems.push(problem('EVENT_TYPE_MISSING', 'Choose the event to listen for.', at));
  }
  if (timeout) {
    problems.push(...timingProblems(timeout, 'timeout', node.id, ctx.now));
  } else if (outgoingOf(graph, node.id).some((edge) => edge.port === Ports.timeout)) {
    // Skeleton duplication keeps the timeout path while clearing the timeout itself.
    problems.push(
      problem('TIMEOUT_MISSING', 'Set a timeout, or remove the path taken on timeout.', at),
    );
  }
  return problems;
}

/** The same timing rules hold for a Wait node and a listener's timeout. */
function timingProblems(
  timing: Timing,
  what: 'wait' | 'timeout',
  nodeId: string,
  now: Date,
): Problem[] {
  const at = { nodeId };
  const problems: Problem[] = [];
  // "Must end on" alone is a timing too: SPEC §2's examples ("9:00, any day", "Tuesday, no
  // time") wait until the next allowed weekday and time of day.
  const aligned =
    (timing.mustEndOn?.weekdays?.length ?? 0) > 0 || timing.mustEndOn?.time !== undefined;
  if (timing.duration === undefined && timing.date === undefined && !aligned) {
    problems.push(
      problem(
        'TIMING_MISSING',
        `Set how long the ${what} lasts, the date it ends, or the day and time it must end on.`,
        at,
      ),
    );
  }
  if (timing.duration !== undefined && timing.date !== undefined) {
    problems.push(
      problem(
        'TIMING_AMBIGUOUS',
        `Keep either the duration or the date of the ${what}, not both.`,
        at,
      ),
    );
  }
  if (timing.date !== undefined && Date.parse(timing.date) < now.getTime()) {
    problems.push(problem('TIMING_DATE_PAST', `Move the ${what} date into the future.`, at));
  }
  const mustEndOn = timing.mustEndOn;
  if (mustEndOn?.timeZone !== undefined && !isIanaTimeZone(mustEndOn.timeZone)) {
    problems.push(
      problem(
        'TIME_ZONE_INVALID',
        `Replace time zone "${mustEndOn.timeZone}" with an IANA zone such as Europe/Stockholm.`,
        at,
      ),
    );
  }
  if (mustEndOn?.weekdays !== undefined && mustEndOn.weekdays.length === 0) {
    problems.push(
      problem('WEEKDAYS_EMPTY', `Pick at least one weekday the ${what} may end on.`, at),
    );
  }
  return problems;
}

/** Whether the runtime knows the zone; `Intl` throws a RangeError for unknown ones. */
export function isIanaTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function externalServiceProblems(node: JourneyNode): Problem[] {
  if (node.type !== 'externalAction' && node.type !== 'externalSplit') return [];
  return node.settings.serviceId === undefined
    ? [
        problem('EXTERNAL_SERVICE_MISSING', 'Choose the external service to call.', {
          nodeId: node.id,
        }),
      ]
    : [];
}

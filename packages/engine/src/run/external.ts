/**
 * External action / external split (SPEC §2): on arrival a call goes to the outbox (the
 * dispatcher sends it with a signed callback URL) and the account waits, its timer the service's
 * timeout. The callback (or the dispatcher giving up) stores the outcome and wakes it: success
 * continues (`next`, or the split path whose condition the returned values satisfy — they are
 * read as account attributes); an error or the timeout takes `timeoutOrError`.
 */
import type { AccountFacts } from '@caravan/core/conditions/account-facts';
import type { NodeOfType } from '@caravan/core/journey/definition';
import { Ports } from '@caravan/core/journey/definition';
import { queueOutbox } from './account-actions.ts';
import { routeAccount } from './routing.ts';
import type { StepContext, StepOutcome } from './step.ts';

type ExternalNode = NodeOfType<'externalAction'> | NodeOfType<'externalSplit'>;

function withValues(facts: AccountFacts, values: Record<string, unknown>): AccountFacts {
  const attributes = { ...facts.account.attributes } as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) attributes[name] = value;
  return {
    ...facts,
    account: { ...facts.account, attributes: attributes as AccountFacts['account']['attributes'] },
  };
}

export async function external(ctx: StepContext, node: ExternalNode): Promise<StepOutcome> {
  const { batch, enrollment: e } = ctx;
  if (e.phase === 'run') {
    const serviceId = node.settings.serviceId ?? '';
    const service = await batch.trx
      .selectFrom('external_services')
      .select(['id', 'name', 'timeout_seconds'])
      .where('id', '=', serviceId)
      .executeTakeFirst();
    if (!service) {
      return {
        kind: 'move',
        port: Ports.timeoutOrError,
        detail: { decision: 'error', reason: `the external service ${serviceId} does not exist` },
      };
    }
    const people = node.settings.on === 'people' ? ctx.facts.people.map((p) => p.id) : [];
    queueOutbox(
      ctx,
      {
        channel: 'external',
        personId: null,
        recipient: service.name,
        payload: {
          channel: 'external',
          serviceId,
          on: node.settings.on ?? 'accounts',
          inputs: node.settings.inputs ?? {},
          personIds: people,
        },
      },
      node.id,
    );
    const dueAt = new Date(batch.now.getTime() + Number(service.timeout_seconds) * 1000);
    return {
      kind: 'park',
      phase: 'external',
      dueAt,
      state: {},
      detail: { decision: `called "${service.name}"`, until: dueAt.toISOString() },
    };
  }
  const outcome = e.state.external as
    | { status: 'success'; values: Record<string, unknown> }
    | { status: 'error'; reason: string }
    | undefined;
  if (outcome?.status === 'success') {
    if (node.type === 'externalAction')
      return {
        kind: 'move',
        port: Ports.next,
        detail: { decision: 'the service answered', values: outcome.values },
      };
    const routed = routeAccount(
      node.settings.paths,
      node.settings.otherPath === true,
      withValues(ctx.facts, outcome.values),
      batch.now,
    );
    return routed.kind === 'move'
      ? { ...routed, detail: { ...routed.detail, values: outcome.values } }
      : routed;
  }
  if (outcome?.status === 'error')
    return {
      kind: 'move',
      port: Ports.timeoutOrError,
      detail: { decision: 'error', reason: outcome.reason },
    };
  if (e.dueAt !== null && batch.now < e.dueAt)
    return { kind: 'park', phase: 'external', dueAt: e.dueAt, state: e.state };
  return {
    kind: 'move',
    port: Ports.timeoutOrError,
    detail: { decision: 'timed out', reason: 'the service did not answer in time' },
  };
}

/**
 * Random conditions and account snapshots for property tests: the evaluator's own invariants here,
 * and later the storage SQL compiler, which must agree with `evaluate.ts` on every pair. Seeded and
 * dependency-free so that a failing seed can be replayed. Value pools are small on purpose, so that
 * rules often match, differ only by case, or compare across types.
 */
import type { Account } from '../b2b/account.ts';
import type { BuyingGroup } from '../b2b/buying-group.ts';
import type { Person } from '../b2b/person.ts';
import type { AccountFacts, FactEvent } from './account-facts.ts';
import type { Condition, Operator, Rule, RuleValue } from './condition.ts';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** The `now` every random snapshot is built around; evaluate with it. */
export const randomNow = new Date('2030-06-15T12:00:00.000Z');

type Scalar = string | number | boolean;

const texts = ['Software', 'software', 'SOFTWARE', 'Retail', 'Banking', 'Soft', 'Stockholm', ''];
const numbers = [0, 1, 10, 50, 250, 1000, 5000, 1_000_000];
const dates = ['2029-01-01', '2030-06-15', '2030-12-31', '2030-06-15T12:00:00.000Z'];

const accountAttributes = {
  name: texts,
  industry: texts,
  city: texts,
  country: ['Sweden', 'sweden', 'Norway', 'US'],
  sicCode: ['7372', '5411', '6021'],
  annualRevenue: numbers,
  employees: numbers,
  tier: ['Gold', 'gold', 'Silver'],
  seats: numbers,
  active: [true, false],
  renewalDate: dates,
} as const satisfies Record<string, readonly Scalar[]>;

const personAttributes = {
  email: ['ann@example.com', 'BOB@example.com', 'cy@corp.se'],
  firstName: ['Ann', 'ann', 'Bob', 'Cy'],
  jobTitle: ['CTO', 'cto', 'VP Sales', 'Engineer'],
  country: ['Sweden', 'Norway'],
  emailConsent: ['optedIn', 'optedOut'],
  smsConsent: ['optedIn', 'optedOut'],
  score: numbers,
  vip: [true, false],
} as const satisfies Record<string, readonly Scalar[]>;

const roles = ['Decision maker', 'Influencer', 'Champion'];
const solutionInterests = ['si-1', 'si-2'];
const stages = ['Discovery', 'Evaluation', 'Won', 'Lost'];
const listIds = ['list-1', 'list-2', 'list-3'];
const eventTypes = ['emailOpened', 'formFilledOut', 'webPageVisited'];
const campaigns = ['Spring', 'spring', 'Fall'];

const operators: readonly Operator[] = [
  'equals',
  'notEquals',
  'in',
  'notIn',
  'contains',
  'startsWith',
  'greaterThan',
  'greaterOrEqual',
  'lessThan',
  'lessOrEqual',
  'between',
  'exists',
  'notExists',
];

/** A value from the attribute's own pool, or now and then from another type (coercion cases). */
function randomScalar(rng: Rng, pool: readonly Scalar[]): Scalar {
  const roll = rng.next();
  if (roll < 0.75) return rng.pick(pool);
  if (roll < 0.85) return String(rng.pick(pool));
  if (roll < 0.95) return rng.pick([...texts, ...numbers.map(String)]);
  return rng.pick([true, false, 'true', 0]);
}

function randomValue(rng: Rng, operator: Operator, pool: readonly Scalar[]): RuleValue | undefined {
  // A few incomplete rules: they must never match, in memory and in SQL alike.
  if (rng.chance(0.03)) return undefined;
  switch (operator) {
    case 'exists':
    case 'notExists':
      return undefined;
    case 'in':
    case 'notIn':
      return Array.from({ length: rng.int(0, 3) }, () => randomScalar(rng, pool));
    case 'between':
      return [randomScalar(rng, pool), randomScalar(rng, pool)];
    default:
      return randomScalar(rng, pool);
  }
}

function withValue<T extends object>(rule: T, value: RuleValue | undefined): T {
  return value === undefined ? rule : { ...rule, value };
}

function randomRule(rng: Rng): Rule {
  const operator = rng.pick(operators);
  switch (rng.int(0, 5)) {
    case 0: {
      const attribute = rng.pick(Object.keys(accountAttributes)) as keyof typeof accountAttributes;
      const value = randomValue(rng, operator, accountAttributes[attribute]);
      return withValue({ kind: 'account' as const, attribute, operator }, value);
    }
    case 1: {
      const attribute = rng.pick(Object.keys(personAttributes)) as keyof typeof personAttributes;
      const value = randomValue(rng, operator, personAttributes[attribute]);
      return withValue({ kind: 'person' as const, attribute, operator }, value);
    }
    case 2: {
      const roleOperator = rng.pick([
        'equals',
        'notEquals',
        'in',
        'notIn',
        'exists',
        'notExists',
      ] as const);
      return withValue(
        { kind: 'role' as const, operator: roleOperator },
        randomValue(rng, roleOperator, roles),
      );
    }
    case 3:
      return randomBuyingGroupRule(rng, operator);
    case 4:
      return { kind: 'listMembership', listId: rng.pick(listIds), isMember: rng.chance(0.5) };
    default:
      return randomEventRule(rng);
  }
}

function randomBuyingGroupRule(rng: Rng, operator: Operator): Rule {
  const attribute = rng.pick([
    'exists',
    'stage',
    'status',
    'completenessScore',
    'engagementScore',
    'roleCount',
    'memberRole',
  ] as const);
  const pools: Record<typeof attribute, readonly Scalar[]> = {
    exists: [true, false],
    stage: stages,
    status: ['Active', 'active', 'Paused'],
    completenessScore: [0, 25, 50, 75, 100],
    engagementScore: [0, 10, 40, 90],
    roleCount: [0, 1, 2, 3],
    memberRole: roles,
  };
  const rule = {
    kind: 'buyingGroup' as const,
    solutionInterestId: rng.pick(solutionInterests),
    attribute,
    operator,
    ...(attribute === 'roleCount' ? { role: rng.pick(roles) } : {}),
  };
  return withValue(rule, randomValue(rng, operator, pools[attribute]));
}

function randomEventRule(rng: Rng): Rule {
  const constraints = Array.from({ length: rng.int(0, 2) }, () => ({
    field: rng.pick(['campaign', 'score', 'missing']),
    operator: rng.pick(['is', 'isNot'] as const),
    values: Array.from({ length: rng.int(1, 2) }, () =>
      rng.pick<Scalar>([...campaigns, 1, 5, '5']),
    ),
  }));
  return {
    kind: 'eventHistory',
    eventType: rng.pick(eventTypes),
    constraints,
    ...(rng.chance(0.7)
      ? {
          lookback: {
            amount: rng.int(1, 6),
            unit: rng.pick(['hours', 'days', 'weeks', 'months'] as const),
          },
        }
      : {}),
    minCount: rng.int(1, 3),
    didNotDo: rng.chance(0.3),
  };
}

/** A condition of 0–4 random rules, matching all or any. */
export function randomCondition(rng: Rng): Condition {
  return {
    match: rng.chance(0.5) ? 'all' : 'any',
    rules: Array.from({ length: rng.int(0, 4) }, () => randomRule(rng)),
  };
}

/** Picks an attribute value or leaves it missing (`null`). */
function maybe<T>(rng: Rng, pool: readonly T[]): T | null {
  return rng.chance(0.2) ? null : rng.pick(pool);
}

function randomAttributes(
  rng: Rng,
  pools: Record<string, readonly Scalar[]>,
): Record<string, Scalar | null> {
  const attributes: Record<string, Scalar | null> = {};
  for (const [name, pool] of Object.entries(pools)) {
    if (rng.chance(0.7)) attributes[name] = maybe(rng, pool);
  }
  return attributes;
}

function randomAccount(rng: Rng, id: string): Account {
  const a = accountAttributes;
  return {
    id,
    name: rng.pick(a.name),
    domain: maybe(rng, ['example.com', 'corp.se']),
    industry: maybe(rng, a.industry),
    annualRevenue: maybe(rng, a.annualRevenue),
    employees: maybe(rng, a.employees),
    city: maybe(rng, a.city),
    state: null,
    country: maybe(rng, a.country),
    sicCode: maybe(rng, a.sicCode),
    externalId: null,
    attributes: randomAttributes(rng, {
      tier: a.tier,
      seats: a.seats,
      active: a.active,
      renewalDate: a.renewalDate,
    }),
  };
}

function randomPerson(rng: Rng, id: string): Person & { role: string | null } {
  const p = personAttributes;
  return {
    id,
    email: maybe(rng, p.email),
    mobilePhone: null,
    firstName: maybe(rng, p.firstName),
    lastName: null,
    jobTitle: maybe(rng, p.jobTitle),
    city: null,
    country: maybe(rng, p.country),
    emailConsent: rng.pick(p.emailConsent),
    smsConsent: rng.pick(p.smsConsent),
    externalId: null,
    attributes: randomAttributes(rng, { score: p.score, vip: p.vip }),
    role: maybe(rng, roles),
  };
}

function randomBuyingGroup(
  rng: Rng,
  accountId: string,
  solutionInterestId: string,
  people: readonly Person[],
): BuyingGroup {
  const members = people
    .filter(() => rng.chance(0.6))
    .map((p) => ({
      personId: p.id,
      role: rng.pick(roles),
      source: rng.pick(['manual', 'journey', 'automatic'] as const),
    }));
  return {
    id: `${accountId}-${solutionInterestId}`,
    solutionInterestId,
    accountId,
    stage: rng.pick(stages),
    status: maybe(rng, ['Active', 'Paused']),
    members,
    completenessScore: rng.pick([0, 25, 50, 75, 100]),
    engagementScore: rng.pick([0, 10, 40, 90]),
  };
}

function randomEvent(rng: Rng, people: readonly Person[]): FactEvent {
  // Mostly within the last four months, sometimes slightly in the future (must not count).
  const offsetMs = rng.int(-120 * 24, 12) * 3_600_000 + rng.int(0, 3_599) * 1000;
  const properties: FactEvent['properties'] = {};
  if (rng.chance(0.8)) properties['campaign'] = maybe(rng, campaigns);
  if (rng.chance(0.6)) properties['score'] = rng.int(0, 10);
  return {
    type: rng.pick(eventTypes),
    occurredAt: new Date(randomNow.getTime() + offsetMs).toISOString(),
    personId: people.length > 0 && rng.chance(0.8) ? rng.pick(people).id : null,
    properties,
  };
}

/** An account with 0–4 people, 0–2 buying groups, some lists and 0–12 events around `randomNow`. */
export function randomAccountFacts(
  rng: Rng,
  id = `account-${rng.int(1, 1_000_000)}`,
): AccountFacts {
  const people = Array.from({ length: rng.int(0, 4) }, (_, i) =>
    randomPerson(rng, `${id}-person-${i}`),
  );
  return {
    account: randomAccount(rng, id),
    people,
    buyingGroups: solutionInterests
      .filter(() => rng.chance(0.5))
      .map((si) => randomBuyingGroup(rng, id, si, people)),
    listIds: listIds.filter(() => rng.chance(0.4)),
    events: Array.from({ length: rng.int(0, 12) }, () => randomEvent(rng, people)),
  };
}

/**
 * Demo B2B data for a first start (CARAVAN_DEMO, on by default): ~300 accounts over ten industries
 * and countries with their people, two solution interests with buying groups, audiences, a static
 * list, emails, SMS, event types and recent activities — so every screen has something to show.
 *
 * Generated from a seeded PRNG, so every instance gets the same companies and people. Accounts,
 * people, memberships and activities go through the bulk writes (a few statements in all); where
 * behaviour matters (auto-assigned buying groups, audience evaluation, content checks) it goes
 * through the services. Runs only while there is no account at all.
 */
import {
  defaultEngagementSaturation,
  defaultEngagementWeights,
} from '@caravan/core/b2b/engagement-score';
import type { RoleWeight } from '@caravan/core/b2b/role-template';
import type { SolutionInterest } from '@caravan/core/b2b/solution-interest';
import type { StageKind } from '@caravan/core/b2b/stage-model';
import type { Condition, Operator, Rule, RuleValue } from '@caravan/core/conditions/condition';
import type { EmailInput } from '@caravan/core/content/email';
import type { Result } from '@caravan/core/result';
import type { AccountUpsert } from '@caravan/storage/account-upsert.repository';
import { upsertAccounts } from '@caravan/storage/account-upsert.repository';
import { listAccounts } from '@caravan/storage/account.repository';
import { recordActivities, type NewActivity } from '@caravan/storage/activity.repository';
import { upsertPeople } from '@caravan/storage/person-upsert.repository';
import {
  changeStaticMembers,
  createAccountList,
  publishAccountList,
} from '../segments/account-lists.service.ts';
import type { DataDeps } from '../data/attribute-definitions.service.ts';
import { createAudience } from '../segments/audiences.service.ts';
import { createBuyingGroups } from '../buying-groups/buying-group-creation.ts';
import { changeBuyingGroup } from '../buying-groups/buying-groups.service.ts';
import { createEmail, createSms } from '../content/content.service.ts';
import { insertMemberships, type NewMembership } from '../import/csv-import-links.ts';
import {
  between,
  day,
  demoB2bDataset,
  nordics,
  pick,
  seededRandom,
  words,
  type DemoDataset,
  type Random,
} from './demo-b2b-dataset.ts';
import { createEventType } from '../data/event-types.service.ts';
import {
  recomputeEngagementScores,
  saveEngagementSettings,
} from '../buying-groups/engagement.service.ts';
import {
  type RoleTemplateInput,
  type StageModelInput,
  createRoleTemplate,
  createSolutionInterest,
  createStageModel,
} from '../buying-groups/solution-interests.service.ts';

export interface DemoB2bSummary {
  accounts: number;
  people: number;
  buyingGroups: number;
  audiences: number;
  accountLists: number;
  emails: number;
  sms: number;
  eventTypes: number;
  activities: number;
}

function orThrow<T>(result: Result<T, { message: string }>, what: string): T {
  if (!result.ok) throw new Error(`demo data, ${what}: ${result.error.message}`);
  return result.value;
}

const allOf = (...rules: Rule[]): Condition => ({ match: 'all', rules });
const accountIs = (attribute: string, operator: Operator, value: RuleValue): Rule => ({
  kind: 'account',
  attribute,
  operator,
  value,
});
const titleIn = (titles: string[]): Condition =>
  allOf({ kind: 'person', attribute: 'jobTitle', operator: 'in', value: titles });

/** Person events as `name|label|property|property label|sample values`. */
const eventKinds = [
  'webinarAttended|Webinar attended|webinar|Webinar|Data platform 2026,Zero trust in practice',
  'demoRequested|Demo requested|product|Product|Analytics Cloud,Security Suite',
  'pricingPageVisited|Pricing page visited|page|Page|/pricing,/pricing/enterprise',
].map((line) => {
  const [name = '', label = '', field = '', fieldLabel = '', values = ''] = line.split('|');
  return { name, label, field, fieldLabel, values: values.split(',') };
});

async function createEventTypes(deps: DataDeps): Promise<number> {
  let created = 0;
  for (const kind of eventKinds) {
    const fields = [{ name: kind.field, label: kind.fieldLabel, type: 'text' as const }];
    const made = await createEventType(deps, { ...kind, entity: 'person', fields });
    // An event type of the same name may exist already (made before any account): keep it.
    if (made.ok) created += 1;
  }
  return created;
}

/** The defaults, and weights for the demo's own activity types so that they count. */
const demoEngagementWeights = {
  ...defaultEngagementWeights,
  webinarAttended: { points: 5, dailyCap: 10 },
  demoRequested: { points: 10, dailyCap: 20 },
  pricingPageVisited: { points: 2, dailyCap: 6 },
};

/** About a third of the people did something in the last 60 days. */
function demoActivities(random: Random, dataset: DemoDataset, ids: string[], now: Date) {
  const activities: NewActivity[] = [];
  dataset.people.forEach((person, i) => {
    if (random() > 0.35) return;
    const kind = pick(random, eventKinds);
    const ago = between(random, 1, 60) * day + between(random, 0, 86_000) * 1000;
    const occurredAt = new Date(now.getTime() - ago);
    activities.push({
      id: crypto.randomUUID(),
      type: kind.name,
      accountId: dataset.accounts[person.accountIndex]?.id as string,
      personId: ids[i] ?? null,
      occurredAt,
      receivedAt: occurredAt,
      messageId: `demo-activity-${i}`,
      properties: { [kind.field]: pick(random, kind.values) },
    });
  });
  return activities;
}

async function loadRecords(deps: DataDeps, dataset: DemoDataset, now: Date) {
  const db = deps.database.db;
  await upsertAccounts(db, dataset.accounts, now);
  const people = await upsertPeople(
    db,
    dataset.people.map((p) => p.row),
    now,
  );
  const memberships: NewMembership[] = dataset.people.map((person, i) => ({
    accountId: dataset.accounts[person.accountIndex]?.id as string,
    personId: people.ids[i] as string,
    role: person.role,
  }));
  await insertMemberships(db, memberships, now);
  return people.ids;
}

/** Roles as `name|weight|members required|job titles auto-assigned|counts for completeness`. */
function roleTemplate(name: string, description: string, roles: string[]): RoleTemplateInput {
  return {
    name,
    description,
    roles: roles.map((line, i) => {
      const [role = '', weight, required, titles = '', counts] = line.split('|');
      return {
        name: role,
        weight: Number(weight) as RoleWeight,
        membersRequired: Number(required),
        autoAssign: titleIn(titles.split(',')),
        requiredForCompleteness: counts === 'yes',
        priority: i + 1,
      };
    }),
  };
}

/** Stages as `name:kind`, transitions as `from>to`. */
function stageModel(name: string, stages: string, transitions: string): StageModelInput {
  return {
    name,
    stages: words(stages).map((pair) => {
      const [stage = '', kind] = pair.split(':');
      return { name: stage, kind: kind as StageKind };
    }),
    transitions: words(transitions).map((pair) => {
      const [from = '', to = ''] = pair.split('>');
      return { from, to };
    }),
  };
}

async function createInterest(
  deps: DataDeps,
  interest: { name: string; description: string },
  template: RoleTemplateInput,
  model: StageModelInput,
): Promise<SolutionInterest> {
  const roles = orThrow(await createRoleTemplate(deps, template), 'role template');
  const stages = orThrow(await createStageModel(deps, model), 'stage model');
  const input = { ...interest, roleTemplateId: roles.id, stageModelId: stages.id };
  return orThrow(await createSolutionInterest(deps, input), 'solution interest');
}

/**
 * Groups for about half the accounts of the industries, then half of those moved along one of the
 * stage paths (`A>B>C`), so the board shows every stage.
 */
async function createGroups(
  deps: DataDeps,
  random: Random,
  interestId: string,
  accounts: readonly AccountUpsert[],
  target: { industries: string[]; stagePaths: string[] },
): Promise<number> {
  const chosen = accounts.filter(
    (a) => target.industries.includes(a.industry ?? '') && random() < 0.5,
  );
  const ids = chosen.map((a) => a.id);
  const made = orThrow(await createBuyingGroups(deps, interestId, ids), 'buying groups').created;
  for (const group of made) {
    if (random() < 0.5) continue;
    for (const stage of pick(random, target.stagePaths).split('>')) {
      orThrow(await changeBuyingGroup(deps, group.id, { stage }), 'buying group stage');
    }
  }
  return made.length;
}

async function createInterestsAndGroups(deps: DataDeps, random: Random, accounts: AccountUpsert[]) {
  const analytics = await createInterest(
    deps,
    { name: 'Analytics Cloud', description: 'Our cloud analytics platform.' },
    roleTemplate('Analytics buying committee', 'Who decides on an analytics platform.', [
      'Economic buyer|100|1|CMO,CFO|yes',
      'Technical evaluator|80|1|CTO,IT Director|yes',
      'Champion|60|1|Marketing Manager,Data Analyst|yes',
      'Procurement|40|1|Head of Procurement,Finance Manager|no',
    ]),
    stageModel(
      'Enterprise sales stages',
      'Prospect:entry, Engaged:inProgress, Evaluating:inProgress, Won:success, Lost:failure',
      'Prospect>Engaged, Engaged>Evaluating, Evaluating>Won, Engaged>Lost, Evaluating>Lost',
    ),
  );
  const security = await createInterest(
    deps,
    { name: 'Security Suite', description: 'Threat detection and access management.' },
    roleTemplate('Security buying committee', 'Who decides on security tooling.', [
      'Security lead|100|1|CISO,IT Director|yes',
      'Executive sponsor|80|1|CTO,CFO|yes',
      'Practitioner|40|2|Security Engineer,Software Engineer|yes',
      'Procurement|20|1|Head of Procurement|no',
    ]),
    stageModel(
      'Pilot to expansion',
      'Identified:entry, Pilot:inProgress, Expanded:success, Churned:failure',
      'Identified>Pilot, Pilot>Expanded, Pilot>Churned',
    ),
  );
  const analyticsGroups = await createGroups(deps, random, analytics.id, accounts, {
    industries: ['Software', 'Retail', 'Media', 'Finance'],
    stagePaths: ['Engaged', 'Engaged>Evaluating', 'Engaged>Evaluating>Won', 'Engaged>Lost'],
  });
  const securityGroups = await createGroups(deps, random, security.id, accounts, {
    industries: ['Finance', 'Healthcare', 'Energy', 'Telecommunications'],
    stagePaths: ['Pilot', 'Pilot>Expanded', 'Pilot>Churned'],
  });
  return analyticsGroups + securityGroups;
}

async function createSegments(deps: DataDeps, random: Random, accounts: AccountUpsert[]) {
  const audiences: Array<{ name: string; description: string; condition: Condition }> = [
    {
      name: 'Software in the Nordics',
      description: 'Software companies in Sweden, Norway, Denmark and Finland.',
      condition: allOf(
        accountIs('industry', 'equals', 'Software'),
        accountIs('country', 'in', nordics),
      ),
    },
    {
      name: 'Enterprise (over 1,000 employees)',
      description: 'Accounts with more than 1,000 employees.',
      condition: allOf(accountIs('employees', 'greaterThan', 1000)),
    },
    {
      name: 'Finance with a decision maker',
      description: 'Finance accounts where we know a decision maker.',
      condition: allOf(accountIs('industry', 'equals', 'Finance'), {
        kind: 'role',
        operator: 'equals',
        value: 'Decision maker',
      }),
    },
  ];
  for (const audience of audiences) orThrow(await createAudience(deps, audience), 'audience');
  const list = orThrow(
    await createAccountList(deps, {
      name: 'Key accounts 2026',
      description: 'Named accounts sales asked marketing to focus on.',
      kind: 'static',
    }),
    'account list',
  );
  const keyAccounts = accounts.filter(() => random() < 0.08).map((a) => a.id);
  orThrow(await changeStaticMembers(deps, list.id, 'add', keyAccounts), 'account list members');
  orThrow(await publishAccountList(deps, list.id), 'account list');
  return { audiences: audiences.length, accountLists: 1 };
}

const hello = 'Hi {{person.firstName | default: "there"}},';

/** An email whose HTML and text say the same, each with the unsubscribe link. */
function demoEmail(name: string, subject: string, preheader: string, body: string): EmailInput {
  return {
    name,
    subject,
    preheader,
    fromName: 'Caravan Demo',
    fromEmail: 'marketing@example.com',
    replyTo: null,
    html: `<p>${hello}</p><p>${body}</p><p><a href="{{system.unsubscribeUrl}}">Unsubscribe</a></p>`,
    text: `${hello}\n\n${body}\n\nUnsubscribe: {{system.unsubscribeUrl}}`,
  };
}

async function createContent(deps: DataDeps) {
  const emails = [
    demoEmail(
      'Analytics Cloud — webinar invitation',
      '{{person.firstName | default: "there"}}, see Analytics Cloud live',
      'A 30-minute tour of dashboards your team can build in a day.',
      'Join our live tour of Analytics Cloud and see what {{account.name}} could build in a day.',
    ),
    demoEmail(
      'Security Suite — threat report',
      'The 2026 threat report for {{account.industry | default: "your industry"}}',
      'What changed this year, and what to do about it.',
      'Our 2026 threat report is out. Here is what it means for {{account.name}}.',
    ),
  ];
  for (const email of emails) orThrow(await createEmail(deps, email), 'email');
  const messages = [
    { name: 'Webinar reminder', message: 'the Analytics Cloud webinar starts in 1 hour.' },
    { name: 'Demo follow-up', message: 'thanks for your demo request. Reply with a good time.' },
  ].map((sms) => ({
    name: sms.name,
    message: `${hello.slice(0, -1)}, ${sms.message} Stop: {{system.unsubscribeUrl}}`,
  }));
  for (const sms of messages) orThrow(await createSms(deps, sms), 'SMS');
  return { emails: emails.length, sms: messages.length };
}

/**
 * Loads the demo dataset when there is no account at all; answers what it made, or undefined when
 * accounts exist (so a restart, or a second call, adds nothing).
 */
export async function loadDemoB2bData(
  deps: DataDeps,
  now: Date,
): Promise<DemoB2bSummary | undefined> {
  const existing = await listAccounts(deps.database.db, { limit: 1, offset: 0 });
  if (existing.total > 0) return undefined;
  const dataset = demoB2bDataset();
  const random = seededRandom(7);
  const eventTypes = await createEventTypes(deps);
  const personIds = await loadRecords(deps, dataset, now);
  const activities = await recordActivities(
    deps.database.db,
    demoActivities(random, dataset, personIds, now),
  );
  const buyingGroups = await createInterestsAndGroups(deps, random, dataset.accounts);
  // Scores as the daily run computes them, from the activities above under the demo's weights.
  await saveEngagementSettings(deps, {
    weights: demoEngagementWeights,
    saturation: defaultEngagementSaturation,
  });
  await recomputeEngagementScores(deps);
  const segments = await createSegments(deps, random, dataset.accounts);
  const content = await createContent(deps);
  return {
    accounts: dataset.accounts.length,
    people: dataset.people.length,
    buyingGroups,
    ...segments,
    ...content,
    eventTypes,
    activities,
  };
}

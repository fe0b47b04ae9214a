/**
 * What the map says about a node, in the marketer's language: its title ("Send email", "Wait 3
 * days") and a one-line summary of its settings ("Welcome email", "3 days, then Monday–Friday
 * 09:00 CET", "Industry is Software · Other"). Pure: names of audiences, emails, lists … come in
 * through `MapNames`, words through `t`. Titles follow the current language and are never stored.
 */
import type { Condition, Rule, RuleValue } from '@caravan/core/conditions/condition';
import type {
  Duration,
  JourneyNode,
  NodeOfType,
  PeopleAction,
  AccountAction,
  Timing,
  Weekday,
} from '@caravan/core/journey/definition';
import { assertNever } from '@caravan/core/result';
import type { TFunction } from 'i18next';
import { dateTimeFormat, numberFormat } from '../layout/format.ts';

export interface MapNames {
  /** Name of an audience, list, email, SMS, journey, solution interest or service by id. */
  name(id: string): string | undefined;
  /** Current size of an audience or list by id. */
  size(id: string): number | undefined;
  /** Label of an attribute ("Industry" for industry). */
  attribute(name: string): string;
  /** Label of an event type ("Clicked a link in an email" for emailClicked). */
  event(name: string): string;
}

export const plainNames: MapNames = {
  name: () => undefined,
  size: () => undefined,
  attribute: (name) => name,
  event: (name) => name,
};

type Action = AccountAction | PeopleAction;

export function durationWords(t: TFunction, duration: Duration): string {
  return t(`mapText.durations.${duration.unit}`, { count: duration.amount });
}

/** The node's title: what it does, in a few words. */
export function nodeTitleText(t: TFunction, node: JourneyNode): string {
  switch (node.type) {
    case 'audience':
      return node.settings.source === 'accountList'
        ? t('mapText.titles.accountList')
        : t('mapText.titles.audience');
    case 'action':
      return node.settings.action
        ? t(`mapText.actionTitles.${node.settings.action.type}`)
        : t('mapText.titles.action');
    case 'wait':
      if (node.settings.duration) {
        return t('mapText.titles.waitFor', { duration: durationWords(t, node.settings.duration) });
      }
      if (node.settings.date) {
        return t('mapText.titles.waitUntil', {
          date: node.settings.date.slice(0, 16).replace('T', ' '),
        });
      }
      return t('mapText.titles.wait');
    case 'event':
    case 'split':
    case 'variantSplit':
    case 'merge':
    case 'externalAction':
    case 'externalSplit':
      return t(`mapText.titles.${node.type}`);
    default:
      return assertNever(node);
  }
}

const weekOrder: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** "Monday–Friday", "Monday, Wednesday": runs of three or more days joined by a dash. */
function weekdayWords(t: TFunction, days: readonly Weekday[]): string {
  const sorted = weekOrder.filter((d) => days.includes(d));
  const runs: Weekday[][] = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    if (last && prev && weekOrder.indexOf(prev) + 1 === weekOrder.indexOf(day)) last.push(day);
    else runs.push([day]);
  }
  const name = (d: Weekday) => t(`mapText.weekdays.${d}`);
  return runs
    .flatMap((run) =>
      run.length >= 3 ? [`${name(run[0]!)}–${name(run.at(-1)!)}`] : run.map((d) => name(d)),
    )
    .join(', ');
}

function zoneAbbreviation(zone: string, language: string): string {
  try {
    const parts = dateTimeFormat(language === 'sv' ? 'en' : language, {
      timeZone: zone,
      timeZoneName: 'short',
    }).formatToParts(new Date(Date.UTC(2026, 0, 15)));
    const short = parts.find((p) => p.type === 'timeZoneName')?.value;
    // "GMT+1" says less than the zone's name.
    return short && !short.startsWith('GMT') ? short : zone;
  } catch {
    return zone;
  }
}

/** "3 days, then Monday–Friday 09:00 CET"; "until 2026-12-24 09:00". */
export function timingWords(t: TFunction, timing: Timing, language: string): string {
  const base = timing.duration
    ? durationWords(t, timing.duration)
    : timing.date
      ? t('mapText.summary.until', { date: timing.date.slice(0, 16).replace('T', ' ') })
      : '';
  const end = timing.mustEndOn;
  if (!end || (!end.weekdays?.length && !end.time)) return base;
  const when = [
    end.weekdays?.length ? weekdayWords(t, end.weekdays) : '',
    end.time ?? '',
    end.time && end.timeZone ? zoneAbbreviation(end.timeZone, language) : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  return base === '' ? when : t('mapText.summary.then', { first: base, then: when });
}

function valueWords(t: TFunction, value: RuleValue | undefined): string {
  if (value === undefined) return '…';
  const one = (v: string | number | boolean) =>
    typeof v === 'boolean' ? t(v ? 'mapText.summary.yes' : 'mapText.summary.no') : String(v);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/** One rule in words: "Industry is Software", "Employees is between 50 and 200". */
export function ruleWords(t: TFunction, names: MapNames, rule: Rule): string {
  switch (rule.kind) {
    case 'account':
    case 'person':
    case 'role':
    case 'buyingGroup': {
      const subject =
        rule.kind === 'role'
          ? t('mapText.summary.role')
          : rule.kind === 'buyingGroup'
            ? t('mapText.summary.buyingGroup', {
                interest: names.name(rule.solutionInterestId) ?? '…',
                attribute: t(`mapText.summary.groupAttributes.${rule.attribute}`),
              })
            : names.attribute(rule.attribute);
      if (rule.operator === 'between' && Array.isArray(rule.value)) {
        return t('mapText.operators.betweenWords', {
          subject,
          from: String(rule.value[0]),
          to: String(rule.value[1]),
        });
      }
      return t(`mapText.operators.${rule.operator}`, { subject, value: valueWords(t, rule.value) });
    }
    case 'listMembership':
      return t(rule.isMember ? 'mapText.summary.inList' : 'mapText.summary.notInList', {
        list: names.name(rule.listId) ?? '…',
      });
    case 'eventHistory':
      return t(rule.didNotDo ? 'mapText.summary.didNot' : 'mapText.summary.did', {
        event: names.event(rule.eventType),
      });
    default:
      return assertNever(rule);
  }
}

export function conditionWords(t: TFunction, names: MapNames, condition?: Condition): string {
  if (!condition || condition.rules.length === 0) return t('mapText.summary.noCondition');
  const join = t(condition.match === 'all' ? 'mapText.summary.and' : 'mapText.summary.or');
  return condition.rules.map((r) => ruleWords(t, names, r)).join(` ${join} `);
}

function actionSummary(t: TFunction, names: MapNames, action: Action): string {
  const named = (id: string | undefined) => (id ? (names.name(id) ?? '…') : '');
  switch (action.type) {
    case 'sendEmail':
      return action.emailId
        ? named(action.emailId)
        : (action.content?.subject ?? t('mapText.summary.notChosen'));
    case 'sendSms':
      return action.smsId ? named(action.smsId) : (action.content?.message ?? '').slice(0, 60);
    case 'addToJourney':
    case 'removeFromJourney':
      return named(action.journeyId);
    case 'addToAccountList':
    case 'removeFromAccountList':
      return named(action.listId);
    case 'sendSalesAlert':
      return (action.to ?? []).join(', ');
    case 'updateAccount':
    case 'updatePerson':
      return action.attribute
        ? t('mapText.summary.setTo', {
            attribute: names.attribute(action.attribute),
            value: valueWords(t, action.value ?? undefined),
          })
        : '';
    case 'updateBuyingGroupStage':
      return [named(action.solutionInterestId), action.stage].filter(Boolean).join(' → ');
    case 'updateBuyingGroupStatus':
      return [named(action.solutionInterestId), action.status].filter(Boolean).join(' → ');
    case 'assignToBuyingGroup':
      return [named(action.solutionInterestId), action.role].filter(Boolean).join(' · ');
    case 'removeFromBuyingGroup':
      return named(action.solutionInterestId);
    case 'interestingMoment':
      return action.description ?? '';
    case 'webhook':
      return action.url ?? '';
    default:
      return assertNever(action);
  }
}

function eventSummary(
  t: TFunction,
  names: MapNames,
  node: NodeOfType<'event'>,
  language: string,
): string {
  const s = node.settings;
  if (!s.event) return t('mapText.summary.noEvent');
  const constraints = (s.constraints ?? []).map((c) => constraintWords(t, names, c));
  const timeout =
    s.timeout && s.timeoutPath !== false
      ? [t('mapText.summary.timeoutAfter', { timing: timingWords(t, s.timeout, language) })]
      : [];
  return [names.event(s.event), ...constraints, ...timeout].join(' · ');
}

/** A listener's constraint as a marketer reads it: "in email Welcome", "link https://…". */
export function constraintWords(
  t: TFunction,
  names: MapNames,
  c: { field: string; operator: 'is' | 'isNot'; values: (string | number | boolean)[] },
): string {
  const values = c.values.map((v) => (typeof v === 'string' ? (names.name(v) ?? v) : String(v)));
  const field = t(`mapText.constraintFields.${c.field}`, { defaultValue: c.field });
  return t(
    c.operator === 'is' ? 'mapText.summary.constraintIs' : 'mapText.summary.constraintIsNot',
    {
      field,
      values: values.join(', '),
    },
  );
}

/** The node's one-line summary; empty when there is nothing chosen to say. */
export function nodeSummary(
  t: TFunction,
  names: MapNames,
  node: JourneyNode,
  language: string,
): string {
  switch (node.type) {
    case 'audience': {
      const id = node.settings.sourceId;
      if (!id) return t('mapText.summary.notChosen');
      const size = names.size(id);
      const name = names.name(id) ?? '…';
      return size === undefined
        ? name
        : t('mapText.summary.withSize', {
            name,
            size: numberFormat(language).format(size),
            count: size,
          });
    }
    case 'action':
      return node.settings.action
        ? actionSummary(t, names, node.settings.action)
        : t('mapText.summary.notChosen');
    case 'wait':
      // The title already says "Wait 3 days"; the summary adds what aligns the exit, if anything.
      return node.settings.mustEndOn ? timingWords(t, node.settings, language) : '';
    case 'event':
      return eventSummary(t, names, node, language);
    case 'split':
    case 'externalSplit':
      return [
        ...node.settings.paths.map((p) =>
          node.type === 'split' ? conditionWords(t, names, p.condition) : p.label,
        ),
        ...(node.settings.otherPath ? [t('edges.other')] : []),
      ].join(' · ');
    case 'variantSplit':
      return node.settings.paths
        .map((p) => (p.percent === undefined ? p.label : `${p.label} ${p.percent}%`))
        .join(' · ');
    case 'merge':
      return '';
    case 'externalAction':
      return node.settings.serviceId ? (names.name(node.settings.serviceId) ?? '') : '';
    default:
      return assertNever(node);
  }
}

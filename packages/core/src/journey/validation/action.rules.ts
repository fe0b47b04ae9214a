/** Rules on a Take-an-action node: its audience, its action and the action's parameters. */
import { assertNever } from '../../result.ts';
import { AccountAction, PeopleAction, type AuthoredEmail, type NodeOfType } from '../definition.ts';
import { actionTitles } from '../node-title.ts';
import type { ValidationContext } from './context.ts';
import { problem, type Problem, type ProblemCode } from './problem.ts';

type ActionNode = NodeOfType<'action'>;
type Action = AccountAction | PeopleAction;

const accountActionTypes: ReadonlySet<string> = new Set(
  AccountAction.options.map((option) => option.shape.type.value),
);
const peopleActionTypes: ReadonlySet<string> = new Set(
  PeopleAction.options.map((option) => option.shape.type.value),
);

/** SMS length limit (SPEC §5) and buying-group status limit (SPEC §2), in characters. */
export const maxSmsLength = 1600;
export const maxBuyingGroupStatusLength = 50;

/** The problems of a Take-an-action node's settings. */
export function actionProblems(node: ActionNode, ctx: ValidationContext): Problem[] {
  const at = { nodeId: node.id };
  const { on, action } = node.settings;
  const problems: Problem[] = [];
  if (on === undefined) {
    problems.push(
      problem('ACTION_ON_MISSING', 'Choose whether the action acts on accounts or on people.', at),
    );
  }
  if (action === undefined) {
    problems.push(problem('ACTION_MISSING', 'Choose the action to take.', at));
    return problems;
  }
  const allowed = on === 'people' ? peopleActionTypes : accountActionTypes;
  // The schema already pairs actions with `on`; this guards definitions built without parsing.
  if (on !== undefined && !allowed.has(action.type)) {
    problems.push(
      problem(
        'ACTION_WRONG_AUDIENCE',
        `"${actionTitles[action.type]}" is not an action on ${on}; choose another action ` +
          `or switch the node to ${on === 'people' ? 'accounts' : 'people'}.`,
        at,
      ),
    );
  }
  problems.push(...parameterProblems(action, node.id, ctx));
  return problems;
}

type ActionOfType<T extends Action['type']> = Extract<Action, { type: T }>;

/** The parameters each action cannot do without, and how a message names them. */
const requiredParameters: {
  readonly [T in Action['type']]: readonly (readonly [keyof ActionOfType<T>, string])[];
} = {
  addToJourney: [['journeyId', 'the journey to add the account to']],
  removeFromJourney: [['journeyId', 'the journey to remove the account from']],
  addToAccountList: [['listId', 'the account list to add the account to']],
  removeFromAccountList: [['listId', 'the account list to remove the account from']],
  sendSalesAlert: [['solutionInterestId', 'the solution interest of the sales alert']],
  updateAccount: [
    ['attribute', 'the attribute to update'],
    ['value', 'the new value of the attribute'],
  ],
  updateBuyingGroupStage: [
    ['solutionInterestId', 'the solution interest of the buying group'],
    ['stage', 'the new buying group stage'],
  ],
  updateBuyingGroupStatus: [
    ['solutionInterestId', 'the solution interest of the buying group'],
    ['status', 'the new buying group status'],
  ],
  interestingMoment: [
    ['momentType', 'the type of the interesting moment'],
    ['description', 'the description of the interesting moment'],
  ],
  // The URL has its own rule (it must also be http(s)); emails and SMS have theirs.
  webhook: [],
  sendEmail: [],
  sendSms: [],
  assignToBuyingGroup: [
    ['solutionInterestId', 'the solution interest of the buying group'],
    ['role', 'the role to assign'],
  ],
  removeFromBuyingGroup: [['solutionInterestId', 'the solution interest of the buying group']],
  updatePerson: [
    ['attribute', 'the attribute to update'],
    ['value', 'the new value of the attribute'],
  ],
};

function parameterProblems(action: Action, nodeId: string, ctx: ValidationContext): Problem[] {
  const values = action as Readonly<Record<string, unknown>>;
  const required = requiredParameters[action.type] as readonly (readonly [string, string])[];
  const missing = required
    // `null` is a value here: updating an attribute to null clears it.
    .filter(([field]) => isBlank(values[field]) && !(field === 'value' && values[field] === null))
    .map(([, what]) => problem('ACTION_SETTING_MISSING', `Set ${what}.`, { nodeId }));
  return [...missing, ...specialParameterProblems(action, nodeId, ctx)];
}

/** Rules beyond "is set" for the actions that have them. */
function specialParameterProblems(
  action: Action,
  nodeId: string,
  ctx: ValidationContext,
): Problem[] {
  switch (action.type) {
    case 'addToJourney':
      return action.journeyId !== undefined && action.journeyId === ctx.selfId
        ? [
            problem(
              'ADD_TO_SAME_JOURNEY',
              'Choose another journey: an account cannot be added to the journey it is in.',
              { nodeId },
            ),
          ]
        : [];
    case 'sendSalesAlert':
      return salesAlertRecipientProblems(action.to, nodeId);
    case 'updateBuyingGroupStatus':
      return tooLong(
        action.status,
        maxBuyingGroupStatusLength,
        'BUYING_GROUP_STATUS_TOO_LONG',
        nodeId,
      );
    case 'webhook':
      return isHttpUrl(action.url)
        ? []
        : [
            problem('WEBHOOK_URL_INVALID', 'Set the webhook URL to an http(s) address.', {
              nodeId,
            }),
          ];
    case 'sendEmail':
      return action.emailId === undefined ? authoredEmailProblems(action.content, nodeId) : [];
    case 'sendSms':
      return action.smsId === undefined ? authoredSmsProblems(action.content?.message, nodeId) : [];
    case 'removeFromJourney':
    case 'addToAccountList':
    case 'removeFromAccountList':
    case 'updateAccount':
    case 'updateBuyingGroupStage':
    case 'interestingMoment':
    case 'assignToBuyingGroup':
    case 'removeFromBuyingGroup':
    case 'updatePerson':
      return [];
    default:
      return assertNever(action);
  }
}

function salesAlertRecipientProblems(to: string[] | undefined, nodeId: string): Problem[] {
  if (!to || to.length === 0) {
    return [
      problem('ACTION_SETTING_MISSING', 'Add at least one sales alert recipient.', { nodeId }),
    ];
  }
  return to
    .filter((address) => !/^[^\s@]+@[^\s@]+$/.test(address))
    .map((address) =>
      problem(
        'SALES_ALERT_RECIPIENT_INVALID',
        `Replace sales alert recipient "${address}" with an email address.`,
        { nodeId },
      ),
    );
}

/**
 * A referenced email (`emailId`) wins over authored content: the library email is checked by the
 * reference rules, so authored fields are only required when there is no `emailId`.
 */
function authoredEmailProblems(content: AuthoredEmail | undefined, nodeId: string): Problem[] {
  const at = { nodeId };
  if (content === undefined) {
    return [problem('EMAIL_NOT_SET', 'Choose an email or write one for this action.', at)];
  }
  const problems: Problem[] = [];
  if (isBlank(content.subject)) {
    problems.push(problem('EMAIL_SUBJECT_MISSING', 'Give the email a subject.', at));
  }
  if (isBlank(content.fromName)) {
    problems.push(problem('EMAIL_FROM_NAME_MISSING', 'Give the email a from name.', at));
  }
  if (isBlank(content.html) && isBlank(content.text)) {
    problems.push(problem('EMAIL_BODY_MISSING', 'Write the body of the email.', at));
  }
  if (!isBlank(content.html)) {
    if (!hasUnsubscribeLink(content.html ?? '')) {
      problems.push(
        problem(
          'EMAIL_UNSUBSCRIBE_MISSING',
          'Add an unsubscribe link to the email ({{unsubscribe}} or a link to unsubscribe).',
          at,
        ),
      );
    }
    if (isBlank(content.text)) {
      problems.push(problem('EMAIL_TEXT_EMPTY', 'Write a text version of the email.', at));
    }
  }
  return problems;
}

function authoredSmsProblems(message: string | undefined, nodeId: string): Problem[] {
  if (isBlank(message)) {
    return [
      problem('SMS_NOT_SET', 'Choose an SMS or write its message for this action.', { nodeId }),
    ];
  }
  return tooLong(message, maxSmsLength, 'SMS_TOO_LONG', nodeId);
}

/** Counted in characters as people see them (code points), not UTF-16 units. */
function tooLong(
  value: string | undefined,
  max: number,
  code: ProblemCode,
  nodeId: string,
): Problem[] {
  if (value === undefined) return [];
  const length = [...value].length;
  if (length <= max) return [];
  return [
    problem(code, `Shorten the text to at most ${max} characters (it has ${length}).`, { nodeId }),
  ];
}

/** An `{{unsubscribe}}` token, or a link whose address or text mentions unsubscribing. */
export function hasUnsubscribeLink(html: string): boolean {
  return (
    /\{\{\s*unsubscribe\s*\}\}/i.test(html) ||
    /<a\b[^>]*unsubscribe[^>]*>/i.test(html) ||
    /<a\b[^>]*>[^<]*unsubscribe[^<]*<\/a>/i.test(html)
  );
}

function isHttpUrl(url: string | undefined): boolean {
  if (url === undefined || !URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return (protocol === 'http:' || protocol === 'https:') && hostname !== '';
}

/** Unset, or a string of only white space. */
export function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

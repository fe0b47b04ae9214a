import { fixtureJourneyId } from '../fixtures.test-support.ts';
import {
  describeRuleCases,
  patchAction,
  patchContent,
  setSettings,
  type RuleCase,
} from './rule-cases.test-support.ts';

const actionCases: RuleCase[] = [
  {
    when: 'the audience node has no source',
    failing: setSettings('audience', {}),
    expected: [{ code: 'AUDIENCE_SOURCE_MISSING', nodeId: 'audience' }],
    passing: setSettings('audience', { source: 'accountList', sourceId: 'list-1' }),
  },
  {
    when: 'an action node acts on neither accounts nor people',
    failing: setSettings('updatePerson', {}),
    expected: [
      { code: 'ACTION_ON_MISSING', nodeId: 'updatePerson' },
      { code: 'ACTION_MISSING', nodeId: 'updatePerson' },
    ],
    passing: () => {},
  },
  {
    when: 'an action node has no action',
    failing: setSettings('updateAccount', { on: 'accounts' }),
    expected: [{ code: 'ACTION_MISSING', nodeId: 'updateAccount' }],
    passing: setSettings('updateAccount', {
      on: 'accounts',
      action: { type: 'updateAccount', attribute: 'city', value: null },
    }),
  },
  {
    when: 'an account action is set on people',
    failing: setSettings('updatePerson', {
      on: 'people',
      action: { type: 'updateAccount', attribute: 'city', value: 'Umeå' },
    }),
    expected: [{ code: 'ACTION_WRONG_AUDIENCE', nodeId: 'updatePerson' }],
    passing: setSettings('updatePerson', {
      on: 'people',
      action: { type: 'updatePerson', attribute: 'city', value: 'Umeå' },
    }),
  },
  {
    when: 'a people action is set on accounts',
    failing: setSettings('updateAccount', {
      on: 'accounts',
      action: { type: 'sendEmail', emailId: 'email-1' },
    }),
    expected: [{ code: 'ACTION_WRONG_AUDIENCE', nodeId: 'updateAccount' }],
    passing: setSettings('updateAccount', {
      on: 'accounts',
      action: { type: 'webhook', url: 'https://example.com' },
    }),
  },
  {
    when: 'add-to-journey points at the journey itself',
    failing: patchAction('addToJourney', { journeyId: fixtureJourneyId }),
    expected: [{ code: 'ADD_TO_SAME_JOURNEY', nodeId: 'addToJourney' }],
    passing: () => {},
  },
  {
    when: 'a send-email action has neither an email nor content',
    failing: patchAction('libraryEmail', { emailId: undefined }),
    expected: [{ code: 'EMAIL_NOT_SET', nodeId: 'libraryEmail' }],
    passing: patchAction('libraryEmail', { emailId: 'email-2' }),
  },
  {
    when: 'an authored email has no subject',
    failing: patchContent('authoredEmail', { subject: ' ' }),
    expected: [{ code: 'EMAIL_SUBJECT_MISSING', nodeId: 'authoredEmail' }],
    passing: patchContent('authoredEmail', { subject: 'Hi' }),
  },
  {
    when: 'an authored email has no from name',
    failing: patchContent('authoredEmail', { fromName: undefined }),
    expected: [{ code: 'EMAIL_FROM_NAME_MISSING', nodeId: 'authoredEmail' }],
    passing: patchContent('authoredEmail', { fromName: 'Sales' }),
  },
  {
    when: 'an authored email has no body',
    failing: patchContent('authoredEmail', { html: undefined, text: '' }),
    expected: [{ code: 'EMAIL_BODY_MISSING', nodeId: 'authoredEmail' }],
    passing: patchContent('authoredEmail', { html: undefined, text: 'Plain text only' }),
  },
  {
    when: 'an authored email has no unsubscribe link',
    failing: patchContent('authoredEmail', { html: '<p>Hello</p><a href="https://x.io">Shop</a>' }),
    expected: [{ code: 'EMAIL_UNSUBSCRIBE_MISSING', nodeId: 'authoredEmail' }],
    passing: patchContent('authoredEmail', {
      html: '<p>Hello</p><a href="https://x.io/unsubscribe?u=1">Stop</a>',
    }),
  },
  {
    when: 'an authored email has an empty text version',
    failing: patchContent('authoredEmail', { text: '' }),
    expected: [{ code: 'EMAIL_TEXT_EMPTY', nodeId: 'authoredEmail' }],
    passing: patchContent('authoredEmail', { text: 'Hello' }),
  },
  {
    when: 'a send-SMS action has neither an SMS nor a message',
    failing: patchAction('librarySms', { smsId: undefined }),
    expected: [{ code: 'SMS_NOT_SET', nodeId: 'librarySms' }],
    passing: patchAction('librarySms', { smsId: undefined, content: { message: 'Hi' } }),
  },
  {
    when: 'an authored SMS message is empty',
    failing: patchAction('authoredSms', { content: { message: '' } }),
    expected: [{ code: 'SMS_NOT_SET', nodeId: 'authoredSms' }],
    passing: patchAction('authoredSms', { content: { message: 'x' } }),
  },
  {
    when: 'an SMS message is longer than 1,600 characters',
    failing: patchAction('authoredSms', { content: { message: 'x'.repeat(1601) } }),
    expected: [{ code: 'SMS_TOO_LONG', nodeId: 'authoredSms' }],
    // Characters as people count them: 1,600 emoji are 3,200 UTF-16 units.
    passing: patchAction('authoredSms', { content: { message: '🚐'.repeat(1600) } }),
  },
  {
    when: 'a buying group status is longer than 50 characters',
    failing: patchAction('updateStatus', { status: 's'.repeat(51) }),
    expected: [{ code: 'BUYING_GROUP_STATUS_TOO_LONG', nodeId: 'updateStatus' }],
    passing: patchAction('updateStatus', { status: 's'.repeat(50) }),
  },
  {
    when: 'a sales alert recipient is not an email address',
    failing: patchAction('salesAlert', { to: ['sales@example.com', 'sales team'] }),
    expected: [{ code: 'SALES_ALERT_RECIPIENT_INVALID', nodeId: 'salesAlert' }],
    passing: patchAction('salesAlert', { to: ['sales@example.com', 'ae@example.org'] }),
  },
  {
    when: 'a webhook has no URL',
    failing: patchAction('accountWebhook', { url: undefined }),
    expected: [{ code: 'WEBHOOK_URL_INVALID', nodeId: 'accountWebhook' }],
    passing: patchAction('accountWebhook', { url: 'https://hooks.example.com' }),
  },
  {
    when: 'a webhook URL is not http(s)',
    failing: patchAction('personWebhook', { url: 'ftp://files.example.com/drop' }),
    expected: [{ code: 'WEBHOOK_URL_INVALID', nodeId: 'personWebhook' }],
    passing: patchAction('personWebhook', { url: 'http://localhost:8080/hook' }),
  },
  {
    when: 'a webhook URL is not a URL',
    failing: patchAction('personWebhook', { url: 'hooks.example.com' }),
    expected: [{ code: 'WEBHOOK_URL_INVALID', nodeId: 'personWebhook' }],
    passing: () => {},
  },
];

/** [node, the empty setting, what it is] for every required action parameter. */
const requiredParameters: [string, Record<string, unknown>, string][] = [
  ['addToJourney', { journeyId: undefined }, 'journey to add to'],
  ['removeFromJourney', { journeyId: undefined }, 'journey to remove from'],
  ['addToList', { listId: undefined }, 'list to add to'],
  ['removeFromList', { listId: undefined }, 'list to remove from'],
  ['salesAlert', { solutionInterestId: undefined }, 'sales alert solution interest'],
  ['salesAlert', { to: [] }, 'sales alert recipients'],
  ['updateAccount', { attribute: '' }, 'account attribute'],
  ['updateAccount', { value: undefined }, 'account value'],
  ['updateStage', { solutionInterestId: undefined }, 'stage solution interest'],
  ['updateStage', { stage: '' }, 'stage'],
  ['updateStatus', { solutionInterestId: undefined }, 'status solution interest'],
  ['updateStatus', { status: undefined }, 'status'],
  ['accountMoment', { momentType: undefined }, 'moment type'],
  ['personMoment', { description: '  ' }, 'moment description'],
  ['assignToGroup', { solutionInterestId: undefined }, 'assign solution interest'],
  ['assignToGroup', { role: '' }, 'assign role'],
  ['removeFromGroup', { solutionInterestId: undefined }, 'remove solution interest'],
  ['updatePerson', { attribute: undefined }, 'person attribute'],
  ['updatePerson', { value: undefined }, 'person value'],
];
for (const [nodeId, patch, what] of requiredParameters) {
  actionCases.push({
    when: `the ${what} is not set`,
    failing: patchAction(nodeId, patch),
    expected: [{ code: 'ACTION_SETTING_MISSING', nodeId }],
    passing: () => {},
  });
}

describeRuleCases(actionCases);

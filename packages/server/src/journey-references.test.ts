import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import { testDialects } from '@caravan/storage/test-databases';
import {
  publishableSchedule,
  storeTestAudience,
  testAudienceId,
  uniqueJourneyName,
} from './test-support/journey.factory.ts';
import { startTestApp, type Client, type TestApp } from './test-support/test-app.ts';

const greeting = 'Hello {{person.firstName | default: "there"}}';

/** An audience, then each given action in a row. */
function definitionWith(audienceId: string, actions: JourneyNode[]): JourneyDefinition {
  const nodes: JourneyNode[] = [
    { id: 'audience', type: 'audience', settings: { source: 'audience', sourceId: audienceId } },
    ...actions,
  ];
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? '', port: 'next', to: node.id }));
  return { nodes, edges };
}

const addToList = (listId: string): JourneyNode => ({
  id: 'add',
  type: 'action',
  settings: { on: 'accounts', action: { type: 'addToAccountList', listId } },
});

const sendEmail = (emailId: string): JourneyNode => ({
  id: 'email',
  type: 'action',
  settings: { on: 'people', action: { type: 'sendEmail', emailId } },
});

const sendSms = (smsId: string): JourneyNode => ({
  id: 'sms',
  type: 'action',
  settings: { on: 'people', action: { type: 'sendSms', smsId } },
});

const salesAlert = (solutionInterestId: string): JourneyNode => ({
  id: 'alert',
  type: 'action',
  settings: {
    on: 'accounts',
    action: { type: 'sendSalesAlert', solutionInterestId, to: ['sales@example.com'] },
  },
});

interface Refusal {
  code: string;
  severity: string;
  nodeId?: string;
}

describe.each(testDialects)('publish checks stored references on %s', (dialect) => {
  let t: TestApp;
  let manager: Client;

  beforeEach(async () => {
    t = await startTestApp(dialect, inject('postgresUrl'));
    manager = (await t.signIn('manager')).client;
  });
  afterEach(async () => t.close());

  async function publish(definition: JourneyDefinition) {
    const created = await manager.post('/journeys', {
      name: uniqueJourneyName('References'),
      definition,
      schedule: publishableSchedule(t.clock.now()),
    });
    expect(created.status).toBe(201);
    return manager.post(`/journeys/${created.body.id}/publish`);
  }

  /** The blocking problems of a refused publish, as `code@nodeId`. */
  function refusals(response: { status: number; body: { error: { details: Refusal[] } } }) {
    expect(response.status).toBe(422);
    return response.body.error.details
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.code}@${p.nodeId ?? ''}`);
  }

  async function createList(name: string, publishIt: boolean): Promise<string> {
    const list = await manager.post('/account-lists', { name, kind: 'static' });
    expect(list.status).toBe(201);
    if (publishIt) {
      expect((await manager.post(`/account-lists/${list.body.id}/publish`)).status).toBe(200);
    }
    return list.body.id;
  }

  async function createEmail(name: string): Promise<string> {
    const email = await manager.post('/emails', {
      name,
      subject: 'Hi {{person.firstName | default: "there"}}',
      fromName: 'Caravan',
      fromEmail: 'hello@example.com',
      preheader: 'News',
      html: `<p>${greeting}</p><a href="{{system.unsubscribeUrl}}">Unsubscribe</a>`,
      text: greeting,
    });
    expect(email.status).toBe(201);
    return email.body.id;
  }

  it('answers 422 REFERENCE_MISSING on the audience node when the audience does not exist', async () => {
    const response = await publish(definitionWith(crypto.randomUUID(), []));
    expect(refusals(response)).toEqual(['REFERENCE_MISSING@audience']);
  });

  it('answers 422 REFERENCE_UNUSABLE when the list is a draft, and 200 once it is published', async () => {
    await storeTestAudience(t);
    const listId = await createList('Draft target', false);
    const refused = await publish(definitionWith(testAudienceId, [addToList(listId)]));
    expect(refusals(refused)).toEqual(['REFERENCE_UNUSABLE@add']);
    expect(refused.body.error.details[0].message).toMatch(/is a draft; publish it first/);

    expect((await manager.post(`/account-lists/${listId}/publish`)).status).toBe(200);
    const accepted = await publish(definitionWith(testAudienceId, [addToList(listId)]));
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('live');
  });

  it('answers 422 REFERENCE_MISSING when the list, email, SMS or solution interest does not exist', async () => {
    await storeTestAudience(t);
    const response = await publish(
      definitionWith(testAudienceId, [
        addToList(crypto.randomUUID()),
        sendEmail(crypto.randomUUID()),
        sendSms(crypto.randomUUID()),
        salesAlert(crypto.randomUUID()),
      ]),
    );
    expect(refusals(response).sort()).toEqual([
      'REFERENCE_MISSING@add',
      'REFERENCE_MISSING@alert',
      'REFERENCE_MISSING@email',
      'REFERENCE_MISSING@sms',
    ]);
  });

  it('answers 200 when the audience, the live list and the email all exist', async () => {
    const audience = await manager.post('/audiences', {
      name: 'Every account',
      condition: { match: 'all', rules: [] },
    });
    expect(audience.status).toBe(201);
    const listId = await createList('Live target', true);
    const emailId = await createEmail('Welcome');
    const response = await publish(
      definitionWith(audience.body.id, [addToList(listId), sendEmail(emailId)]),
    );
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('live');
  });

  it('reports the same missing email once per node that sends it, and validate agrees', async () => {
    await storeTestAudience(t);
    const emailId = crypto.randomUUID();
    const definition = definitionWith(testAudienceId, [
      sendEmail(emailId),
      { ...sendEmail(emailId), id: 'again' },
    ]);
    const created = await manager.post('/journeys', {
      name: uniqueJourneyName('Twice'),
      definition,
      schedule: publishableSchedule(t.clock.now()),
    });
    const report = await manager.post(`/journeys/${created.body.id}/validate`);
    expect(report.body.valid).toBe(false);
    expect(report.body.problems.map((p: Refusal) => `${p.code}@${p.nodeId}`).sort()).toEqual([
      'REFERENCE_MISSING@again',
      'REFERENCE_MISSING@email',
    ]);
  });

  it('answers 409 EMAIL_IN_USE / SMS_IN_USE when a live journey sends them, and 204 once it is aborted', async () => {
    await storeTestAudience(t);
    const emailId = await createEmail('Sent by a live journey');
    const sms = await manager.post('/sms', { name: 'Sent too', message: greeting });
    expect(sms.status).toBe(201);
    const published = await publish(
      definitionWith(testAudienceId, [sendEmail(emailId), sendSms(sms.body.id)]),
    );
    expect(published.status).toBe(200);

    const emailRefused = await manager.delete(`/emails/${emailId}`);
    expect(emailRefused.status).toBe(409);
    expect(emailRefused.body.error.code).toBe('EMAIL_IN_USE');
    expect(emailRefused.body.error.details).toEqual([
      expect.objectContaining({ journeyId: published.body.id, status: 'live', nodeId: 'email' }),
    ]);
    const smsRefused = await manager.delete(`/sms/${sms.body.id}`);
    expect(smsRefused.body.error.code).toBe('SMS_IN_USE');
    expect((await manager.get(`/emails/${emailId}`)).status).toBe(200);

    expect((await manager.post(`/journeys/${published.body.id}/abort`)).status).toBe(200);
    expect((await manager.delete(`/emails/${emailId}`)).status).toBe(204);
    expect((await manager.delete(`/sms/${sms.body.id}`)).status).toBe(204);
  });

  it('answers 409 IN_USE when a live journey alerts sales for a solution interest, and 204 once aborted', async () => {
    await storeTestAudience(t);
    const created = async (url: string, body: unknown) => {
      const response = await manager.post(url, body);
      expect(response.status, JSON.stringify(response.body)).toBe(201);
      return response.body.id as string;
    };
    const roleTemplateId = await created('/role-templates', {
      name: 'Alert roles',
      roles: [
        {
          name: 'Buyer',
          weight: 60,
          membersRequired: 1,
          requiredForCompleteness: true,
          priority: 1,
        },
      ],
    });
    const stageModelId = await created('/stage-models', {
      name: 'Alert stages',
      stages: [{ name: 'New', kind: 'entry' }],
      transitions: [],
    });
    const interestId = await created('/solution-interests', {
      name: 'Alerted interest',
      roleTemplateId,
      stageModelId,
    });
    const published = await publish(definitionWith(testAudienceId, [salesAlert(interestId)]));
    expect(published.status).toBe(200);

    const refused = await manager.delete(`/solution-interests/${interestId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('IN_USE');
    expect(refused.body.error.message).toContain(published.body.name);

    expect((await manager.post(`/journeys/${published.body.id}/abort`)).status).toBe(200);
    expect((await manager.delete(`/solution-interests/${interestId}`)).status).toBe(204);
  });
});

/**
 * `/sms`: list, read, create, change and delete SMS messages, and preview one for a person. Reads
 * and writes answer with the segments the message costs; writes are refused (422 SMS_INVALID)
 * while the message has blocking problems.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createSms,
  deleteSms,
  getSms,
  listSms,
  patchSms,
} from '@caravan/engine/content/content.service';
import { previewSms } from '@caravan/engine/content/content-preview';
import { sendSmsTest } from '@caravan/engine/outbox/content-test-send';
import { Deleted, IdParams, ListQuery, pageOf } from './b2b.schemas.ts';
import {
  sendTestSendError,
  SmsPreviewBody,
  SmsTestSendBody,
  TestSentResponse,
  sendContentError,
  SmsBody,
  SmsPatchBody,
  SmsPreviewResponse,
  SmsResponse,
} from './content.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import { contentTestSendDeps } from './content.schemas.ts';

const tags = ['sms'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('SMS_NOT_FOUND');
const writeErrors = errorResponses('SMS_NAME_TAKEN', 'SMS_INVALID');

export const smsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const testSendDeps = contentTestSendDeps(deps);
  app.get('/sms', {
    schema: {
      tags,
      summary: 'List SMS messages by name (search matches the name)',
      querystring: ListQuery,
      response: {
        200: pageOf(SmsResponse.omit({ warnings: true, segments: true })),
        ...common,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const page = await listSms(deps, request.query);
      return page.ok ? page.value : sendContentError(reply, page.error);
    },
  });

  app.get('/sms/:id', {
    schema: {
      tags,
      summary: 'Read an SMS message with its segments and the warnings about it',
      params: IdParams,
      response: { 200: SmsResponse, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const sms = await getSms(deps, request.params.id);
      return sms.ok ? sms.value : sendContentError(reply, sms.error);
    },
  });

  app.post('/sms', {
    schema: {
      tags,
      summary: 'Create an SMS message (422 with every problem when one blocks)',
      body: SmsBody,
      response: { 201: SmsResponse, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const sms = await createSms(deps, request.body);
      return sms.ok ? reply.code(201).send(sms.value) : sendContentError(reply, sms.error);
    },
  });

  app.patch('/sms/:id', {
    schema: {
      tags,
      summary: 'Change an SMS message (422 with every problem when the result has a blocking one)',
      params: IdParams,
      body: SmsPatchBody,
      response: { 200: SmsResponse, ...common, ...notFound, ...writeErrors },
    },
    handler: async (request, reply) => {
      const sms = await patchSms(deps, request.params.id, request.body);
      return sms.ok ? sms.value : sendContentError(reply, sms.error);
    },
  });

  app.delete('/sms/:id', {
    schema: {
      tags,
      summary: 'Delete an SMS message',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('SMS_IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteSms(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendContentError(reply, deleted.error);
    },
  });

  app.post('/sms/:id/preview', {
    // Rendering changes nothing, so viewers may preview too.
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary:
        "The message rendered for a person and their account (the given or the person's first)",
      params: IdParams,
      body: SmsPreviewBody,
      response: {
        200: SmsPreviewResponse,
        ...common,
        ...notFound,
        ...errorResponses('PERSON_NOT_FOUND', 'TEMPLATE_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const preview = await previewSms(deps, request.params.id, request.body);
      return preview.ok ? preview.value : sendContentError(reply, preview.error);
    },
  });

  app.post('/sms/:id/test-send', {
    schema: {
      tags,
      summary:
        'Send the SMS (or the unsaved draft) as a test to one recipient, rendered for a person; marked as a test and never counted',
      params: IdParams,
      body: SmsTestSendBody,
      response: {
        200: TestSentResponse,
        ...common,
        ...notFound,
        ...errorResponses(
          'PERSON_NOT_FOUND',
          'ACCOUNT_NOT_FOUND',
          'TEMPLATE_INVALID',
          'SMS_NOT_CONFIGURED',
          'TEST_SEND_FAILED',
        ),
      },
    },
    handler: async (request, reply) => {
      const sent = await sendSmsTest(testSendDeps, request.params.id, request.body);
      return sent.ok ? sent.value : sendTestSendError(reply, sent.error);
    },
  });
};

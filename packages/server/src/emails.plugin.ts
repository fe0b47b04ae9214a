/**
 * `/emails`: list, read, create, change and delete emails, and preview one for a person. Writes
 * are refused (422 EMAIL_INVALID) while the content has blocking problems; warnings come back
 * with the email.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createEmail,
  deleteEmail,
  getEmail,
  listEmails,
  patchEmail,
} from '@caravan/engine/content/content.service';
import { previewEmail } from '@caravan/engine/content/content-preview';
import { sendEmailTest } from '@caravan/engine/outbox/content-test-send';
import { Deleted, IdParams, ListQuery, pageOf } from './b2b.schemas.ts';
import {
  EmailBody,
  EmailPatchBody,
  EmailPreviewResponse,
  EmailResponse,
  EmailPreviewBody,
  EmailTestSendBody,
  sendTestSendError,
  TestSentResponse,
  sendContentError,
} from './content.schemas.ts';
import { errorResponses } from './errors.ts';
import type { ServerDeps } from './server-deps.ts';
import { contentTestSendDeps } from './content.schemas.ts';

const tags = ['emails'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const notFound = errorResponses('EMAIL_NOT_FOUND');
const writeErrors = errorResponses('EMAIL_NAME_TAKEN', 'EMAIL_INVALID');

export const emailsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const testSendDeps = contentTestSendDeps(deps);
  app.get('/emails', {
    schema: {
      tags,
      summary: 'List emails by name (search matches the name)',
      querystring: ListQuery,
      response: {
        200: pageOf(EmailResponse.omit({ warnings: true })),
        ...common,
        ...errorResponses('INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const page = await listEmails(deps, request.query);
      return page.ok ? page.value : sendContentError(reply, page.error);
    },
  });

  app.get('/emails/:id', {
    schema: {
      tags,
      summary: 'Read an email with the warnings about its content',
      params: IdParams,
      response: { 200: EmailResponse, ...common, ...notFound },
    },
    handler: async (request, reply) => {
      const email = await getEmail(deps, request.params.id);
      return email.ok ? email.value : sendContentError(reply, email.error);
    },
  });

  app.post('/emails', {
    schema: {
      tags,
      summary: 'Create an email (422 with every problem when one blocks)',
      body: EmailBody,
      response: { 201: EmailResponse, ...common, ...writeErrors },
    },
    handler: async (request, reply) => {
      const email = await createEmail(deps, request.body);
      return email.ok ? reply.code(201).send(email.value) : sendContentError(reply, email.error);
    },
  });

  app.patch('/emails/:id', {
    schema: {
      tags,
      summary: 'Change an email (422 with every problem when the result has a blocking one)',
      params: IdParams,
      body: EmailPatchBody,
      response: { 200: EmailResponse, ...common, ...notFound, ...writeErrors },
    },
    handler: async (request, reply) => {
      const email = await patchEmail(deps, request.params.id, request.body);
      return email.ok ? email.value : sendContentError(reply, email.error);
    },
  });

  app.delete('/emails/:id', {
    schema: {
      tags,
      summary: 'Delete an email',
      params: IdParams,
      response: { 204: Deleted, ...common, ...notFound, ...errorResponses('EMAIL_IN_USE') },
    },
    handler: async (request, reply) => {
      const deleted = await deleteEmail(deps, request.params.id);
      return deleted.ok ? reply.code(204).send() : sendContentError(reply, deleted.error);
    },
  });

  app.post('/emails/:id/preview', {
    // Rendering changes nothing, so viewers may preview too.
    config: { viewerAllowed: true },
    schema: {
      tags,
      summary:
        "The email rendered for a person and their account (the given or the person's first)",
      params: IdParams,
      body: EmailPreviewBody,
      response: {
        200: EmailPreviewResponse,
        ...common,
        ...notFound,
        ...errorResponses('PERSON_NOT_FOUND', 'TEMPLATE_INVALID'),
      },
    },
    handler: async (request, reply) => {
      const preview = await previewEmail(deps, request.params.id, request.body);
      return preview.ok ? preview.value : sendContentError(reply, preview.error);
    },
  });

  app.post('/emails/:id/test-send', {
    schema: {
      tags,
      summary:
        'Send the email (or the unsaved draft) as a test to one recipient, rendered for a person; marked as a test and never counted',
      params: IdParams,
      body: EmailTestSendBody,
      response: {
        200: TestSentResponse,
        ...common,
        ...notFound,
        ...errorResponses(
          'PERSON_NOT_FOUND',
          'ACCOUNT_NOT_FOUND',
          'TEMPLATE_INVALID',
          'EMAIL_NOT_CONFIGURED',
          'TEST_SEND_FAILED',
        ),
      },
    },
    handler: async (request, reply) => {
      const sent = await sendEmailTest(testSendDeps, request.params.id, request.body);
      return sent.ok ? sent.value : sendTestSendError(reply, sent.error);
    },
  });
};

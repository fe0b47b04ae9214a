/**
 * Reports (issue 12, SPEC §6–§8), read-only, viewers included: a journey's report with its
 * drill-through to accounts and people, the overview of every journey, and email performance
 * across journeys. Every report also answers CSV (`Accept: text/csv` or `format=csv`), streamed.
 */
import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Id } from '@caravan/core/journey/definition';
import {
  accountsByStatus,
  messageRecipients,
  type DrillError,
} from '@caravan/engine/reports/drill-through';
import { emailPerformance, emailRows } from '@caravan/engine/reports/email-performance';
import { journeyReport, type ReportError } from '@caravan/engine/reports/journey-report';
import { journeysOverview } from '@caravan/engine/reports/overview-report';
import {
  emailPerformanceCsv,
  journeyReportCsv,
  overviewCsv,
  recipientsCsv,
} from '@caravan/engine/reports/report-csv';
import { errorResponses, sendError } from './errors.ts';
import {
  AccountsByStatusResponse,
  EmailPerformanceResponse,
  JourneyReportResponse,
  OverviewResponse,
  RecipientsResponse,
} from './reports.schemas.ts';
import type { ServerDeps } from './server-deps.ts';

const tags = ['reports'];
const common = errorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'VALIDATION_FAILED');
const Csv = z.string().describe('text/csv when format=csv or Accept: text/csv');
const Format = z.enum(['json', 'csv']).optional().describe('csv: the same report as CSV');
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day YYYY-MM-DD');
const Status = z.enum(['completed', 'inProgress', 'aborted', 'exited']);
const Kind = z.enum(['opened', 'clicked', 'bounced', 'unsubscribed', 'complained']);
const Limit = z.coerce.number().int().min(1).max(500).default(50);
const Ids = z
  .union([z.uuid(), z.array(z.uuid()).max(1000)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));
const NodeIds = z
  .union([Id, z.array(Id).max(100)])
  .optional()
  .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]));

function wantsCsv(request: FastifyRequest, format: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (request.headers.accept ?? '').includes('text/csv');
}

function sendCsv(reply: FastifyReply, name: string, lines: Iterable<string>) {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'report';
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${safe}.csv"`)
    .send(Readable.from(lines));
}

function sendReportError(reply: FastifyReply, error: ReportError | DrillError) {
  return sendError(reply, error.code, error.message);
}

export const reportsPlugin: FastifyPluginAsyncZod<ServerDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get('/journeys/:id/report', {
    schema: {
      tags,
      summary: "A journey's report: statuses, completion, duration, engagement, email and SMS",
      params: z.object({ id: z.uuid() }),
      querystring: z.object({
        granularity: z.enum(['hour', 'day']).optional(),
        format: Format,
        table: z
          .enum(['status', 'completion', 'email', 'sms'])
          .default('email')
          .describe('CSV only'),
      }),
      response: {
        200: JourneyReportResponse.or(Csv),
        ...common,
        ...errorResponses('JOURNEY_NOT_FOUND'),
      },
    },
    handler: async (request, reply) => {
      const { granularity, format, table } = request.query;
      const report = await journeyReport(db, request.params.id, {
        now: deps.clock.now(),
        ...(granularity ? { granularity } : {}),
      });
      if (!report.ok) return sendReportError(reply, report.error);
      if (!wantsCsv(request, format)) return report.value;
      return sendCsv(reply, `${report.value.name}-${table}`, journeyReportCsv(report.value, table));
    },
  });

  app.get('/journeys/:id/report/accounts', {
    schema: {
      tags,
      summary: 'Drill-through: the accounts (passes) of the journey in a status',
      params: z.object({ id: z.uuid() }),
      querystring: z.object({
        status: Status,
        limit: Limit,
        cursor: z.string().max(500).optional(),
      }),
      response: {
        200: AccountsByStatusResponse,
        ...common,
        ...errorResponses('JOURNEY_NOT_FOUND', 'INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const { status, limit, cursor } = request.query;
      const page = await accountsByStatus(db, request.params.id, {
        status,
        limit,
        ...(cursor ? { cursor } : {}),
      });
      return page.ok ? page.value : sendReportError(reply, page.error);
    },
  });

  app.get('/journeys/:id/report/people', {
    schema: {
      tags,
      summary: 'Drill-through: the people who opened, clicked, bounced… the messages of nodes',
      params: z.object({ id: z.uuid() }),
      querystring: z.object({
        kind: Kind,
        nodeId: NodeIds,
        limit: Limit,
        cursor: z.string().max(500).optional(),
        format: Format,
      }),
      response: {
        200: RecipientsResponse.or(Csv),
        ...common,
        ...errorResponses('JOURNEY_NOT_FOUND', 'INVALID_CURSOR'),
      },
    },
    handler: async (request, reply) => {
      const { kind, nodeId, limit, cursor, format } = request.query;
      const page = await messageRecipients(db, {
        journeyId: request.params.id,
        kind,
        limit,
        ...(nodeId ? { nodeIds: nodeId } : {}),
        ...(cursor ? { cursor } : {}),
      });
      if (!page.ok) return sendReportError(reply, page.error);
      if (wantsCsv(request, format))
        return sendCsv(reply, `people-${kind}`, recipientsCsv(page.value.items));
      return page.value;
    },
  });

  app.get('/reports/journeys', {
    schema: {
      tags,
      summary: 'Overview: every journey with accounts, completion and engagement; bands; types',
      querystring: z.object({ format: Format }),
      response: { 200: OverviewResponse.or(Csv), ...common },
    },
    handler: async (request, reply) => {
      const overview = await journeysOverview(db);
      if (!wantsCsv(request, request.query.format)) return overview;
      return sendCsv(reply, 'journeys-overview', overviewCsv(overview.journeys));
    },
  });

  app.get('/reports/email-performance', {
    schema: {
      tags,
      summary: 'Email performance over journeys and days: counts, rates and one row per email',
      querystring: z.object({
        journeyId: Ids,
        emailId: Ids.describe('Only these emails (repeat the parameter for several)'),
        from: Day.optional(),
        to: Day.optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(200).default(10),
        format: Format,
      }),
      response: { 200: EmailPerformanceResponse.or(Csv), ...common },
    },
    handler: async (request, reply) => {
      const { journeyId, emailId, from, to, page, pageSize, format } = request.query;
      const filter = {
        ...(journeyId ? { journeyIds: journeyId } : {}),
        ...(emailId ? { emailIds: emailId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      };
      if (wantsCsv(request, format)) {
        const rows = await emailRows(db, filter);
        return sendCsv(reply, 'email-performance', emailPerformanceCsv(rows));
      }
      return emailPerformance(db, { ...filter, page, pageSize });
    },
  });
};

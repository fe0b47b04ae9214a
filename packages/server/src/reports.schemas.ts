/** Response schemas of the reports (issue 12), which also document them in OpenAPI. */
import { z } from 'zod';

const Count = z.number().int();
const Rate = z.number().describe('percent, one decimal');
const Time = z.string().nullable();

const counts = {
  sent: Count.describe('Attempts that left Caravan: delivered + bounced'),
  delivered: Count.describe('Accepted by the relay / provider, less later bounces'),
  bounced: Count.describe('Refused at send time (5xx) or bounced later'),
  failed: Count.describe('Dead letters that never reached a relay (not in sent)'),
  opens: Count,
  opened: Count.describe('People who opened (unique per node)'),
  clicks: Count,
  clicked: Count.describe('People who clicked (unique per node)'),
  unsubscribed: Count,
  complained: Count,
};
const rates = {
  deliveredRate: Rate,
  openRate: Rate,
  clickRate: Rate,
  bounceRate: Rate,
  clickToOpenRate: Rate,
  unsubscribeRate: Rate,
};

const MessagePerformance = z.object({
  nodeId: z.string(),
  nodeTitle: z.string(),
  contentId: z.string().nullable(),
  name: z.string(),
  ...counts,
  ...rates,
  firstActivityAt: Time,
  lastActivityAt: Time,
});

export const JourneyReportResponse = z.object({
  journeyId: z.string(),
  name: z.string(),
  status: z.string(),
  generatedAt: z.string(),
  accounts: Count.describe('Passes that entered'),
  statuses: z.array(
    z.object({
      status: z.enum(['completed', 'inProgress', 'aborted', 'exited']),
      count: Count,
      percent: Rate,
    }),
  ),
  completionRate: Rate,
  completionOverTime: z.array(z.object({ at: z.string(), completed: Count })),
  granularity: z.enum(['hour', 'day']),
  averageDurationMs: z.number().nullable(),
  medianDurationMs: z.number().nullable(),
  engagement: z.object({
    engagedAccounts: Count,
    notEngagedAccounts: Count,
    engagedPeople: Count,
    byType: z.record(z.string(), Count),
  }),
  email: z.array(MessagePerformance),
  sms: z.array(MessagePerformance),
});

export const AccountsByStatusResponse = z.object({
  items: z.array(
    z.object({
      enrollmentId: Count,
      accountId: z.string(),
      accountName: z.string().nullable(),
      pass: Count,
      status: z.string(),
      enteredAt: z.string(),
      endedAt: Time,
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const RecipientsResponse = z.object({
  items: z.array(
    z.object({
      personId: z.string(),
      accountId: z.string().nullable(),
      at: z.string(),
      email: z.string().nullable(),
      firstName: z.string().nullable(),
      lastName: z.string().nullable(),
      accountName: z.string().nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const OverviewResponse = z.object({
  journeys: z.array(
    z.object({
      journeyId: z.string(),
      name: z.string(),
      status: z.string(),
      accounts: Count,
      inProgress: Count,
      completed: Count,
      completionRate: Rate,
      engagedAccounts: Count,
      engagementRate: Rate,
      engagementTypes: z.array(z.string()),
    }),
  ),
  completionBands: z.array(z.object({ band: z.string(), journeys: Count })),
  engagementTypes: z.array(z.object({ type: z.string(), journeys: Count })),
});

export const EmailPerformanceResponse = z.object({
  totals: z.object({ ...counts, ...rates }),
  items: z.array(
    z.object({
      emailId: z.string().nullable(),
      name: z.string(),
      journeys: z.array(z.object({ journeyId: z.string(), name: z.string(), nodeId: z.string() })),
      ...counts,
      ...rates,
      firstActivityAt: Time,
      lastActivityAt: Time,
    }),
  ),
  total: Count,
  page: Count,
  pageSize: Count,
});

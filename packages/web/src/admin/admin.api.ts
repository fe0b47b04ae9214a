/** The administration endpoints: users, keys, sending settings, delivery log, status, audit. */
import type { Role } from '@caravan/core/user';
import { request } from '../api/http-client.ts';

export interface ManagedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  disabledAt: string | null;
}

export const listUsers = () => request<{ items: ManagedUser[] }>('GET', '/users');
export const createUser = (body: { email: string; name: string; role: Role; password: string }) =>
  request<ManagedUser>('POST', '/users', body);
export const changeUser = (id: string, body: { role?: Role; disabled?: boolean }) =>
  request<ManagedUser>('PATCH', `/users/${encodeURIComponent(id)}`, body);
export const deleteUser = (id: string) =>
  request<void>('DELETE', `/users/${encodeURIComponent(id)}`);
export const resetPassword = (id: string, password: string) =>
  request<void>('POST', `/users/${encodeURIComponent(id)}/password`, { password });
export const changeOwnPassword = (body: { currentPassword: string; newPassword: string }) =>
  request<void>('POST', '/me/password', body);
export const endOtherSessions = () =>
  request<{ ended: number }>('POST', '/me/sessions/end-others', {});

export type KeyPurpose = 'api' | 'segment';

export interface ApiKey {
  id: string;
  name: string;
  role: Role;
  purpose: KeyPurpose;
  createdAt: string;
  createdBy: { id: string; name: string; email: string } | null;
  lastUsedAt: string | null;
}

export const listApiKeys = () => request<{ items: ApiKey[] }>('GET', '/api-keys');
export const createApiKey = (body: { name: string; role: Role; purpose: KeyPurpose }) =>
  request<{ id: string; name: string; role: Role; purpose: KeyPurpose; key: string }>(
    'POST',
    '/api-keys',
    body,
  );
export const revokeApiKey = (id: string) =>
  request<void>('DELETE', `/api-keys/${encodeURIComponent(id)}`);

export interface CommunicationLimit {
  channel: 'email' | 'sms';
  amount: number;
  per: 'hour' | 'day' | 'week' | 'month';
}

export interface SenderIdentity {
  fromName: string;
  fromEmail: string;
  replyTo: string;
}

export interface SendingSettings {
  senderIdentity: SenderIdentity;
  trackingDomain: string;
  defaultFromEmail: string;
  channels: { email: { configured: boolean }; sms: { configured: boolean } };
}

export const getLimits = () =>
  request<{ limits: CommunicationLimit[] }>('GET', '/communication-limits');
export const saveLimits = (limits: CommunicationLimit[]) =>
  request<{ limits: CommunicationLimit[] }>('PUT', '/communication-limits', { limits });
export const getSendingSettings = () => request<SendingSettings>('GET', '/settings/sending');
export const saveSenderIdentity = (identity: SenderIdentity) =>
  request<SenderIdentity>('PUT', '/settings/sender-identity', identity);
export const sendTestEmail = (to: string) =>
  request<{ response: string }>('POST', '/settings/test-email', { to });
export const sendTestSms = (to: string) =>
  request<{ response: string }>('POST', '/settings/test-sms', { to });

export type DeliveryState =
  'pending' | 'retrying' | 'sending' | 'sent' | 'dead' | 'suppressed' | 'cancelled';
export type DeliveryChannel = 'email' | 'sms' | 'webhook' | 'salesAlert' | 'external';

export interface Delivery {
  id: number;
  channel: DeliveryChannel;
  state: DeliveryState;
  journeyId: string | null;
  journeyName: string | null;
  accountId: string | null;
  recipient: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface DeliveryFilter {
  status?: DeliveryState;
  channel?: DeliveryChannel;
  recipient?: string;
  journeyId?: string;
  from?: string;
  to?: string;
}

export interface Paged<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const listDeliveries = (filter: DeliveryFilter, cursor: string | null, limit = 50) =>
  request<Paged<Delivery>>('GET', `/outbox${query({ ...filter, cursor, limit })}`);
export const retryDelivery = (id: number) => request<unknown>('POST', `/outbox/${id}/retry`, {});
export const retryDeliveries = (ids: number[]) =>
  request<{ retried: number[]; skipped: number[] }>('POST', '/outbox/retry', { ids });
export const countDeadLetters = async () =>
  (await request<Paged<Delivery>>('GET', '/outbox?status=dead&limit=1')).total;

export interface SystemStatus {
  version: string;
  now: string;
  database: { kind: 'sqlite' | 'postgres'; sizeBytes: number };
  workers: Array<{
    id: string;
    kind: 'start' | 'worker';
    host: string;
    pid: number;
    version: string;
    startedAt: string;
    beatAt: string;
    alive: boolean;
  }>;
  dueLagSeconds: number;
  enrollmentsActive: number;
  outbox: {
    pending: number;
    sending: number;
    dead: number;
    byChannel: Array<{ channel: string; pending: number; sending: number; dead: number }>;
  };
  ingestion: { lastMinute: number; lastHour: number };
}

export const getSystemStatus = () => request<SystemStatus>('GET', '/system/status');

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: string | null; name: string; kind: 'user' | 'apiKey' | 'system' };
  action: string;
  entityType: string;
  entityId: string | null;
  entityName: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entityType?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export const listAudit = (filter: AuditFilter, cursor: string | null) =>
  request<Paged<AuditEntry>>('GET', `/audit${query({ ...filter, cursor, limit: 50 })}`);

export interface WebhookDestination {
  destination: string;
  secretSince: string;
}

export const listWebhookDestinations = () =>
  request<{ items: WebhookDestination[] }>('GET', '/webhook-secrets');
export const rotateWebhookSecret = (url: string) =>
  request<{ destination: string; secret: string; replaced: boolean }>('POST', '/webhook-secrets', {
    url,
  });

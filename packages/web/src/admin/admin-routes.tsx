/** The routes of the administration pages, mounted inside the signed-in shell by `app.tsx`. */
import { Route } from 'react-router';
import { lazyPage } from '../layout/lazy-page.tsx';

// Loaded when opened, like every page (`app.tsx`).
const ApiKeysPage = lazyPage(async () => (await import('./api-keys.page.tsx')).ApiKeysPage);
const AuditLogPage = lazyPage(async () => (await import('./audit-log.page.tsx')).AuditLogPage);
const DeliveryLogPage = lazyPage(
  async () => (await import('./delivery-log.page.tsx')).DeliveryLogPage,
);
const EngagementWeightsPage = lazyPage(
  async () => (await import('./engagement-weights.page.tsx')).EngagementWeightsPage,
);
const SendingSettingsPage = lazyPage(
  async () => (await import('./sending-settings.page.tsx')).SendingSettingsPage,
);
const SystemStatusPage = lazyPage(
  async () => (await import('./system-status.page.tsx')).SystemStatusPage,
);
const UsersPage = lazyPage(async () => (await import('./users.page.tsx')).UsersPage);
const WebhookSecretsPage = lazyPage(
  async () => (await import('./webhook-secrets.page.tsx')).WebhookSecretsPage,
);

export const adminRoutes = [
  <Route key="users" path="/admin/users" element={<UsersPage />} />,
  <Route key="api-keys" path="/admin/api-keys" element={<ApiKeysPage />} />,
  <Route key="webhooks" path="/admin/webhook-secrets" element={<WebhookSecretsPage />} />,
  <Route key="sending" path="/admin/sending" element={<SendingSettingsPage />} />,
  <Route key="delivery-log" path="/admin/delivery-log" element={<DeliveryLogPage />} />,
  <Route key="engagement" path="/admin/engagement-weights" element={<EngagementWeightsPage />} />,
  <Route key="system" path="/admin/system" element={<SystemStatusPage />} />,
  <Route key="audit" path="/admin/audit" element={<AuditLogPage />} />,
];

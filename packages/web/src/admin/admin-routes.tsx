/** The routes of the administration pages, mounted inside the signed-in shell by `app.tsx`. */
import { Route } from 'react-router';
import { ApiKeysPage } from './api-keys.page.tsx';
import { AuditLogPage } from './audit-log.page.tsx';
import { DeliveryLogPage } from './delivery-log.page.tsx';
import { EngagementWeightsPage } from './engagement-weights.page.tsx';
import { SendingSettingsPage } from './sending-settings.page.tsx';
import { SystemStatusPage } from './system-status.page.tsx';
import { UsersPage } from './users.page.tsx';
import { WebhookSecretsPage } from './webhook-secrets.page.tsx';

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

/**
 * Providers and routes: `/login`, and the signed-in shell with the journey list and map and the
 * B2B data pages (accounts, people, emails, SMS, event types, import).
 */
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { getJourney } from './api/journeys.api.ts';
import { journeyKey } from './journeys/journey-mutations.ts';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { setUnauthenticatedListener } from './api/http-client.ts';
import { LoginPage } from './auth/login.page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { adminRoutes } from './admin/admin-routes.tsx';
import { lazyPage } from './layout/lazy-page.tsx';
import { NotificationsProvider } from './layout/notifications.tsx';
import { loadMapPage, mapJourneyId, takeEarlyJourney } from './route-prefetch.ts';

// Every page is loaded when opened, so that the main chunk holds only the shell: the map (React
// Flow, dagre) must not wait for the report charts, the email editor or the import forms.
const JourneyListPage = lazyPage(
  async () => (await import('./journeys/journey-list.page.tsx')).JourneyListPage,
);
const JourneyMapPage = lazyPage(async () => (await loadMapPage()).JourneyMapPage);
const JourneysOverviewPage = lazyPage(
  async () => (await import('./reports/journeys-overview.page.tsx')).JourneysOverviewPage,
);
const EmailPerformancePage = lazyPage(
  async () => (await import('./reports/email-performance.page.tsx')).EmailPerformancePage,
);
const AccountListPage = lazyPage(
  async () => (await import('./accounts/account-list.page.tsx')).AccountListPage,
);
const AccountDetailPage = lazyPage(
  async () => (await import('./accounts/account-detail.page.tsx')).AccountDetailPage,
);
const PersonListPage = lazyPage(
  async () => (await import('./people/person-list.page.tsx')).PersonListPage,
);
const PersonDetailPage = lazyPage(
  async () => (await import('./people/person-detail.page.tsx')).PersonDetailPage,
);
const EmailListPage = lazyPage(
  async () => (await import('./content/email-list.page.tsx')).EmailListPage,
);
const EmailEditorPage = lazyPage(
  async () => (await import('./content/email-editor.page.tsx')).EmailEditorPage,
);
const SmsListPage = lazyPage(async () => (await import('./content/sms-list.page.tsx')).SmsListPage);
const SmsEditorPage = lazyPage(
  async () => (await import('./content/sms-editor.page.tsx')).SmsEditorPage,
);
const EventTypeListPage = lazyPage(
  async () => (await import('./event-types/event-type-list.page.tsx')).EventTypeListPage,
);
const ImportPage = lazyPage(async () => (await import('./import/import.page.tsx')).ImportPage);
const AudienceListPage = lazyPage(
  async () => (await import('./audiences/audience-list.page.tsx')).AudienceListPage,
);
const AudienceEditorPage = lazyPage(
  async () => (await import('./audiences/audience-editor.page.tsx')).AudienceEditorPage,
);
const AccountListListPage = lazyPage(
  async () => (await import('./account-lists/account-list-list.page.tsx')).AccountListListPage,
);
const AccountListDetailPage = lazyPage(
  async () => (await import('./account-lists/account-list-detail.page.tsx')).AccountListDetailPage,
);
const BuyingGroupListPage = lazyPage(
  async () => (await import('./buying-groups/buying-group-list.page.tsx')).BuyingGroupListPage,
);
const BuyingGroupDetailPage = lazyPage(
  async () => (await import('./buying-groups/buying-group-detail.page.tsx')).BuyingGroupDetailPage,
);
const SolutionInterestListPage = lazyPage(
  async () =>
    (await import('./buying-groups/solution-interest-list.page.tsx')).SolutionInterestListPage,
);
const RoleTemplateListPage = lazyPage(
  async () => (await import('./buying-groups/role-template-list.page.tsx')).RoleTemplateListPage,
);
const StageModelListPage = lazyPage(
  async () => (await import('./buying-groups/stage-model-list.page.tsx')).StageModelListPage,
);
const ExternalServiceListPage = lazyPage(
  async () =>
    (await import('./external-services/external-service-list.page.tsx')).ExternalServiceListPage,
);

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'md',
  fontFamily: 'Inter, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
});

const queryClient = new QueryClient({
  defaultOptions: {
    // A 4xx will not get better by asking again; the UI shows it instead.
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

/**
 * A map opened by its URL: the entry module (`main.tsx`) has already asked for the journey, the
 * map's code and its layout; the journey goes into the cache the map page reads.
 */
function prefetchMapOf(pathname: string): void {
  const id = mapJourneyId(pathname);
  if (id === undefined) return;
  // The map page shows what failed.
  queryClient
    .fetchQuery({ queryKey: journeyKey(id), queryFn: () => takeEarlyJourney(id) ?? getJourney(id) })
    .catch(() => {});
}

if (typeof window !== 'undefined') prefetchMapOf(window.location.pathname);

/** Any 401 from the API ends the session in the browser too. */
function UnauthenticatedRedirect() {
  const navigate = useNavigate();
  useEffect(() => {
    setUnauthenticatedListener(() => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    });
  }, [navigate]);
  return null;
}

export function App() {
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <NotificationsProvider>
          <BrowserRouter>
            <UnauthenticatedRedirect />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<AppLayout />}>
                <Route index element={<JourneyListPage />} />
                <Route path="/journeys" element={<JourneyListPage />} />
                <Route path="/journeys/overview" element={<JourneysOverviewPage />} />
                <Route path="/reports/email-performance" element={<EmailPerformancePage />} />
                <Route path="/journeys/:id" element={<JourneyMapPage />} />
                <Route path="/accounts" element={<AccountListPage />} />
                <Route path="/accounts/:id" element={<AccountDetailPage />} />
                <Route path="/people" element={<PersonListPage />} />
                <Route path="/people/:id" element={<PersonDetailPage />} />
                <Route path="/emails" element={<EmailListPage />} />
                <Route path="/emails/:id" element={<EmailEditorPage />} />
                <Route path="/sms" element={<SmsListPage />} />
                <Route path="/sms/:id" element={<SmsEditorPage />} />
                <Route path="/event-types" element={<EventTypeListPage />} />
                <Route path="/import" element={<ImportPage />} />
                <Route path="/audiences" element={<AudienceListPage />} />
                <Route path="/audiences/:id" element={<AudienceEditorPage />} />
                <Route path="/account-lists" element={<AccountListListPage />} />
                <Route path="/account-lists/:id" element={<AccountListDetailPage />} />
                <Route path="/buying-groups" element={<BuyingGroupListPage />} />
                <Route path="/buying-groups/:id" element={<BuyingGroupDetailPage />} />
                <Route path="/solution-interests" element={<SolutionInterestListPage />} />
                <Route path="/role-templates" element={<RoleTemplateListPage />} />
                <Route path="/stage-models" element={<StageModelListPage />} />
                <Route path="/external-services" element={<ExternalServiceListPage />} />
                {adminRoutes}
              </Route>
              <Route path="*" element={<Navigate to="/journeys" replace />} />
            </Routes>
          </BrowserRouter>
        </NotificationsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

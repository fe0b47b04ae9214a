/**
 * Providers and routes: `/login`, and the signed-in shell with the journey list and map and the
 * B2B data pages (accounts, people, emails, SMS, event types, import).
 */
import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, lazy, useEffect } from 'react';
import { getJourney } from './api/journeys.api.ts';
import { journeyKey } from './journeys/journey-mutations.ts';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { setUnauthenticatedListener } from './api/http-client.ts';
import { LoginPage } from './auth/login.page.tsx';
import { AccountDetailPage } from './accounts/account-detail.page.tsx';
import { AccountListPage } from './accounts/account-list.page.tsx';
import { AccountListDetailPage } from './account-lists/account-list-detail.page.tsx';
import { AccountListListPage } from './account-lists/account-list-list.page.tsx';
import { AudienceEditorPage } from './audiences/audience-editor.page.tsx';
import { AudienceListPage } from './audiences/audience-list.page.tsx';
import { BuyingGroupDetailPage } from './buying-groups/buying-group-detail.page.tsx';
import { BuyingGroupListPage } from './buying-groups/buying-group-list.page.tsx';
import { RoleTemplateListPage } from './buying-groups/role-template-list.page.tsx';
import { SolutionInterestListPage } from './buying-groups/solution-interest-list.page.tsx';
import { StageModelListPage } from './buying-groups/stage-model-list.page.tsx';
import { EmailEditorPage } from './content/email-editor.page.tsx';
import { EmailListPage } from './content/email-list.page.tsx';
import { EventTypeListPage } from './event-types/event-type-list.page.tsx';
import { ExternalServiceListPage } from './external-services/external-service-list.page.tsx';
import { ImportPage } from './import/import.page.tsx';
import { JourneyListPage } from './journeys/journey-list.page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { adminRoutes } from './admin/admin-routes.tsx';
import { NotificationsProvider } from './layout/notifications.tsx';
import { PersonDetailPage } from './people/person-detail.page.tsx';
import { PersonListPage } from './people/person-list.page.tsx';

// The map pulls in React Flow and dagre; the list and sign-in should not wait for them.
const JourneyMapPage = lazy(async () => ({
  default: (await import('./journey-map/journey-map.page.tsx')).JourneyMapPage,
}));

// SMS pages count segments with core, whose template module brings the Liquid engine along.
const SmsListPage = lazy(async () => ({
  default: (await import('./content/sms-list.page.tsx')).SmsListPage,
}));
const SmsEditorPage = lazy(async () => ({
  default: (await import('./content/sms-editor.page.tsx')).SmsEditorPage,
}));

// Report pages bring the charts (Recharts): loaded when opened.
const JourneysOverviewPage = lazy(async () => ({
  default: (await import('./reports/journeys-overview.page.tsx')).JourneysOverviewPage,
}));
const EmailPerformancePage = lazy(async () => ({
  default: (await import('./reports/email-performance.page.tsx')).EmailPerformancePage,
}));

const pageFallback = (
  <Center py="xl">
    <Loader />
  </Center>
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
 * A map opened by its URL: fetch the journey and the map's code now, in parallel with the
 * session check, instead of one after the other once the layout has rendered.
 */
function prefetchMapOf(pathname: string): void {
  const id = /^\/journeys\/([^/]+)$/.exec(pathname)?.[1];
  if (id === undefined) return;
  void import('./journey-map/journey-map.page.tsx');
  void queryClient.prefetchQuery({ queryKey: journeyKey(id), queryFn: () => getJourney(id) });
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
                <Route
                  path="/journeys/overview"
                  element={
                    <Suspense fallback={pageFallback}>
                      <JourneysOverviewPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/reports/email-performance"
                  element={
                    <Suspense fallback={pageFallback}>
                      <EmailPerformancePage />
                    </Suspense>
                  }
                />
                <Route
                  path="/journeys/:id"
                  element={
                    <Suspense fallback={pageFallback}>
                      <JourneyMapPage />
                    </Suspense>
                  }
                />
                <Route path="/accounts" element={<AccountListPage />} />
                <Route path="/accounts/:id" element={<AccountDetailPage />} />
                <Route path="/people" element={<PersonListPage />} />
                <Route path="/people/:id" element={<PersonDetailPage />} />
                <Route path="/emails" element={<EmailListPage />} />
                <Route path="/emails/:id" element={<EmailEditorPage />} />
                <Route
                  path="/sms"
                  element={
                    <Suspense fallback={pageFallback}>
                      <SmsListPage />
                    </Suspense>
                  }
                />
                <Route
                  path="/sms/:id"
                  element={
                    <Suspense fallback={pageFallback}>
                      <SmsEditorPage />
                    </Suspense>
                  }
                />
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

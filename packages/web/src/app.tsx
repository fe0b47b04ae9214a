/** Providers and routes: `/login`, and the signed-in shell with the list and the journey map. */
import { Center, Loader, MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Suspense, lazy, useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router';
import { setUnauthenticatedListener } from './api/http-client.ts';
import { LoginPage } from './auth/login.page.tsx';
import { JourneyListPage } from './journeys/journey-list.page.tsx';
import { AppLayout } from './layout/app-layout.tsx';
import { NotificationsProvider } from './layout/notifications.tsx';

// The map pulls in React Flow and dagre; the list and sign-in should not wait for them.
const JourneyMapPage = lazy(async () => ({
  default: (await import('./journey-map/journey-map.page.tsx')).JourneyMapPage,
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
                  path="/journeys/:id"
                  element={
                    <Suspense fallback={pageFallback}>
                      <JourneyMapPage />
                    </Suspense>
                  }
                />
              </Route>
              <Route path="*" element={<Navigate to="/journeys" replace />} />
            </Routes>
          </BrowserRouter>
        </NotificationsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

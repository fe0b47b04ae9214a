/** The signed-in shell: left navigation, a header with the user menu, and the page. */
import {
  AppShell,
  Avatar,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { logout } from '../api/auth.api.ts';
import { ApiError } from '../api/http-client.ts';
import { useSession } from '../auth/session.ts';
import { languages } from '../i18n/i18n.ts';
import { ChevronDownIcon, RouteIcon } from './icons.tsx';
import { AdminNav, useAccountActions } from '../admin/admin-nav.tsx';
import { chooseLanguage, useUserLanguage } from './user-language.ts';
import { SmtpBanner } from './smtp-banner.tsx';

/** The data pages in the left navigation, below the journeys (label keys under `data.nav`). */
const dataPages = [
  { to: '/accounts', label: 'accounts' },
  { to: '/people', label: 'people' },
  { to: '/emails', label: 'emails' },
  { to: '/sms', label: 'sms' },
  { to: '/event-types', label: 'eventTypes' },
  { to: '/import', label: 'import' },
] as const;

/** Segments and buying groups, below the data pages (label keys under `segments.nav`). */
const segmentPages = [
  { to: '/audiences', label: 'audiences' },
  { to: '/account-lists', label: 'accountLists' },
  { to: '/buying-groups', label: 'buyingGroups' },
  { to: '/solution-interests', label: 'solutionInterests' },
  { to: '/role-templates', label: 'roleTemplates' },
  { to: '/stage-models', label: 'stageModels' },
  { to: '/external-services', label: 'externalServices' },
] as const;

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

function UserMenu({ name, email }: { name: string; email: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useAccountActions();
  const signOut = useMutation({
    mutationFn: logout,
    onSettled: () => {
      queryClient.clear();
      void navigate('/login', { replace: true });
    },
  });
  return (
    <>
      <Menu position="bottom-end" width={220}>
        <Menu.Target>
          <UnstyledButton aria-label={t('auth.userMenu')}>
            <Group gap="xs">
              <Avatar color="indigo" radius="xl" size="sm">
                {initials(name || email)}
              </Avatar>
              <Text size="sm" fw={500}>
                {name || email}
              </Text>
              <ChevronDownIcon />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{email}</Menu.Label>
          <Menu.Label>{t('auth.language')}</Menu.Label>
          {languages.map((language) => (
            <Menu.Item
              key={language}
              onClick={() => {
                chooseLanguage(language);
                queryClient.setQueryData(['preferences', 'language'], language);
              }}
              fw={i18n.language === language ? 700 : 400}
              aria-current={i18n.language === language ? 'true' : undefined}
            >
              {t(`languages.${language}`)}
            </Menu.Item>
          ))}
          {account.menuItems}
          <Menu.Divider />
          <Menu.Item color="red" onClick={() => signOut.mutate()}>
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {account.dialog}
    </>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const session = useSession();
  useUserLanguage(session.isSuccess);

  if (session.isPending) {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (session.error) {
    if (session.error instanceof ApiError && session.error.status === 401) {
      return <Navigate to="/login" replace />;
    }
    return (
      <Center mih="100vh">
        <Text c="red">{session.error.message}</Text>
      </Center>
    );
  }

  const user = session.data;
  const onJourneys = location.pathname === '/' || location.pathname.startsWith('/journeys');
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header px="lg">
        <Group h="100%" justify="space-between">
          <Group gap={8}>
            <Center w={30} h={30} bg="indigo.6" c="white" style={{ borderRadius: 8 }}>
              <RouteIcon />
            </Center>
            <Text fw={800} size="lg">
              {t('app.name')}
            </Text>
          </Group>
          <UserMenu name={user.name} email={user.email} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t('app.navigation')} style={{ overflowY: 'auto' }}>
        <NavLink
          component={Link}
          to="/journeys"
          label={t('app.accountJourneys')}
          leftSection={<RouteIcon />}
          active={onJourneys}
          variant="light"
          style={{ borderRadius: 8 }}
        />
        <NavLink
          component={Link}
          to="/reports/email-performance"
          label={t('reports.nav.emailPerformance')}
          active={location.pathname.startsWith('/reports')}
          variant="light"
          style={{ borderRadius: 8 }}
        />
        {dataPages.map((p) => (
          <NavLink
            key={p.to}
            component={Link}
            to={p.to}
            label={t(`data.nav.${p.label}`)}
            active={location.pathname.startsWith(p.to)}
            variant="light"
            style={{ borderRadius: 8 }}
          />
        ))}
        {segmentPages.map((p) => (
          <NavLink
            key={p.to}
            component={Link}
            to={p.to}
            label={t(`segments.nav.${p.label}`)}
            active={location.pathname.startsWith(p.to)}
            variant="light"
            style={{ borderRadius: 8 }}
          />
        ))}
        <AdminNav />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <SmtpBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

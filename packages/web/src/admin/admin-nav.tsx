/**
 * The *Administration* group of the left navigation (pages an admin runs the product with; the
 * admin-only ones hidden from others), the dead-letter count on *Delivery log*, the link to the
 * API documentation, and the user menu's *Change password* / *Sign out other sessions*.
 */
import { Badge, Menu, NavLink } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/session.ts';
import { useNotify } from '../layout/notifications.tsx';
import { countDeadLetters, endOtherSessions } from './admin.api.ts';
import { ChangePasswordDialog } from './change-password.dialog.tsx';

/** Label keys under `admin.nav`; `adminOnly` pages answer 403 to everyone else. */
export const adminPages = [
  { to: '/admin/users', label: 'users', adminOnly: true },
  { to: '/admin/api-keys', label: 'apiKeys', adminOnly: true },
  { to: '/admin/webhook-secrets', label: 'webhookSecrets', adminOnly: true },
  { to: '/admin/sending', label: 'sending', adminOnly: false },
  { to: '/admin/delivery-log', label: 'deliveryLog', adminOnly: false },
  { to: '/admin/engagement-weights', label: 'engagementWeights', adminOnly: false },
  { to: '/admin/system', label: 'system', adminOnly: true },
  { to: '/admin/audit', label: 'audit', adminOnly: true },
] as const;

function DeadLetterBadge() {
  const { t } = useTranslation();
  const dead = useQuery({
    queryKey: ['admin', 'dead-letter-count'],
    queryFn: countDeadLetters,
    refetchInterval: 60_000,
  });
  if (!dead.data) return null;
  return (
    <Badge
      color="red"
      size="sm"
      circle={dead.data < 10}
      aria-label={t('admin.nav.deadLetters', { count: dead.data })}
    >
      {dead.data}
    </Badge>
  );
}

export function AdminNav() {
  const { t } = useTranslation();
  const location = useLocation();
  const isAdmin = useSession().data?.role === 'admin';
  const pages = adminPages.filter((p) => isAdmin || !p.adminOnly);
  return (
    <NavLink
      label={t('admin.nav.group')}
      defaultOpened
      variant="light"
      style={{ borderRadius: 8 }}
      childrenOffset={12}
    >
      {pages.map((p) => (
        <NavLink
          key={p.to}
          component={Link}
          to={p.to}
          label={t(`admin.nav.${p.label}`)}
          active={location.pathname.startsWith(p.to)}
          variant="light"
          style={{ borderRadius: 8 }}
          {...(p.label === 'deliveryLog' ? { rightSection: <DeadLetterBadge /> } : {})}
        />
      ))}
      <NavLink
        component="a"
        href="/docs"
        target="_blank"
        rel="noopener"
        label={t('admin.nav.apiDocs')}
        variant="light"
        style={{ borderRadius: 8 }}
      />
    </NavLink>
  );
}

/** The user menu's account items and the dialog they open (kept outside the menu's dropdown). */
export function useAccountActions(): { menuItems: ReactNode; dialog: ReactNode } {
  const { t } = useTranslation();
  const notify = useNotify();
  const [changing, setChanging] = useState(false);
  const endOthers = useMutation({
    mutationFn: endOtherSessions,
    onSuccess: ({ ended }) =>
      notify({
        title: t('admin.account.signOutOthers'),
        message: t('admin.account.signedOutOthers', { count: ended }),
        color: 'green',
      }),
  });
  return {
    menuItems: (
      <>
        <Menu.Divider />
        <Menu.Item onClick={() => setChanging(true)}>{t('admin.account.changePassword')}</Menu.Item>
        <Menu.Item onClick={() => endOthers.mutate()}>{t('admin.account.signOutOthers')}</Menu.Item>
      </>
    ),
    dialog: <ChangePasswordDialog opened={changing} onClose={() => setChanging(false)} />,
  };
}

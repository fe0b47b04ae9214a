/**
 * For admins: a banner while no SMTP server is configured, since every email then fails (the
 * timeline says why per send). Others cannot change the server's environment, so they see nothing.
 */
import { Alert } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { request } from '../api/http-client.ts';
import { useSession } from '../auth/session.ts';

export function SmtpBanner() {
  const { t } = useTranslation();
  const isAdmin = useSession().data?.role === 'admin';
  const channels = useQuery({
    queryKey: ['settings', 'channels'],
    queryFn: () => request<{ email: { configured: boolean } }>('GET', '/settings/channels'),
    enabled: isAdmin,
    staleTime: 60_000,
  });
  if (!isAdmin || channels.data?.email.configured !== false) return null;
  return (
    <Alert
      color="orange"
      role="note"
      aria-label={t('content.smtpBanner.title')}
      mb="md"
      title={t('content.smtpBanner.title')}
    >
      {t('content.smtpBanner.body')}
    </Alert>
  );
}

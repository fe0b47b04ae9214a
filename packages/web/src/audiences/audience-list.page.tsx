/** `/audiences`: rule-based account segments with their member counts. */
import { Anchor, Badge, Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { listAudiences, type Audience } from '../api/segments.api.ts';
import { PageHeader, PagedList, type Column } from '../data/paged-list.tsx';
import { formatDateTime, formatNumber } from '../layout/format.ts';

export const audiencesKey = ['audiences'] as const;

export function AudienceListPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const columns: Column<Audience>[] = [
    {
      label: t('segments.name'),
      render: (a) => (
        <Anchor component={Link} to={`/audiences/${a.id}`} fw={600}>
          {a.name}
        </Anchor>
      ),
    },
    {
      label: t('segments.status'),
      render: (a) => <Badge variant="light">{t(`segments.statuses.${a.status}`)}</Badge>,
    },
    { label: t('segments.members'), render: (a) => formatNumber(a.memberCount, i18n.language) },
    { label: t('segments.updatedAt'), render: (a) => formatDateTime(a.updatedAt, i18n.language) },
  ];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('segments.nav.audiences')}
        action={
          <Button onClick={() => void navigate('/audiences/new')}>
            {t('segments.audience.create')}
          </Button>
        }
      />
      <PagedList
        queryKey={audiencesKey}
        fetchPage={listAudiences}
        columns={columns}
        rowKey={(a) => a.id}
      />
    </Stack>
  );
}

/** `/admin/engagement-weights`: the engagement weights form as a page of its own. */
import { useTranslation } from 'react-i18next';
import { EngagementWeightsForm } from '../buying-groups/engagement-weights-form.tsx';
import { AdminPage } from './admin-page.tsx';

export function EngagementWeightsPage() {
  const { t } = useTranslation();
  return (
    <AdminPage title={t('admin.engagement.title')}>
      <EngagementWeightsForm />
    </AdminPage>
  );
}

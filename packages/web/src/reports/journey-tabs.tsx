/** *Journeys* / *Overview* tabs above the journey list and the overview (links, so URLs work). */
import { Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function JourneyTabs({ active }: { active: 'journeys' | 'overview' }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Tabs
      value={active}
      onChange={(value) => void navigate(value === 'overview' ? '/journeys/overview' : '/journeys')}
    >
      <Tabs.List>
        <Tabs.Tab value="journeys">{t('reports.tabs.journeys')}</Tabs.Tab>
        <Tabs.Tab value="overview">{t('reports.tabs.overview')}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}

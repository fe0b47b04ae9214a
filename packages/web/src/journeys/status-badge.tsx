import { Badge } from '@mantine/core';
import type { JourneyStatus } from '@caravan/core/journey/status';
import { useTranslation } from 'react-i18next';

const statusColors: Readonly<Record<JourneyStatus, string>> = {
  draft: 'gray',
  scheduled: 'blue',
  live: 'green',
  closed: 'orange',
  aborted: 'red',
  completed: 'teal',
};

/** The status label in a colour that tells the lifecycle stage at a glance. */
export function StatusBadge({ status }: { status: JourneyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColors[status]}
      variant="light"
      radius="sm"
      tt="none"
      // A truncated "Closed to…" would hide the one word that matters.
      styles={{ root: { maxWidth: 'none', flexShrink: 0 }, label: { overflow: 'visible' } }}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

/**
 * The journey's schedule and settings as a two-column table: the *Review journey settings* step
 * of Publish. Dates are shown in the journey's own time zone, as they were entered.
 */
import { Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { isTimeZone } from '../map/settings-edits.ts';

function formatInZone(iso: string, language: string, timeZone: string | undefined): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = timeZone && isTimeZone(timeZone) ? timeZone : undefined;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(date);
}

function reEntryText(t: TFunction, reEntry: ApiJourney['settings']['reEntry']): string {
  if (!reEntry.enabled) return t('publishReview.off');
  const delay = reEntry.delay
    ? t(`publishReview.${reEntry.delay.unit}`, { count: reEntry.delay.amount })
    : t('publishReview.notSet');
  return t('publishReview.reEntryOn', {
    count: reEntry.entryLimit ?? 0,
    delay,
    from: t(reEntry.measuredFrom === 'start' ? 'publishReview.fromStart' : 'publishReview.fromEnd'),
  });
}

export function SettingsSummary({ journey }: { journey: ApiJourney }) {
  const { t, i18n } = useTranslation();
  const { schedule, settings } = journey;
  const zone = schedule.timeZone;
  const rows: [string, string][] = [
    [
      t('publishReview.start'),
      schedule.start === 'immediately'
        ? t('settings.startImmediately')
        : formatInZone(schedule.start, i18n.language, zone),
    ],
    [
      t('publishReview.end'),
      schedule.end ? formatInZone(schedule.end, i18n.language, zone) : t('publishReview.notSet'),
    ],
    [t('publishReview.timeZone'), zone ?? t('publishReview.notSet')],
    [t('publishReview.reEntry'), reEntryText(t, settings.reEntry)],
    [
      t('publishReview.dedup'),
      settings.emailDeduplication ? t('publishReview.on') : t('publishReview.off'),
    ],
    [
      t('publishReview.tokens'),
      settings.myTokens.length === 0
        ? t('publishReview.none')
        : settings.myTokens.map((token) => `${token.name} = ${token.value}`).join(', '),
    ],
  ];
  return (
    <Table variant="vertical" withTableBorder aria-label={t('publishReview.title')}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={180}>{label}</Table.Th>
            <Table.Td>
              <Text size="sm">{value}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What every administration page shares: its frame and whether the caller is an admin. */
import { Alert, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session.ts';
import { PageHeader } from '../data/paged-list.tsx';

export function useIsAdmin(): boolean {
  return useSession().data?.role === 'admin';
}

export function AdminPage(props: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader title={props.title} action={props.action} />
      {props.children}
    </Stack>
  );
}

/** Shown to a manager or viewer on a page whose changes only an admin may make. */
export function AdminOnlyNote() {
  const { t } = useTranslation();
  return useIsAdmin() ? null : (
    <Alert color="gray" variant="light">
      {t('admin.common.adminOnly')}
    </Alert>
  );
}

/** A plain table in a card, for the administration lists. */
export function AdminTable(props: {
  label: string;
  headers: readonly string[];
  children: ReactNode;
  empty?: string | false;
}) {
  return (
    <Paper withBorder radius="md" p="md">
      <Table.ScrollContainer minWidth={700}>
        <Table striped highlightOnHover verticalSpacing="sm" aria-label={props.label}>
          <Table.Thead>
            <Table.Tr>
              {props.headers.map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{props.children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {props.empty && (
        <Text ta="center" c="dimmed" py="lg">
          {props.empty}
        </Text>
      )}
    </Paper>
  );
}

export interface DayRange {
  from: string;
  to: string;
}

/**
 * A "from day" / "to day" pair as the API's ISO filter: the start of the first day and the end
 * of the last (a range that ends on a day includes that day); days not filled in are left out.
 */
export function dayRangeFilter(days: DayRange): { from?: string; to?: string } {
  const start = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : NaN;
  const from = start(days.from);
  const to = start(days.to);
  return {
    ...(Number.isNaN(from) ? {} : { from: new Date(from).toISOString() }),
    ...(Number.isNaN(to) ? {} : { to: new Date(to + 86_400_000).toISOString() }),
  };
}

/** Two date inputs for an administration filter row. */
export function DayRangeInputs(props: {
  fromLabel: string;
  toLabel: string;
  value: DayRange;
  onChange: (days: DayRange) => void;
}) {
  return (
    <>
      <TextInput
        label={props.fromLabel}
        type="date"
        value={props.value.from}
        onChange={(e) => props.onChange({ ...props.value, from: e.currentTarget.value })}
      />
      <TextInput
        label={props.toLabel}
        type="date"
        value={props.value.to}
        onChange={(e) => props.onChange({ ...props.value, to: e.currentTarget.value })}
      />
    </>
  );
}

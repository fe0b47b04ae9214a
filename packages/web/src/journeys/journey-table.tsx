/** The *Account journeys* table: chosen columns, sortable headers, a *More* menu per row. */
import {
  ActionIcon,
  Anchor,
  Group,
  Menu,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import type { UserRef } from '@caravan/core/journey/journey';
import { assertNever } from '@caravan/core/result';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiJourney, JourneySort } from '../api/journeys.api.ts';
import { formatDateTime } from '../layout/format.ts';
import { DotsIcon, SortIcon } from '../layout/icons.tsx';
import { sortableColumns, type ColumnId } from './journey-columns.ts';
import { StatusBadge } from './status-badge.tsx';

interface Props {
  journeys: ApiJourney[];
  columns: readonly ColumnId[];
  sort: JourneySort;
  onSort: (column: ColumnId) => void;
  onDuplicate: (journey: ApiJourney) => void;
  onDelete: (journey: ApiJourney) => void;
}

// Badges read badly when broken over lines; dates, names and people may wrap (at 1280 px the
// default columns must fit without scrolling sideways).
const nowrapColumns: ReadonlySet<ColumnId> = new Set(['status']);

const who = (ref: UserRef | null) => ref?.name || ref?.email || '—';

function Cell({ journey, column }: { journey: ApiJourney; column: ColumnId }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string | null) => formatDateTime(iso, i18n.language);
  switch (column) {
    case 'name':
      // One or two lines, then an ellipsis (a name without spaces breaks anywhere); the whole
      // name shows on hover.
      return (
        <Tooltip label={journey.name} multiline maw={480} openDelay={300} style={nameTooltip}>
          <Anchor
            component={Link}
            to={`/journeys/${journey.id}`}
            fw={600}
            lineClamp={2}
            style={{ overflowWrap: 'anywhere' }}
          >
            {journey.name}
          </Anchor>
        </Tooltip>
      );
    case 'status':
      return <StatusBadge status={journey.status} />;
    case 'description':
      return (
        <Text size="sm" c="dimmed" lineClamp={2} maw={200}>
          {journey.description}
        </Text>
      );
    case 'createdBy':
      return who(journey.createdBy);
    case 'updatedAt':
      return date(journey.updatedAt);
    case 'updatedBy':
      return who(journey.updatedBy);
    case 'publishedAt':
      return date(journey.publishedAt);
    case 'publishedBy':
      return journey.publishedBy ? who(journey.publishedBy) : '—';
    case 'createdAt':
      return date(journey.createdAt);
    case 'startAt':
      return journey.schedule.start === 'immediately'
        ? t('list.immediately')
        : date(journey.schedule.start);
    case 'endAt':
      return date(journey.schedule.end);
    default:
      return assertNever(column);
  }
}

function HeaderCell({
  column,
  sort,
  onSort,
}: {
  column: ColumnId;
  sort: JourneySort;
  onSort: Props['onSort'];
}) {
  const { t } = useTranslation();
  const field = sortableColumns[column];
  const label = t(`list.columns.${column}`);
  const width = column === 'name' ? nameWidth : undefined;
  if (!field) return <Table.Th style={width}>{label}</Table.Th>;
  const direction = sort.field === field ? sort.direction : 'none';
  const ariaSort = direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none';
  return (
    // The whole header cell is the sort button, not only its label.
    <Table.Th aria-sort={ariaSort} p={0} style={width}>
      <UnstyledButton
        onClick={() => onSort(column)}
        fw={700}
        fz="sm"
        w="100%"
        px="sm"
        py="xs"
        display="block"
      >
        <Group gap={4} wrap="nowrap" align="center">
          <span>{label}</span>
          <SortIcon direction={direction} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

function RowMenu({
  journey,
  onDuplicate,
  onDelete,
}: { journey: ApiJourney } & Pick<Props, 'onDuplicate' | 'onDelete'>) {
  const { t } = useTranslation();
  const canDelete = journey.allowedActions.includes('delete');
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={t('actions.more')}>
          <DotsIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => onDuplicate(journey)}>{t('actions.duplicate')}</Menu.Item>
        <Menu.Item color="red" disabled={!canDelete} onClick={() => onDelete(journey)}>
          {t('actions.delete')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

export function JourneyTable({ journeys, columns, sort, onSort, onDuplicate, onDelete }: Props) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <HeaderCell key={column} column={column} sort={sort} onSort={onSort} />
            ))}
            <Table.Th w={48} style={stickyEnd}>
              <span style={visuallyHidden}>{t('actions.more')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {journeys.map((journey) => (
            <Table.Tr key={journey.id}>
              {columns.map((column) => (
                <Table.Td
                  key={column}
                  fz="sm"
                  style={
                    nowrapColumns.has(column)
                      ? { whiteSpace: 'nowrap' }
                      : column === 'name'
                        ? nameWidth
                        : undefined
                  }
                >
                  <Cell journey={journey} column={column} />
                </Table.Td>
              ))}
              <Table.Td style={stickyEnd}>
                <RowMenu journey={journey} onDuplicate={onDuplicate} onDelete={onDelete} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

// Name gets the room: wide enough for one or two lines of a usual name, never the whole table.
const nameWidth = { width: '28%', minWidth: 200, maxWidth: 420 } as const;
const nameTooltip = { overflowWrap: 'anywhere' } as const;

// The row menu stays reachable when many columns make the table scroll sideways.
const stickyEnd = {
  position: 'sticky',
  right: 0,
  background: 'var(--mantine-color-body)',
} as const;

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

import { Button, Checkbox, Group, Modal, SimpleGrid, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { columnIds, fixedColumns, type ColumnId } from './journey-columns.ts';

interface Props {
  opened: boolean;
  columns: readonly ColumnId[];
  onClose: () => void;
  onApply: (columns: ColumnId[]) => void;
}

/** One check box per column; nothing changes until *Apply*. */
export function CustomizeTableDialog({ opened, columns, onClose, onApply }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('list.customize')} centered>
      {/* Mounted only while open so that every opening starts from the saved choice. */}
      {opened && <ColumnChoice columns={columns} onClose={onClose} onApply={onApply} />}
    </Modal>
  );
}

function ColumnChoice({ columns, onClose, onApply }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<ColumnId[]>([...columns]);
  const toggle = (id: ColumnId, on: boolean) =>
    setChosen((current) => (on ? [...current, id] : current.filter((c) => c !== id)));
  return (
    <>
      <SimpleGrid cols={2} spacing="sm" mb="lg">
        {columnIds.map((id) => (
          <Checkbox
            key={id}
            label={t(`list.columns.${id}`)}
            checked={chosen.includes(id)}
            disabled={fixedColumns.includes(id)}
            onChange={(e) => toggle(id, e.currentTarget.checked)}
          />
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          {chosen.length} / {columnIds.length}
        </Text>
        <Group>
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            onClick={() => {
              onApply(columnIds.filter((id) => chosen.includes(id)));
              onClose();
            }}
          >
            {t('list.apply')}
          </Button>
        </Group>
      </Group>
    </>
  );
}

import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** *Edit* and *Delete*, named with the row's name for screen readers and tests. */
export function RowActions(props: { name: string; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <Button
        size="compact-sm"
        variant="default"
        aria-label={t('segments.setup.editNamed', { name: props.name })}
        onClick={props.onEdit}
      >
        {t('actions.edit')}
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        aria-label={t('segments.setup.deleteNamed', { name: props.name })}
        onClick={props.onDelete}
      >
        {t('actions.delete')}
      </Button>
    </Group>
  );
}

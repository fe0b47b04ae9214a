/** The bar over the editor canvas: *Undo*, *Redo*, *Problems* with its count, and save state. */
import type { Problem } from '@caravan/core/journey/validation';
import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SaveState } from './use-autosave.ts';

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'saved'
      ? t('editor.saved')
      : state.kind === 'saving'
        ? t('editor.saving')
        : t('editor.notSaved', { message: state.message });
  return (
    <Text size="sm" c={state.kind === 'failed' ? 'red' : 'dimmed'} role="status" aria-live="polite">
      {text}
    </Text>
  );
}

interface Props {
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
  problems: readonly Problem[];
  blocked: boolean;
  onOpenProblems: () => void;
  saveState: SaveState;
}

export function EditorToolbar(props: Props) {
  const { t } = useTranslation();
  const { problems, blocked } = props;
  return (
    <Paper withBorder radius="md" p={6} shadow="xs">
      <Group gap="xs">
        <Button size="xs" variant="default" disabled={!props.canUndo} onClick={props.onUndo}>
          {t('editor.undo')}
        </Button>
        <Button size="xs" variant="default" disabled={!props.canRedo} onClick={props.onRedo}>
          {t('editor.redo')}
        </Button>
        <Button
          size="xs"
          variant={problems.length > 0 ? 'light' : 'default'}
          color={blocked ? 'red' : problems.length > 0 ? 'yellow' : undefined}
          onClick={props.onOpenProblems}
          rightSection={
            <Badge size="xs" circle color={blocked ? 'red' : 'gray'}>
              {problems.length}
            </Badge>
          }
        >
          {t('editor.problems')}
        </Button>
        <SaveStatus state={props.saveState} />
      </Group>
    </Paper>
  );
}

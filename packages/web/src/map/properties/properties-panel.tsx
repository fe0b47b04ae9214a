/**
 * The region named *Properties* (SPEC §6): the selected node's title, its problems, the form of
 * its type and *Delete node* (with confirmation).
 */
import type { JourneyDefinition, JourneyNode } from '@caravan/core/journey/definition';
import type { Problem } from '@caravan/core/journey/validation';
import { assertNever } from '@caravan/core/result';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteNode, updateSettings } from '../definition-edits.ts';
import type { Edit } from '../editor-store.ts';
import { ActionForm } from './action.form.tsx';
import { MergeForm } from './merge.form.tsx';
import { AudienceForm, EventForm, ExternalActionForm, WaitForm } from './simple.forms.tsx';
import { ExternalSplitForm, SplitForm, VariantSplitForm } from './split.forms.tsx';
import { nodeTitleText } from '../node-text.ts';

interface Props {
  node: JourneyNode | undefined;
  definition: JourneyDefinition;
  problems: readonly Problem[];
  /** Runs an edit; false when it was refused (the editor has said why). */
  run: (edit: Edit, coalesce?: string) => boolean;
  onDeleted: () => void;
  /** A journey that cannot be edited: the settings are shown, disabled. */
  readOnly?: boolean;
}

function NodeForm({
  node,
  definition,
  run,
}: Omit<Props, 'problems' | 'onDeleted'> & { node: JourneyNode }) {
  const base = { definition, run: (edit: Edit) => void run(edit) };
  const change = (settings: JourneyNode['settings'], field?: string) =>
    void run(
      (def) => updateSettings(def, node.id, settings),
      field === undefined ? undefined : `${node.id}:${field}`,
    );
  const props = { ...base, change };
  switch (node.type) {
    case 'audience':
      return <AudienceForm {...props} node={node} />;
    case 'action':
      return <ActionForm {...props} node={node} />;
    case 'event':
      return <EventForm {...props} node={node} />;
    case 'split':
      return <SplitForm {...props} node={node} />;
    case 'variantSplit':
      return <VariantSplitForm {...props} node={node} />;
    case 'merge':
      return <MergeForm {...props} node={node} />;
    case 'wait':
      return <WaitForm {...props} node={node} />;
    case 'externalAction':
      return <ExternalActionForm {...props} node={node} />;
    case 'externalSplit':
      return <ExternalSplitForm {...props} node={node} />;
    default:
      return assertNever(node);
  }
}

export function PropertiesPanel(props: Props) {
  const { node, definition, problems, run, onDeleted, readOnly = false } = props;
  const { t } = useTranslation();
  const headingId = useId();
  const [confirming, setConfirming] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('editor.properties')}
        </Title>
        {!node ? (
          <Text size="sm" c="dimmed">
            {t('editor.selectNode')}
          </Text>
        ) : (
          <>
            <Text fw={600}>{nodeTitleText(t, node)}</Text>
            {problems.length > 0 && (
              <Alert color={problems.some((p) => p.severity === 'error') ? 'red' : 'yellow'} p="xs">
                <List size="sm">
                  {problems.map((p, i) => (
                    <List.Item key={`${p.code}-${p.pathId ?? ''}-${i}`}>{p.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Fieldset disabled={readOnly} variant="unstyled" p={0}>
              <NodeForm key={node.id} node={node} definition={definition} run={run} />
            </Fieldset>
            {node.type !== 'audience' && !readOnly && (
              <Group justify="flex-end">
                <Button color="red" variant="light" size="xs" onClick={() => setConfirming(true)}>
                  {t('editor.deleteNode')}
                </Button>
              </Group>
            )}
            <Modal
              opened={confirming}
              onClose={() => setConfirming(false)}
              title={t('editor.deleteNode')}
              centered
            >
              <Stack>
                <Text size="sm">
                  {t('editor.deleteNodeBody', { title: nodeTitleText(t, node) })}
                </Text>
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => setConfirming(false)}>
                    {t('actions.cancel')}
                  </Button>
                  <Button
                    color="red"
                    onClick={() => {
                      setConfirming(false);
                      if (run((def) => deleteNode(def, node.id))) onDeleted();
                    }}
                  >
                    {t('actions.delete')}
                  </Button>
                </Group>
              </Stack>
            </Modal>
          </>
        )}
      </Stack>
    </Paper>
  );
}

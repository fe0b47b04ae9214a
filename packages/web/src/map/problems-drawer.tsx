/**
 * *Problems*: every validation problem of the journey in one list; a problem of a node selects
 * that node and centres the map on it.
 */
import type { JourneyDefinition } from '@caravan/core/journey/definition';
import type { Problem } from '@caravan/core/journey/validation';
import { Badge, Drawer, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { nodeTitleText } from './node-text.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
  problems: readonly Problem[];
  definition: JourneyDefinition;
  onPick: (nodeId: string) => void;
}

export function ProblemsDrawer({ opened, onClose, problems, definition, onPick }: Props) {
  const { t } = useTranslation();
  const titleOf = (id: string) => {
    const node = definition.nodes.find((n) => n.id === id);
    return node ? nodeTitleText(t, node) : id;
  };
  return (
    <Drawer opened={opened} onClose={onClose} title={t('editor.problems')} position="right">
      {problems.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('editor.noProblems')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {problems.map((problem, index) => {
            const body = (
              <Stack gap={2}>
                <Badge
                  size="xs"
                  color={problem.severity === 'error' ? 'red' : 'yellow'}
                  variant="light"
                >
                  {problem.nodeId ? titleOf(problem.nodeId) : t('editor.journeyProblem')}
                </Badge>
                <Text size="sm">{problem.message}</Text>
              </Stack>
            );
            const { nodeId } = problem;
            return (
              <li key={`${problem.code}-${nodeId ?? ''}-${problem.pathId ?? ''}-${index}`}>
                {nodeId ? (
                  <UnstyledButton
                    w="100%"
                    p={6}
                    onClick={() => onPick(nodeId)}
                    style={{ borderRadius: 6 }}
                  >
                    {body}
                  </UnstyledButton>
                ) : (
                  <div style={{ padding: 6 }}>{body}</div>
                )}
              </li>
            );
          })}
        </Stack>
      )}
    </Drawer>
  );
}

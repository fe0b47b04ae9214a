/** The problems of an email or SMS, each marked blocking (refuses saving and publishing) or a warning. */
import { Alert, Badge, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/http-client.ts';

export function Warnings({ problems }: { problems: readonly ApiProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  const blocking = problems.some((p) => p.severity === 'error');
  return (
    <Alert
      color={blocking ? 'red' : 'yellow'}
      title={t('content.problems.title')}
      aria-label={t('content.problems.title')}
    >
      <List size="sm" spacing={4}>
        {problems.map((p, i) => (
          <List.Item key={`${p.code}-${i}`}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge
                size="sm"
                variant="light"
                color={p.severity === 'error' ? 'red' : 'yellow'}
                style={{ flexShrink: 0 }}
              >
                {p.severity === 'error'
                  ? t('content.problems.blocking')
                  : t('content.problems.warning')}
              </Badge>
              <Text size="sm" title={p.code}>
                {p.message}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

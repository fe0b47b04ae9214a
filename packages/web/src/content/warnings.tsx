/** The server's warnings about an email or SMS (what would block or weaken publishing). */
import { Alert, List } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiProblem } from '../api/http-client.ts';

export function Warnings({ problems }: { problems: readonly ApiProblem[] }) {
  const { t } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <Alert color="yellow" title={t('data.warnings')}>
      <List size="sm">
        {problems.map((p, i) => (
          <List.Item key={`${p.code}-${i}`}>{p.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

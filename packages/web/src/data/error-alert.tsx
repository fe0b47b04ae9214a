/** An API error as an alert, with each problem of its `details` (why a write was refused). */
import { Alert, List } from '@mantine/core';
import { ApiError } from '../api/http-client.ts';

export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  const problems = error instanceof ApiError ? error.problems.filter((p) => p.message) : [];
  return (
    <Alert color="red" role="alert">
      {error.message}
      {problems.length > 0 && (
        <List size="sm" mt="xs">
          {problems.map((p, i) => (
            <List.Item key={`${p.code}-${i}`}>{p.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

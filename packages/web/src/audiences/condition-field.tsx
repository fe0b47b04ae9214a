/**
 * A condition as a JSON textarea, checked against core's schema on every keystroke, with the live
 * count of accounts that match it now (debounced, so typing does not flood the server).
 */
import { Alert, List, Loader, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { previewAudienceCount } from '../api/segments.api.ts';
import { formatNumber } from '../layout/format.ts';
import { parseConditionJson } from './condition-json.ts';

interface Props {
  value: string;
  onChange: (text: string) => void;
  readOnly?: boolean;
}

export function ConditionField({ value, onChange, readOnly = false }: Props) {
  const { t } = useTranslation();
  const parsed = parseConditionJson(value);
  return (
    <Stack gap="xs">
      <Textarea
        label={t('segments.condition')}
        description={t('segments.conditionHint')}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        readOnly={readOnly}
        autosize
        minRows={6}
        maxRows={24}
        styles={{ input: { fontFamily: 'ui-monospace, monospace', fontSize: 13 } }}
        error={parsed.ok ? undefined : t('segments.conditionInvalid')}
      />
      {!parsed.ok && (
        <List size="sm" c="red">
          {parsed.error.map((message) => (
            <List.Item key={message}>{message}</List.Item>
          ))}
        </List>
      )}
      <LiveCount text={value} />
    </Stack>
  );
}

/** "N accounts match", for the condition the user stopped typing at. */
function LiveCount({ text }: { text: string }) {
  const { t, i18n } = useTranslation();
  const [settled] = useDebouncedValue(text, 400);
  const parsed = parseConditionJson(settled);
  const condition = parsed.ok ? parsed.value : null;
  const count = useQuery({
    queryKey: ['audiences', 'preview-count', settled],
    queryFn: () => previewAudienceCount(condition ?? { match: 'all', rules: [] }),
    enabled: condition !== null,
  });
  if (condition === null) return null;
  if (count.error) {
    return (
      <Alert color="red" role="alert">
        {count.error.message}
      </Alert>
    );
  }
  return (
    <Text size="sm" fw={600} aria-live="polite" role="status">
      {count.isPending || settled !== text ? (
        <Loader size="xs" />
      ) : (
        t('segments.matching', {
          count: count.data.count,
          formatted: formatNumber(count.data.count, i18n.language),
        })
      )}
    </Text>
  );
}

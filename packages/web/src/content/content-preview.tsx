/**
 * The live preview of the unsaved draft of an email or SMS, as a chosen person (or with every
 * fallback when none is chosen), re-rendered by the server a moment after each change, and the
 * *Send test* form that sends the same draft for the same person.
 */
import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestSent } from '../api/content.api.ts';
import type { ApiProblem } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PersonPicker } from '../data/person-picker.tsx';

/** Renders the draft on the server after the typing pauses; keeps the last result meanwhile. */
export function useDraftPreview<Draft, Answer extends { problems: ApiProblem[] }>(
  key: readonly unknown[],
  draft: Draft,
  personId: string | null,
  render: (draft: Draft, personId: string | undefined) => Promise<Answer>,
) {
  const [debounced] = useDebouncedValue(draft, 400);
  return useQuery({
    queryKey: [...key, 'draft-preview', personId, debounced],
    queryFn: () => render(debounced, personId ?? undefined),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function PreviewPanel({
  personId,
  onPersonChange,
  error,
  children,
}: {
  personId: string | null;
  onPersonChange: (id: string | null) => void;
  error: Error | null;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('content.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('content.preview.draftNote')}
        </Text>
        <PersonPicker
          label={t('content.preview.person')}
          value={personId}
          onChange={onPersonChange}
        />
        {personId === null && (
          <Text size="sm" c="dimmed">
            {t('content.preview.noPerson')}
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        {children}
      </Stack>
    </Paper>
  );
}

/** The rendered HTML in an empty sandbox (no scripts, forms or same-origin access) at a chosen width. */
export function EmailFrame({ html }: { html: string }) {
  const { t } = useTranslation();
  const [width, setWidth] = useState<'desktop' | 'mobile'>('desktop');
  return (
    <Stack gap="xs">
      <SegmentedControl
        aria-label={t('content.preview.width')}
        value={width}
        onChange={(v) => setWidth(v === 'mobile' ? 'mobile' : 'desktop')}
        data={[
          { value: 'desktop', label: t('content.preview.desktop') },
          { value: 'mobile', label: t('content.preview.mobile') },
        ]}
        w="fit-content"
      />
      <iframe
        title={t('content.preview.frame')}
        sandbox=""
        srcDoc={html}
        style={{
          width: width === 'mobile' ? 375 : '100%',
          maxWidth: '100%',
          height: 520,
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 8,
          background: 'white',
        }}
      />
    </Stack>
  );
}

export function TestSendForm({
  kind,
  send,
}: {
  kind: 'email' | 'sms';
  send: (to: string) => Promise<TestSent>;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const test = useMutation({ mutationFn: () => send(to.trim()) });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('content.testSend.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('content.testSend.note')}
        </Text>
        <Group align="flex-end">
          <TextInput
            label={kind === 'email' ? t('content.testSend.emailTo') : t('content.testSend.smsTo')}
            type={kind === 'email' ? 'email' : 'tel'}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
            w={320}
          />
          <Button
            variant="default"
            disabled={to.trim() === ''}
            loading={test.isPending}
            onClick={() => test.mutate()}
          >
            {t('content.testSend.send')}
          </Button>
        </Group>
        <ErrorAlert error={test.error} />
        {test.data && (
          <Alert color="green" role="status">
            {t('content.testSend.sent', { to: test.data.to })}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * `/sms/:id`: name and message with a live character and segment count (core `smsSegments`, the
 * same count the server bills by), a token picker with fallbacks, a live preview of the unsaved
 * message as a chosen person, its problems marked blocking or warning, and *Send test*.
 */
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { smsMessageMaxLength, smsSegments } from '@caravan/core/content/sms';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getSms, previewSms, testSendSms, updateSms, type ApiSms } from '../api/content.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PreviewPanel, TestSendForm, useDraftPreview } from './content-preview.tsx';
import { TokenPicker } from './token-picker.tsx';
import { Warnings } from './warnings.tsx';

export function SmsEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const sms = useQuery({ queryKey: ['sms', id], queryFn: () => getSms(id) });
  if (sms.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (sms.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {sms.error.message}
      </Alert>
    );
  }
  // Keyed by id so that another SMS starts with its own draft.
  return <SmsEditor key={sms.data.id} sms={sms.data} />;
}

function SmsEditor({ sms }: { sms: ApiSms }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(sms.name);
  const [message, setMessage] = useState(sms.message);
  const save = useMutation({
    mutationFn: () => updateSms(sms.id, { name: name.trim(), message }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['sms', sms.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['sms'] });
    },
  });
  const [personId, setPersonId] = useState<string | null>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const preview = useDraftPreview(['sms', sms.id], message, personId, (draft, person) =>
    previewSms(sms.id, { personId: person, draft: { message: draft } }),
  );
  /** Inserts at the cursor of the message (or at its end when it was never focused). */
  const insertToken = (text: string) => {
    const box = messageRef.current;
    const at = box ? box.selectionStart : message.length;
    const end = box ? box.selectionEnd : message.length;
    setMessage((m) => `${m.slice(0, at)}${text}${m.slice(end)}`);
  };
  const count = smsSegments(message);
  const characters = Array.from(message).length;
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/sms" size="sm">
        {t('data.nav.sms')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {sms.name}
        </Title>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('actions.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
      <Warnings problems={preview.data?.problems ?? sms.warnings} />
      <Paper withBorder radius="md" p="md">
        <Stack>
          <TextInput
            label={t('form.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <TokenPicker target={t('data.sms.message')} onInsert={insertToken} />
          </Group>
          <Textarea
            ref={messageRef}
            label={t('data.sms.message')}
            autosize
            minRows={5}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <Group gap="lg">
            <Text
              size="sm"
              c={characters > smsMessageMaxLength ? 'red' : 'dimmed'}
              aria-live="polite"
            >
              {t('data.sms.characters', { count: characters, max: smsMessageMaxLength })}
            </Text>
            <Text size="sm" fw={600} aria-live="polite" data-testid="sms-segments">
              {t('data.sms.segments', { count: count.segments, encoding: count.encoding })}
            </Text>
          </Group>
        </Stack>
      </Paper>
      <PreviewPanel personId={personId} onPersonChange={setPersonId} error={preview.error}>
        {preview.data && (
          <Paper bg="gray.1" p="sm" radius="md" aria-label={t('content.preview.smsFrame')}>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{preview.data.message}</Text>
          </Paper>
        )}
      </PreviewPanel>
      <TestSendForm
        kind="sms"
        send={(to) =>
          testSendSms(sms.id, { to, ...(personId ? { personId } : {}), draft: { message } })
        }
      />
    </Stack>
  );
}

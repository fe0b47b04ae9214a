/**
 * `/emails/:id`: every field of an email, the HTML in a code editor, a token picker with
 * fallbacks, a live preview of the unsaved draft as a chosen person (desktop or mobile width,
 * sandboxed), the plain-text part (generated from the HTML unless written), the problems of the
 * draft marked blocking or warning, and *Send test*.
 */
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  getEmail,
  previewEmail,
  testSendEmail,
  updateEmail,
  type ApiEmail,
  type EmailDraft,
} from '../api/content.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { EmailFrame, PreviewPanel, TestSendForm, useDraftPreview } from './content-preview.tsx';
import { TokenPicker } from './token-picker.tsx';
import { Warnings } from './warnings.tsx';

// The email's report brings the report widgets and charts: fetched below the editor when shown.
const EmailPerformancePanel = lazy(async () => ({
  default: (await import('../reports/email-performance.page.tsx')).EmailPerformancePanel,
}));

// CodeMirror is about half of what the app would load up front: fetched when an email is opened.
const HtmlCodeEditor = lazy(async () => ({
  default: (await import('./html-code-editor.tsx')).HtmlCodeEditor,
}));

const lineFields = ['name', 'subject', 'fromName', 'fromEmail', 'replyTo', 'preheader'] as const;
type EmailForm = Record<(typeof lineFields)[number] | 'html' | 'text', string>;

function toForm(email: ApiEmail): EmailForm {
  return { ...email, replyTo: email.replyTo ?? '' };
}

export function EmailEditorPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const email = useQuery({ queryKey: ['emails', id], queryFn: () => getEmail(id) });
  if (email.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (email.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {email.error.message}
      </Alert>
    );
  }
  return <EmailEditor key={email.data.id} email={email.data} />;
}

function EmailEditor({ email }: { email: ApiEmail }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(() => toForm(email));
  const [personId, setPersonId] = useState<string | null>(null);
  const insertHtml = useRef<((text: string) => void) | null>(null);
  const draft = useMemo(() => draftOf(form), [form]);
  const preview = useDraftPreview(['emails', email.id], draft, personId, (d, person) =>
    previewEmail(email.id, { personId: person, draft: d }),
  );
  const save = useMutation({
    mutationFn: () => updateEmail(email.id, { ...draftOf(form), name: form.name.trim() }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['emails', email.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['emails'] });
    },
  });
  const set = (field: keyof EmailForm) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const append = (field: keyof EmailForm) => (text: string) =>
    setForm((f) => ({ ...f, [field]: `${f[field]}${text}` }));
  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Anchor component={Link} to="/emails" size="sm">
        {t('data.nav.emails')}
      </Anchor>
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {email.name}
        </Title>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('actions.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
      <Warnings problems={preview.data?.problems ?? email.warnings} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Stack>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {lineFields.map((field) => (
                <TextInput
                  key={field}
                  label={t(`data.email.${field}`)}
                  required={field === 'name'}
                  value={form[field]}
                  onChange={(e) => set(field)(e.currentTarget.value)}
                  {...(field === 'subject' || field === 'preheader'
                    ? {
                        rightSectionWidth: 110,
                        rightSection: (
                          <TokenPicker target={t(`data.email.${field}`)} onInsert={append(field)} />
                        ),
                      }
                    : {})}
                />
              ))}
            </SimpleGrid>
            <Group justify="flex-end">
              <TokenPicker
                target={t('content.html.label')}
                onInsert={(text) => insertHtml.current?.(text)}
              />
            </Group>
            <Suspense fallback={<Loader size="sm" />}>
              <HtmlCodeEditor
                label={t('content.html.label')}
                value={form.html}
                onChange={set('html')}
                insertRef={insertHtml}
              />
            </Suspense>
            <Textarea
              label={t('data.email.text')}
              placeholder={t('content.textPlaceholder')}
              autosize
              minRows={4}
              value={form.text}
              onChange={(e) => set('text')(e.currentTarget.value)}
            />
          </Stack>
        </Paper>
        <Stack>
          <PreviewPanel personId={personId} onPersonChange={setPersonId} error={preview.error}>
            {preview.data && (
              <Stack gap="xs">
                <Text fw={600}>
                  {t('data.email.subject')}: {preview.data.subject}
                </Text>
                <EmailFrame html={preview.data.html} />
                <Text fw={600} size="sm">
                  {t('content.preview.textTitle')}
                </Text>
                {preview.data.textGenerated && (
                  <Text size="xs" c="dimmed">
                    {t('content.preview.textGenerated')}
                  </Text>
                )}
                <Paper bg="gray.0" p="sm" radius="md" aria-label={t('content.preview.textTitle')}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {preview.data.text}
                  </Text>
                </Paper>
              </Stack>
            )}
          </PreviewPanel>
          <TestSendForm
            kind="email"
            send={(to) => testSendEmail(email.id, { to, ...(personId ? { personId } : {}), draft })}
          />
        </Stack>
      </SimpleGrid>
      <Title order={2} size="h3">
        {t('reports.emailPage.title')}
      </Title>
      <Suspense fallback={<Loader size="sm" />}>
        <EmailPerformancePanel filter={{ journeyIds: [], emailIds: [email.id] }} />
      </Suspense>
    </Stack>
  );
}

/** The editable content as the API takes it: a blank reply-to is none. */
function draftOf(form: EmailForm): EmailDraft {
  const { name: _name, ...content } = form;
  return { ...content, replyTo: form.replyTo.trim() === '' ? null : form.replyTo.trim() };
}

/** `/emails/:id`: every field of an email, the server's warnings, and a preview for a person. */
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmailPerformancePanel } from '../reports/email-performance.page.tsx';
import { getEmail, previewEmail, updateEmail, type ApiEmail } from '../api/content.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PersonPicker } from '../data/person-picker.tsx';
import { Warnings } from './warnings.tsx';

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
  const save = useMutation({
    mutationFn: () =>
      updateEmail(email.id, {
        ...form,
        name: form.name.trim(),
        replyTo: form.replyTo.trim() === '' ? null : form.replyTo.trim(),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['emails', email.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['emails'] });
    },
  });
  const set = (field: keyof EmailForm) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/emails" size="sm">
        {t('data.nav.emails')}
      </Anchor>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {email.name}
        </Title>
        <Button loading={save.isPending} onClick={() => save.mutate()}>
          {t('actions.save')}
        </Button>
      </Group>
      <ErrorAlert error={save.error} />
      <Warnings problems={email.warnings} />
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
              />
            ))}
          </SimpleGrid>
          <Textarea
            label={t('data.email.html')}
            autosize
            minRows={8}
            styles={{ input: { fontFamily: 'monospace' } }}
            value={form.html}
            onChange={(e) => set('html')(e.currentTarget.value)}
          />
          <Textarea
            label={t('data.email.text')}
            autosize
            minRows={4}
            value={form.text}
            onChange={(e) => set('text')(e.currentTarget.value)}
          />
        </Stack>
      </Paper>
      <EmailPreview emailId={email.id} />
      <Title order={2} size="h3">
        {t('reports.emailPage.title')}
      </Title>
      <EmailPerformancePanel filter={{ journeyIds: [], emailId: email.id }} />
    </Stack>
  );
}

function EmailPreview({ emailId }: { emailId: string }) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const preview = useMutation({ mutationFn: (id: string) => previewEmail(emailId, id) });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('data.preview.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('data.preview.savedOnly')}
        </Text>
        <Group align="flex-end">
          <PersonPicker label={t('data.preview.person')} value={personId} onChange={setPersonId} />
          <Button
            variant="default"
            disabled={personId === null}
            loading={preview.isPending}
            onClick={() => personId && preview.mutate(personId)}
          >
            {t('data.preview.run')}
          </Button>
        </Group>
        {preview.error && (
          <Alert color="red" role="alert">
            {preview.error.message}
          </Alert>
        )}
        {preview.data && (
          <Stack gap="xs">
            <Text fw={600}>
              {t('data.email.subject')}: {preview.data.subject}
            </Text>
            {/* An empty sandbox: the rendered email may hold anything, so no scripts, forms or same-origin access. */}
            <iframe
              title={t('data.preview.html')}
              sandbox=""
              srcDoc={preview.data.html}
              style={{ width: '100%', height: 480, border: '1px solid #dee2e6', borderRadius: 8 }}
            />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

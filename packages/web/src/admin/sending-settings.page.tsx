/**
 * `/admin/sending`: communication limits (per channel, rolling windows, across journeys), the
 * sender identity defaults, the tracking domain (read-only), whether SMTP and the SMS provider
 * are configured, and *Send test email* / *Send test SMS* showing the provider's answer. Everyone
 * reads; only an admin saves or sends a test.
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http-client.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { useNotify } from '../layout/notifications.tsx';
import { AdminOnlyNote, AdminPage, useIsAdmin } from './admin-page.tsx';
import {
  getLimits,
  getSendingSettings,
  saveLimits,
  saveSenderIdentity,
  sendTestEmail,
  sendTestSms,
  type CommunicationLimit,
  type SenderIdentity,
} from './admin.api.ts';

const limitsKey = ['admin', 'limits'];
const sendingKey = ['admin', 'sending'];

function LimitsSection({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: limitsKey, queryFn: getLimits });
  // null: nothing edited yet, show what is stored.
  const [edited, setDraft] = useState<CommunicationLimit[] | null>(null);
  const draft = edited ?? stored.data?.limits ?? [];
  const save = useMutation<{ limits: CommunicationLimit[] }, ApiError>({
    mutationFn: () => saveLimits(draft),
    onSuccess: (saved) => {
      queryClient.setQueryData(limitsKey, saved);
      setDraft(null);
      notify({
        title: t('admin.common.saved'),
        message: t('admin.sending.limits'),
        color: 'green',
      });
    },
  });
  const update = (i: number, patch: Partial<CommunicationLimit>) =>
    setDraft(draft.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('admin.sending.limits')}>
      <Stack>
        <Title order={3}>{t('admin.sending.limits')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.sending.limitsHelp')}
        </Text>
        {draft.length === 0 && <Text size="sm">{t('admin.sending.noLimits')}</Text>}
        {draft.map((limit, i) => (
          <Group key={i} align="flex-end">
            <Select
              aria-label={t('admin.sending.channelOf', { n: i + 1 })}
              label={i === 0 ? t('admin.sending.channel') : undefined}
              disabled={!canEdit}
              allowDeselect={false}
              value={limit.channel}
              onChange={(v) => v && update(i, { channel: v as CommunicationLimit['channel'] })}
              data={(['email', 'sms'] as const).map((c) => ({
                value: c,
                label: t(`admin.sending.channels.${c}`),
              }))}
              w={140}
            />
            <NumberInput
              aria-label={t('admin.sending.amountOf', { n: i + 1 })}
              label={i === 0 ? t('admin.sending.amount') : undefined}
              disabled={!canEdit}
              min={0}
              max={1_000_000}
              allowDecimal={false}
              value={limit.amount}
              onChange={(v) => update(i, { amount: typeof v === 'number' ? v : Number(v) || 0 })}
              w={120}
            />
            <Select
              aria-label={t('admin.sending.perOf', { n: i + 1 })}
              label={i === 0 ? t('admin.sending.per') : undefined}
              disabled={!canEdit}
              allowDeselect={false}
              value={limit.per}
              onChange={(v) => v && update(i, { per: v as CommunicationLimit['per'] })}
              data={(['hour', 'day', 'week', 'month'] as const).map((p) => ({
                value: p,
                label: t(`admin.sending.perOptions.${p}`),
              }))}
              w={140}
            />
            {canEdit && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('admin.sending.removeLimit', { n: i + 1 })}
                onClick={() => setDraft(draft.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        <ErrorAlert error={stored.error ?? save.error} />
        {canEdit && (
          <Group>
            <Button
              variant="light"
              onClick={() => setDraft([...draft, { channel: 'email', amount: 1, per: 'day' }])}
            >
              {t('admin.sending.addLimit')}
            </Button>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('admin.sending.saveLimits')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function SenderSection({ canEdit, stored }: { canEdit: boolean; stored: SenderIdentity }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const queryClient = useQueryClient();
  // The page remounts this section (by key) when the stored identity changes.
  const [draft, setDraft] = useState(stored);
  const save = useMutation<SenderIdentity, ApiError>({
    mutationFn: () => saveSenderIdentity(draft),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sendingKey });
      notify({
        title: t('admin.common.saved'),
        message: t('admin.sending.sender'),
        color: 'green',
      });
    },
  });
  const field = (key: keyof SenderIdentity, label: string) => (
    <TextInput
      label={label}
      disabled={!canEdit}
      value={draft[key]}
      onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
      w={320}
    />
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('admin.sending.sender')}>
      <Stack>
        <Title order={3}>{t('admin.sending.sender')}</Title>
        <Text size="sm" c="dimmed">
          {t('admin.sending.senderHelp')}
        </Text>
        <Group>
          {field('fromName', t('admin.sending.fromName'))}
          {field('fromEmail', t('admin.sending.fromEmail'))}
          {field('replyTo', t('admin.sending.replyTo'))}
        </Group>
        <ErrorAlert error={save.error} />
        {canEdit && (
          <Group>
            <Button loading={save.isPending} onClick={() => save.mutate()}>
              {t('admin.sending.saveSender')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function TestSend(props: {
  label: string;
  inputLabel: string;
  configured: boolean;
  canSend: boolean;
  send: (to: string) => Promise<{ response: string }>;
}) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const test = useMutation<{ response: string }, ApiError>({ mutationFn: () => props.send(to) });
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput
          label={props.inputLabel}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          w={280}
          disabled={!props.canSend}
        />
        <Button
          variant="light"
          disabled={!props.canSend || !props.configured || to.trim() === ''}
          loading={test.isPending}
          onClick={() => test.mutate()}
        >
          {props.label}
        </Button>
      </Group>
      {test.data && (
        <Alert color="green" title={t('admin.sending.providerAnswer')} role="status">
          <Code>{test.data.response}</Code>
        </Alert>
      )}
      <ErrorAlert error={test.error} />
    </Stack>
  );
}

function Configured({ configured }: { configured: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={configured ? 'green' : 'gray'} variant="light">
      {configured ? t('admin.sending.configured') : t('admin.sending.notConfigured')}
    </Badge>
  );
}

export function SendingSettingsPage() {
  const { t } = useTranslation();
  const isAdmin = useIsAdmin();
  const settings = useQuery({ queryKey: sendingKey, queryFn: getSendingSettings });
  const data = settings.data;
  return (
    <AdminPage title={t('admin.sending.title')}>
      <AdminOnlyNote />
      <LimitsSection canEdit={isAdmin} />
      <ErrorAlert error={settings.error} />
      {data && (
        <>
          <SenderSection
            key={JSON.stringify(data.senderIdentity)}
            canEdit={isAdmin}
            stored={data.senderIdentity}
          />
          <Paper
            withBorder
            radius="md"
            p="md"
            component="section"
            aria-label={t('admin.sending.channelStatus')}
          >
            <Stack>
              <Title order={3}>{t('admin.sending.channelStatus')}</Title>
              <TextInput
                label={t('admin.sending.trackingDomain')}
                value={data.trackingDomain}
                readOnly
                w={420}
              />
              <Group>
                <Text fw={500}>{t('admin.sending.smtp')}</Text>
                <Configured configured={data.channels.email.configured} />
              </Group>
              <TestSend
                label={t('admin.sending.testEmail')}
                inputLabel={t('admin.sending.testTo')}
                configured={data.channels.email.configured}
                canSend={isAdmin}
                send={sendTestEmail}
              />
              <Group>
                <Text fw={500}>{t('admin.sending.smsProvider')}</Text>
                <Configured configured={data.channels.sms.configured} />
              </Group>
              <TestSend
                label={t('admin.sending.testSms')}
                inputLabel={t('admin.sending.testPhone')}
                configured={data.channels.sms.configured}
                canSend={isAdmin}
                send={sendTestSms}
              />
            </Stack>
          </Paper>
        </>
      )}
    </AdminPage>
  );
}

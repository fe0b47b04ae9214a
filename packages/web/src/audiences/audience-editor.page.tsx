/**
 * `/audiences/new` and `/audiences/:id`: name, description and the condition (the builder, and
 * the same condition as JSON with the live count), *Save*, and for a saved audience its members.
 * A draft audience can be published.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  createAudience,
  getAudience,
  listAudienceMembers,
  updateAudience,
  type Audience,
} from '../api/segments.api.ts';
import { ConditionBuilder } from '../conditions/condition-builder.tsx';
import { ErrorAlert } from '../data/error-alert.tsx';
import { ConditionField } from './condition-field.tsx';
import { conditionToJson, emptyCondition, parseConditionJson } from './condition-json.ts';
import { MembersTable } from './members-table.tsx';

export function AudienceEditorPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const audience = useQuery({
    queryKey: ['audiences', id],
    queryFn: () => getAudience(id),
    enabled: id !== 'new',
  });
  if (id !== 'new' && audience.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (audience.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {audience.error.message}
      </Alert>
    );
  }
  const saved = id === 'new' ? undefined : audience.data;
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/audiences" size="sm">
        {t('segments.nav.audiences')}
      </Anchor>
      <Group gap="sm">
        <Title order={1} size="h2">
          {saved ? saved.name : t('segments.audience.new')}
        </Title>
        {saved && <Badge variant="light">{t(`segments.statuses.${saved.status}`)}</Badge>}
      </Group>
      <AudienceForm key={saved?.updatedAt ?? 'new'} saved={saved} />
      {saved && (
        <MembersTable
          queryKey={['audiences', saved.id, 'members']}
          fetchPage={(limit, cursor) => listAudienceMembers(saved.id, limit, cursor)}
        />
      )}
    </Stack>
  );
}

function AudienceForm({ saved }: { saved: Audience | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(saved?.name ?? '');
  const [description, setDescription] = useState(saved?.description ?? '');
  const [text, setText] = useState(conditionToJson(saved?.condition ?? emptyCondition));
  const parsed = parseConditionJson(text);
  const save = useMutation({
    mutationFn: (status?: 'live') => {
      const condition = parsed.ok ? parsed.value : emptyCondition;
      const body = { name: name.trim(), description, condition, ...(status && { status }) };
      return saved ? updateAudience(saved.id, body) : createAudience(body);
    },
    onSuccess: (audience) => {
      queryClient.setQueryData(['audiences', audience.id], audience);
      void queryClient.invalidateQueries({ queryKey: ['audiences'] });
      if (!saved) void navigate(`/audiences/${audience.id}`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(undefined);
  };
  const canSave = name.trim() !== '' && parsed.ok;
  const [showJson, setShowJson] = useState(false);
  return (
    <Paper withBorder radius="md" p="md">
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} />
          <TextInput
            label={t('segments.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
          />
          <Textarea
            label={t('segments.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <ConditionBuilder
            label={t('conditionBuilder.rules')}
            value={parsed.ok ? parsed.value : undefined}
            onChange={(condition) => setText(conditionToJson(condition))}
            jsonToggle={false}
          />
          {/* Marketers build rules above; the JSON stays one switch away for those who want it. */}
          <Switch
            label={t('content.audienceJson')}
            checked={showJson}
            onChange={(e) => setShowJson(e.currentTarget.checked)}
          />
          {showJson && <ConditionField value={text} onChange={setText} />}
          <Group justify="flex-end">
            {saved?.status === 'draft' && (
              <Button
                variant="default"
                disabled={!canSave}
                loading={save.isPending && save.variables === 'live'}
                onClick={() => save.mutate('live')}
              >
                {t('actions.publish')}
              </Button>
            )}
            <Button type="submit" disabled={!canSave} loading={save.isPending && !save.variables}>
              {saved ? t('actions.save') : t('form.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

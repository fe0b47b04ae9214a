/** `/people/:id`: the person's fields (*Edit* / *Save*), consent switches and accounts. */
import {
  Alert,
  Anchor,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { Person } from '@caravan/core/b2b/person';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getPerson, listPersonAccounts, personName, updatePerson } from '../api/b2b.api.ts';
import type { PersonPatch } from '@caravan/core/b2b/person';
import { formToPersonPatch, personToForm, type PersonForm } from './person-fields.ts';
import { PersonFormFields } from './person-form.tsx';
import { ActivityHistory } from '../data/activity-history.tsx';

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = useQuery({ queryKey: ['people', id], queryFn: () => getPerson(id) });
  if (person.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (person.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {person.error.message}
      </Alert>
    );
  }
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/people" size="sm">
        {t('data.nav.people')}
      </Anchor>
      <Title order={1} size="h2">
        {personName(person.data)}
      </Title>
      <PersonFields person={person.data} />
      <PersonAccounts personId={id} />
      <ActivityHistory subject="people" id={id} />
    </Stack>
  );
}

function usePersonUpdate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PersonPatch) => updatePerson(id, patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(['people', id], saved);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
    },
  });
}

function PersonFields({ person }: { person: Person }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<PersonForm | null>(null);
  const save = usePersonUpdate(person.id);
  const form = draft ?? personToForm(person);
  const consent = (field: 'emailConsent' | 'smsConsent') => (
    <Switch
      label={t(`data.person.${field}`)}
      checked={person[field] === 'optedIn'}
      disabled={save.isPending}
      onChange={(e) => save.mutate({ [field]: e.currentTarget.checked ? 'optedIn' : 'optedOut' })}
    />
  );
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('data.fields')}
          </Title>
          {draft === null ? (
            <Button variant="default" onClick={() => setDraft(personToForm(person))}>
              {t('actions.edit')}
            </Button>
          ) : (
            <Group gap="xs">
              <Button variant="default" onClick={() => (save.reset(), setDraft(null))}>
                {t('actions.cancel')}
              </Button>
              <Button
                loading={save.isPending}
                onClick={() =>
                  save.mutate(formToPersonPatch(draft), { onSuccess: () => setDraft(null) })
                }
              >
                {t('actions.save')}
              </Button>
            </Group>
          )}
        </Group>
        {save.error && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <PersonFormFields
          form={form}
          readOnly={draft === null}
          onChange={(field, value) => setDraft((d) => d && { ...d, [field]: value })}
        />
        <Group>
          {consent('emailConsent')}
          {consent('smsConsent')}
        </Group>
      </Stack>
    </Paper>
  );
}

function PersonAccounts({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const accounts = useQuery({
    queryKey: ['people', personId, 'accounts'],
    queryFn: () => listPersonAccounts(personId),
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('data.nav.accounts')}
        </Title>
        {accounts.error && (
          <Alert color="red" role="alert">
            {accounts.error.message}
          </Alert>
        )}
        <Table aria-label={t('data.nav.accounts')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('data.account.name')}</Table.Th>
              <Table.Th>{t('data.account.domain')}</Table.Th>
              <Table.Th>{t('data.person.role')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(accounts.data?.items ?? []).map(({ account, role }) => (
              <Table.Tr key={account.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/accounts/${account.id}`}>
                    {account.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{account.domain ?? '—'}</Table.Td>
                <Table.Td>{role ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {accounts.data?.items.length === 0 && (
          <Text c="dimmed" ta="center">
            {t('data.person.noAccounts')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

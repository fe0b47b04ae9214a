/** The people of an account with their role there: *Add person* (found by email) and *Remove*. */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { linkPerson, listAccountPeople, personName, unlinkPerson } from '../api/b2b.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PersonPicker } from '../data/person-picker.tsx';

export function AccountPeople({ accountId }: { accountId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['accounts', accountId, 'people'];
  const people = useQuery({ queryKey: key, queryFn: () => listAccountPeople(accountId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const remove = useMutation({
    mutationFn: (id: string) => unlinkPerson(accountId, id),
    onSuccess: () => void refresh(),
  });
  const error = people.error ?? remove.error;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('data.nav.people')}
        </Title>
        {error && (
          <Alert color="red" role="alert">
            {error.message}
          </Alert>
        )}
        <AddPerson accountId={accountId} onAdded={() => void refresh()} />
        <Table aria-label={t('data.nav.people')} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('data.person.name')}</Table.Th>
              <Table.Th>{t('data.person.email')}</Table.Th>
              <Table.Th>{t('data.person.role')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(people.data?.items ?? []).map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/people/${p.id}`}>
                    {personName(p)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.email ?? '—'}</Table.Td>
                <Table.Td>{p.role ?? '—'}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('data.account.removePerson', { name: personName(p) })}
                    onClick={() => remove.mutate(p.id)}
                  >
                    {t('data.remove')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {people.data?.items.length === 0 && (
          <Text c="dimmed" ta="center">
            {t('data.account.noPeople')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** *Add person*: a person found by email and an optional role at this account. */
function AddPerson({ accountId, onAdded }: { accountId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const [personId, setPersonId] = useState<string | null>(null);
  const [role, setRole] = useState('');
  const add = useMutation({
    mutationFn: (id: string) => linkPerson(accountId, id, role.trim() === '' ? null : role.trim()),
    onSuccess: () => {
      setPersonId(null);
      setRole('');
      onAdded();
    },
  });
  return (
    <Stack gap="xs">
      <ErrorAlert error={add.error} />
      <Group align="flex-end">
        <PersonPicker
          label={t('data.account.findPerson')}
          value={personId}
          onChange={setPersonId}
        />
        <TextInput
          label={t('data.person.role')}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
        />
        <Button
          disabled={personId === null}
          loading={add.isPending}
          onClick={() => personId && add.mutate(personId)}
        >
          {t('data.account.addPerson')}
        </Button>
      </Group>
    </Stack>
  );
}

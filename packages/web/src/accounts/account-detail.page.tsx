/**
 * `/accounts/:id`: the account's fields (*Edit* / *Save*), its people, buying groups, lists and
 * audiences, and the journeys it is or was in.
 */
import { Alert, Anchor, Button, Center, Group, Loader, Paper, Stack, Title } from '@mantine/core';
import type { Account } from '@caravan/core/b2b/account';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { getAccount, updateAccount } from '../api/b2b.api.ts';
import { accountToForm, formToAccountPatch, type AccountForm } from './account-fields.ts';
import { AccountFormFields } from './account-form.tsx';
import { AccountPeople } from './account-people.tsx';
import { AccountRelations } from './account-relations.tsx';
import { ActivityHistory } from '../data/activity-history.tsx';

export function AccountDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const account = useQuery({ queryKey: ['accounts', id], queryFn: () => getAccount(id) });
  if (account.isPending) {
    return (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  if (account.error) {
    return (
      <Alert color="red" role="alert" title={t('data.loadFailed')}>
        {account.error.message}
      </Alert>
    );
  }
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Anchor component={Link} to="/accounts" size="sm">
        {t('data.nav.accounts')}
      </Anchor>
      <Title order={1} size="h2">
        {account.data.name}
      </Title>
      <AccountFields account={account.data} />
      <AccountPeople accountId={id} />
      <AccountRelations accountId={id} />
      <ActivityHistory subject="accounts" id={id} />
    </Stack>
  );
}

function AccountFields({ account }: { account: Account }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AccountForm | null>(null);
  const save = useMutation({
    mutationFn: (form: AccountForm) => updateAccount(account.id, formToAccountPatch(form)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['accounts', account.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
      setDraft(null);
    },
  });
  const form = draft ?? accountToForm(account);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('data.fields')}
          </Title>
          {draft === null ? (
            <Button variant="default" onClick={() => setDraft(accountToForm(account))}>
              {t('actions.edit')}
            </Button>
          ) : (
            <Group gap="xs">
              <Button variant="default" onClick={() => (save.reset(), setDraft(null))}>
                {t('actions.cancel')}
              </Button>
              <Button
                loading={save.isPending}
                disabled={draft.name.trim() === ''}
                onClick={() => save.mutate(draft)}
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
        <AccountFormFields
          form={form}
          readOnly={draft === null}
          onChange={(field, value) => setDraft((d) => d && { ...d, [field]: value })}
        />
      </Stack>
    </Paper>
  );
}

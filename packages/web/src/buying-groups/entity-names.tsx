/**
 * Buying groups name accounts and people by id only; these cells read the name (React Query
 * caches each, so a table of one account's groups asks once).
 */
import { Anchor } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { getAccount, getPerson, personName } from '../api/b2b.api.ts';

export function AccountName({ id }: { id: string }) {
  const account = useQuery({ queryKey: ['accounts', id], queryFn: () => getAccount(id) });
  return (
    <Anchor component={Link} to={`/accounts/${id}`}>
      {account.data?.name ?? id}
    </Anchor>
  );
}

export function PersonName({ id }: { id: string }) {
  const person = useQuery({ queryKey: ['people', id], queryFn: () => getPerson(id) });
  return (
    <Anchor component={Link} to={`/people/${id}`}>
      {person.data ? personName(person.data) : id}
    </Anchor>
  );
}

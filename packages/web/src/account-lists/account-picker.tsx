/** Finds an account by name for *Add account* on a static list: a searchable select. */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listAccounts } from '../api/b2b.api.ts';

interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string | null;
  onChange: (accountId: string | null) => void;
}

export function AccountPicker({ label, value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  // Once chosen, the box shows the option's label; searching for that label again is pointless.
  const [debounced] = useDebouncedValue(search === chosen?.label ? '' : search, 250);
  const accounts = useQuery({
    queryKey: ['accounts', 'picker', debounced],
    queryFn: () => listAccounts({ search: debounced, limit: 20 }),
  });
  const found: Option[] = (accounts.data?.items ?? []).map((a) => ({
    value: a.id,
    label: a.domain ? `${a.name} (${a.domain})` : a.name,
  }));
  const data = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={label}
      searchable
      clearable
      data={data}
      value={value}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by the search text.
      filter={({ options }) => options}
      nothingFoundMessage="—"
      w={360}
    />
  );
}

/** Finds a person by email (or name) for *Add person* and previews: a searchable select. */
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { listPeople, personName } from '../api/b2b.api.ts';

interface Option {
  value: string;
  label: string;
}

interface Props {
  label: string;
  value: string | null;
  onChange: (personId: string | null) => void;
}

export function PersonPicker({ label, value, onChange }: Props) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<Option | null>(null);
  // Once chosen, the box shows the option's label; searching for that label would find nothing.
  const [debounced] = useDebouncedValue(search === chosen?.label ? '' : search, 250);
  const people = useQuery({
    queryKey: ['people', 'picker', debounced],
    queryFn: () => listPeople({ search: debounced, limit: 20 }),
  });
  const found: Option[] = (people.data?.items ?? []).map((p) => ({
    value: p.id,
    label: p.email ? `${personName(p)} <${p.email}>` : personName(p),
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
      // The server already filtered by the search text; filtering again would hide matches by email.
      filter={({ options }) => options}
      nothingFoundMessage="—"
      w={360}
    />
  );
}

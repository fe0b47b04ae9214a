/**
 * A picker over a server-side search: shows names, stores ids. The chosen item's name is looked
 * up by id (so a saved journey shows "Software", not an id); an id that no longer resolves is
 * shown as is, and validation says what is wrong with it.
 */
import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';

export interface PickerOption {
  value: string;
  label: string;
  /** Shown dimmed beside the label (an audience's size); not part of the option's name. */
  detail?: string;
}

export interface SearchSelectProps {
  label: string;
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  /** Names the cache of this kind of item (`['audiences']`). */
  queryKey: readonly string[];
  /** The items matching the typed text (the server filters). */
  search: (text: string) => Promise<PickerOption[]>;
  /** The item of one id, for the chosen one's name. */
  resolve: (id: string) => Promise<PickerOption>;
  placeholder?: string;
  description?: ReactNode;
  error?: ReactNode;
}

export function SearchSelect(props: SearchSelectProps) {
  const { label, value, onChange, queryKey, search, resolve } = props;
  const [text, setText] = useState('');
  const chosen = useQuery({
    queryKey: [...queryKey, 'picker-one', value],
    queryFn: () => resolve(value ?? ''),
    enabled: value !== undefined,
    retry: false,
  });
  const chosenOption: PickerOption | undefined =
    value === undefined ? undefined : (chosen.data ?? { value, label: value });
  // The box shows the chosen name; searching for exactly that name is not a search.
  const [debounced] = useDebouncedValue(text === chosenOption?.label ? '' : text, 250);
  const found = useQuery({
    queryKey: [...queryKey, 'picker', debounced],
    queryFn: () => search(debounced),
  });
  const options = found.data ?? [];
  const data =
    chosenOption && !options.some((o) => o.value === chosenOption.value)
      ? [chosenOption, ...options]
      : options;
  return (
    <Select
      label={label}
      placeholder={props.placeholder}
      description={props.description ?? chosenOption?.detail}
      error={props.error}
      searchable
      clearable
      data={data}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      searchValue={text}
      onSearchChange={setText}
      // The server already filtered by the text; filtering again would hide its matches.
      filter={({ options: all }) => all}
      renderOption={({ option }) => {
        const detail = data.find((o) => o.value === option.value)?.detail;
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
            <span>{option.label}</span>
            {detail && (
              <Text span size="xs" c="dimmed" aria-hidden="true" style={{ whiteSpace: 'nowrap' }}>
                {detail}
              </Text>
            )}
          </Group>
        );
      }}
      nothingFoundMessage={found.isPending ? '…' : '—'}
    />
  );
}

/**
 * A setting typed as JSON and checked against its core schema when the field is left (the
 * condition builder and pickers come later). Invalid JSON stays in the field with the reason and
 * changes nothing; an emptied field clears the setting.
 */
import { Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schema } from './schema-check.ts';

interface Props<T> {
  label: string;
  value: T | undefined;
  schema: Schema<T>;
  placeholder?: string;
  onCommit: (value: T | undefined) => void;
}

/** Give it `key={JSON.stringify(value)}` so that undo and redo show the restored value. */
export function JsonField<T>({ label, value, schema, placeholder, onCommit }: Props<T>) {
  const { t } = useTranslation();
  const [text, setText] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (text.trim() === '') {
      setError(null);
      onCommit(undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setError(t('editor.split.conditionNotJson'));
      return;
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) {
      setError(
        checked.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; '),
      );
      return;
    }
    setError(null);
    onCommit(checked.data);
  };
  return (
    <Textarea
      size="xs"
      autosize
      minRows={2}
      label={label}
      placeholder={placeholder}
      styles={{ input: { fontFamily: 'monospace' } }}
      value={text}
      error={error}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={commit}
    />
  );
}

/**
 * *Import journey* on the journey list: a JSON file exported from Caravan (or written by hand)
 * becomes a new draft, which opens on the map. A refused file shows each problem the server
 * named (field path and message); a name clash can be solved by giving another name.
 */
import { Alert, Button, Group, Input, List, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiJourney } from '../api/journeys.api.ts';
import { journeyKey, journeyListKey } from './journey-mutations.ts';
import { importJourney, importProblems, parseJourneyFile } from './journey-transfer.ts';

interface Props {
  opened: boolean;
  onClose: () => void;
}

export function ImportJourneyDialog({ opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('transfer.import')} centered>
      {opened && <ImportForm onClose={onClose} />}
    </Modal>
  );
}

/** Thrown when the chosen file is not JSON: it is the user's file, not the server, at fault. */
class NotJsonError extends Error {}

function useImportJourney() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation<ApiJourney, Error, { file: File; name: string }>({
    mutationFn: async ({ file, name }) => {
      const parsed = parseJourneyFile(await file.text());
      if (!parsed.ok) throw new NotJsonError(t('transfer.notJson', { message: parsed.message }));
      return importJourney(parsed.value, name);
    },
    onSuccess: (journey) => {
      queryClient.setQueryData(journeyKey(journey.id), journey);
      void queryClient.invalidateQueries({ queryKey: journeyListKey });
    },
  });
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const importing = useImportJourney();
  const problems = importing.error ? importProblems(importing.error) : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    importing.mutate(
      { file, name },
      {
        onSuccess: (journey) => {
          onClose();
          void navigate(`/journeys/${journey.id}`);
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Stack>
        <Input.Wrapper label={t('transfer.file')} required labelProps={{ htmlFor: fileId }}>
          <input
            id={fileId}
            type="file"
            accept=".json,application/json"
            style={{ display: 'block', marginTop: 6 }}
            onChange={(e) => {
              importing.reset();
              setFile(e.currentTarget.files?.[0] ?? null);
            }}
          />
        </Input.Wrapper>
        <TextInput
          label={t('form.name')}
          description={t('transfer.nameHint')}
          maxLength={255}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        {importing.error && (
          <Alert color="red" role="alert" title={t('transfer.failed')}>
            {importing.error.message}
            {problems.length > 0 && (
              <List size="sm" mt="xs">
                {problems.map((problem, i) => (
                  <List.Item key={i}>{problem}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={importing.isPending} disabled={!file}>
            {t('transfer.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * `/import`: choose a CSV of accounts or people, match its columns (suggested by name and
 * synonyms) with a preview of the first rows, upload it with the mapping and watch the upload,
 * then read the outcome. A template per entity can be downloaded.
 */
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { suggestMapping, type ColumnMapping } from '@caravan/core/b2b/csv-mapping';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { uploadCsv, type ImportEntity, type ImportResult } from '../api/import.api.ts';
import { listAttributeDefinitions } from '../api/attribute-definitions.api.ts';
import { PageHeader } from '../data/paged-list.tsx';
import { ColumnMappingStep, TemplateLink } from './column-mapping.tsx';
import { readCsvHead, type CsvHead } from './csv-head.ts';

export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<ImportEntity>('accounts');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [head, setHead] = useState<CsvHead | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const definitions = useQuery({
    queryKey: ['attribute-definitions'],
    queryFn: () => listAttributeDefinitions(),
  });
  const declared = definitions.data?.items ?? [];
  /** Reads the new file's header and suggests a mapping for it (again when the entity changes). */
  const prepare = (chosen: File | null, forEntity: ImportEntity) => {
    setHead(null);
    if (chosen === null) return;
    const names = declared
      .filter((d) => d.entity === (forEntity === 'accounts' ? 'account' : 'person'))
      .map((d) => d.name);
    void readCsvHead(chosen).then((read) => {
      setHead(read);
      setMapping(suggestMapping(forEntity, read.header, names));
    });
  };
  const upload = useMutation({
    mutationFn: (chosen: File) => uploadCsv(entity, chosen, setProgress, mapping),
    onMutate: () => setProgress(0),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [entity] }),
  });
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <PageHeader title={t('data.nav.import')} />
      <Paper withBorder radius="md" p="md">
        <Stack>
          <SegmentedControl
            aria-label={t('data.import.entity')}
            value={entity}
            onChange={(value) => {
              const chosen = value === 'people' ? 'people' : 'accounts';
              setEntity(chosen);
              prepare(file, chosen);
            }}
            data={[
              { value: 'accounts', label: t('data.nav.accounts') },
              { value: 'people', label: t('data.nav.people') },
            ]}
            w="fit-content"
          />
          <FileInput
            label={t('data.import.file')}
            accept=".csv,text/csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              prepare(chosen, entity);
            }}
            clearable
            w={420}
          />
          <TemplateLink entity={entity} />
          {head && head.header.length > 0 && (
            <ColumnMappingStep
              entity={entity}
              head={head}
              definitions={declared}
              mapping={mapping}
              onChange={setMapping}
            />
          )}
          <Group>
            <Button
              disabled={file === null}
              loading={upload.isPending}
              onClick={() => file && upload.mutate(file)}
            >
              {t('data.import.run')}
            </Button>
          </Group>
          {upload.isPending && (
            <Progress
              value={progress * 100}
              aria-label={t('data.import.uploading')}
              animated
              size="lg"
            />
          )}
          {upload.error && (
            <Alert color="red" role="alert" title={t('data.import.failed')}>
              {upload.error.message}
            </Alert>
          )}
        </Stack>
      </Paper>
      {upload.data && <ImportOutcome result={upload.data} />}
    </Stack>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={label}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {value}
      </Text>
    </Paper>
  );
}

function ImportOutcome({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const rejected = result.rejected.length + result.rejectedNotListed;
  return (
    <Paper withBorder radius="md" p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('data.import.result')}
        </Title>
        <SimpleGrid cols={4}>
          <Count label={t('data.import.inserted')} value={result.inserted} />
          <Count label={t('data.import.updated')} value={result.updated} />
          <Count label={t('data.import.unchanged')} value={result.unchanged} />
          <Count label={t('data.import.rejected')} value={rejected} />
        </SimpleGrid>
        {result.rejected.length > 0 && (
          <Table aria-label={t('data.import.rejectedRows')} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('data.import.line')}</Table.Th>
                <Table.Th>{t('data.import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.rejected.map((r) => (
                <Table.Tr key={r.line}>
                  <Table.Td>{r.line}</Table.Td>
                  <Table.Td>{r.reason}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {result.rejectedNotListed > 0 && (
          <Text c="dimmed">{t('data.import.notListed', { count: result.rejectedNotListed })}</Text>
        )}
      </Stack>
    </Paper>
  );
}

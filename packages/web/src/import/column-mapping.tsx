/**
 * The mapping step of a CSV import: each column of the file goes into a field, a custom attribute
 * or is skipped (suggested by name and common synonyms, core `csv-mapping.ts`), with a preview of
 * the first rows as they will be imported and a template per entity.
 */
import { Anchor, Select, Stack, Table, Text, Title } from '@mantine/core';
import {
  importColumns,
  skipColumn,
  type ColumnMapping,
  type ImportEntity,
} from '@caravan/core/b2b/csv-mapping';
import type { AttributeDefinition } from '@caravan/core/b2b/custom-attribute';
import { useTranslation } from 'react-i18next';
import type { CsvHead } from './csv-head.ts';
import { templateCsv } from './csv-head.ts';

/** Mantine's Select cannot hold an empty value; this stands for "skip" inside the step. */
const skipValue = '__skip__';

function useTargetLabel(entity: ImportEntity) {
  const { t } = useTranslation();
  const prefix = entity === 'accounts' ? 'data.account' : 'data.person';
  return (column: string) =>
    ['accountExternalId', 'accountDomain', 'role'].includes(column)
      ? t(`content.mapping.${column}`)
      : t(`${prefix}.${column}`, { defaultValue: column });
}

export function TemplateLink({ entity }: { entity: ImportEntity }) {
  const { t } = useTranslation();
  const href = `data:text/csv;charset=utf-8,${encodeURIComponent(templateCsv(importColumns[entity]))}`;
  return (
    <Anchor href={href} download={`caravan-${entity}-template.csv`} size="sm">
      {t('content.mapping.template', {
        entity: entity === 'accounts' ? t('data.nav.accounts') : t('data.nav.people'),
      })}
    </Anchor>
  );
}

interface Props {
  entity: ImportEntity;
  head: CsvHead;
  definitions: readonly AttributeDefinition[];
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}

export function ColumnMappingStep({ entity, head, definitions, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const label = useTargetLabel(entity);
  const custom = definitions.filter(
    (d) => d.entity === (entity === 'accounts' ? 'account' : 'person'),
  );
  const options = [
    { value: skipValue, label: t('content.mapping.skip') },
    {
      group: t('content.mapping.standard'),
      items: importColumns[entity].map((c) => ({ value: c, label: label(c) })),
    },
    ...(custom.length > 0
      ? [
          {
            group: t('content.mapping.custom'),
            items: custom.map((d) => ({ value: d.name, label: d.label || d.name })),
          },
        ]
      : []),
  ];
  const labelOf = (target: string) => custom.find((d) => d.name === target)?.label || label(target);
  const imported = head.header
    .map((h, index) => ({ index, target: mapping[h] ?? skipColumn }))
    .filter((c) => c.target !== skipColumn);
  return (
    <Stack>
      <Title order={2} size="h4">
        {t('content.mapping.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('content.mapping.intro')}
      </Text>
      <Table aria-label={t('content.mapping.table')} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('content.mapping.fileColumn')}</Table.Th>
            <Table.Th>{t('content.mapping.example')}</Table.Th>
            <Table.Th>{t('content.mapping.target')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {head.header.map((h, index) => (
            <Table.Tr key={`${h}-${index}`}>
              <Table.Td fw={600}>{h}</Table.Td>
              <Table.Td c="dimmed">{head.rows[0]?.[index] ?? ''}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={t('content.mapping.targetOf', { header: h })}
                  data={options}
                  value={(mapping[h] ?? skipColumn) === skipColumn ? skipValue : mapping[h]}
                  onChange={(v) => {
                    const target = v === null || v === skipValue ? skipColumn : String(v);
                    onChange({ ...mapping, [h]: target });
                  }}
                  allowDeselect={false}
                  searchable
                  w={280}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={3} size="h5">
        {t('content.mapping.preview')}
      </Title>
      {imported.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('content.mapping.nothing')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={400}>
          <Table aria-label={t('content.mapping.previewTable')} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {imported.map((c) => (
                  <Table.Th key={c.index}>{labelOf(c.target)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {head.rows.map((row, r) => (
                <Table.Tr key={r}>
                  {imported.map((c) => (
                    <Table.Td key={c.index}>{row[c.index] ?? ''}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

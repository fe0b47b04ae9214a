/** `/role-templates`: each template's roles (weight, members required, completeness, priority). */
import { Center, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { roleWeightLabels, type RoleTemplate } from '@caravan/core/b2b/role-template';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { useRoleTemplates } from './use-buying-group-setup.ts';

export function RoleTemplateListPage() {
  const { t } = useTranslation();
  const templates = useRoleTemplates();
  const items = templates.data?.items ?? [];
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader title={t('segments.nav.roleTemplates')} />
      <ErrorAlert error={templates.error} />
      {templates.isPending && (
        <Center py="xl">
          <Loader />
        </Center>
      )}
      {!templates.isPending && items.length === 0 && (
        <Text ta="center" c="dimmed" py="lg">
          {t('data.empty')}
        </Text>
      )}
      {items.map((template) => (
        <RoleTable key={template.id} template={template} />
      ))}
    </Stack>
  );
}

function RoleTable({ template }: { template: RoleTemplate }) {
  const { t } = useTranslation();
  // Priority 1 is assigned first; the table reads in that order.
  const roles = [...template.roles].sort((a, b) => a.priority - b.priority);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4">
        {template.name}
      </Title>
      {template.description && (
        <Text c="dimmed" size="sm">
          {template.description}
        </Text>
      )}
      <Table striped verticalSpacing="xs" mt="sm" aria-label={template.name}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('segments.role.name')}</Table.Th>
            <Table.Th>{t('segments.role.weight')}</Table.Th>
            <Table.Th>{t('segments.role.membersRequired')}</Table.Th>
            <Table.Th>{t('segments.role.requiredForCompleteness')}</Table.Th>
            <Table.Th>{t('segments.role.priority')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {roles.map((role) => (
            <Table.Tr key={role.name}>
              <Table.Td fw={600}>{role.name}</Table.Td>
              <Table.Td>{t(`segments.role.weights.${roleWeightLabels[role.weight]}`)}</Table.Td>
              <Table.Td>{role.membersRequired}</Table.Td>
              <Table.Td>
                {role.requiredForCompleteness ? t('segments.yes') : t('segments.no')}
              </Table.Td>
              <Table.Td>{role.priority}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/**
 * `/role-templates`: each template's roles (weight, members required, completeness, priority,
 * auto-assignment); *Create role template*, and *Edit* / *Delete* per template.
 */
import { Button, Center, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { roleWeightLabels, type RoleTemplate } from '@caravan/core/b2b/role-template';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { deleteRoleTemplate } from '../api/buying-groups.api.ts';
import { ErrorAlert } from '../data/error-alert.tsx';
import { PageHeader } from '../data/paged-list.tsx';
import { DeleteSetupDialog } from './delete-setup.dialog.tsx';
import { RoleTemplateDialog } from './role-template.dialog.tsx';
import { RowActions } from './row-actions.tsx';
import { useRoleTemplates } from './use-buying-group-setup.ts';

export function RoleTemplateListPage() {
  const { t } = useTranslation();
  const templates = useRoleTemplates();
  const items = templates.data?.items ?? [];
  const [editing, setEditing] = useState<RoleTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoleTemplate | null>(null);
  return (
    <Stack gap="md" maw={1400} mx="auto">
      <PageHeader
        title={t('segments.nav.roleTemplates')}
        action={
          <Button onClick={() => setEditing('new')}>{t('segments.setup.createTemplate')}</Button>
        }
      />
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
        <RoleTable
          key={template.id}
          template={template}
          onEdit={() => setEditing(template)}
          onDelete={() => setDeleting(template)}
        />
      ))}
      {editing !== null && (
        <RoleTemplateDialog
          template={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting !== null && (
        <DeleteSetupDialog
          title={t('segments.setup.deleteTemplate')}
          name={deleting.name}
          queryKey="role-templates"
          remove={() => deleteRoleTemplate(deleting.id)}
          onClose={() => setDeleting(null)}
        />
      )}
    </Stack>
  );
}

function RoleTable(props: { template: RoleTemplate; onEdit: () => void; onDelete: () => void }) {
  const { template } = props;
  const { t } = useTranslation();
  // Priority 1 is assigned first; the table reads in that order.
  const roles = [...template.roles].sort((a, b) => a.priority - b.priority);
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {template.name}
        </Title>
        <RowActions name={template.name} onEdit={props.onEdit} onDelete={props.onDelete} />
      </Group>
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
            <Table.Th>{t('segments.setup.autoAssignColumn')}</Table.Th>
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
              <Table.Td>
                {role.autoAssign
                  ? t('segments.setup.ruleCount', { count: role.autoAssign.rules.length })
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/**
 * The roles a buying group still lacks (`missingRoles` of core): each required role of the
 * interest's template that its members do not fill, with how many people it needs.
 */
import { List, Paper, Text, Title } from '@mantine/core';
import { missingRoles, type BuyingGroup } from '@caravan/core/b2b/buying-group';
import type { RoleTemplate } from '@caravan/core/b2b/role-template';
import { useTranslation } from 'react-i18next';

export function MissingRoles({ group, template }: { group: BuyingGroup; template: RoleTemplate }) {
  const { t } = useTranslation();
  const missing = missingRoles(template, group.members);
  const title = t('segments.missingRoles.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {missing.length === 0 ? (
        <Text c="dimmed">{t('segments.missingRoles.none')}</Text>
      ) : (
        <List>
          {missing.map((role) => (
            <List.Item key={role.name}>
              {t('segments.missingRoles.role', { name: role.name, count: role.missing })}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

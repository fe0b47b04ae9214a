/**
 * *Insert token*: person, account, custom attribute, system and my tokens by their labels, with a
 * fallback for an empty value; answers the Liquid text to insert (see `token-text.ts`).
 */
import { Button, Popover, Select, Stack, TextInput } from '@mantine/core';
import { accountStandardAttributes } from '@caravan/core/b2b/account';
import { personStandardAttributes } from '@caravan/core/b2b/person';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAttributeDefinitions } from '../api/attribute-definitions.api.ts';
import { isTokenName, tokenText } from './token-text.ts';

const myToken = '__my__';

interface Props {
  /** What the picker inserts into, for its accessible name ("Insert token into Subject"). */
  target: string;
  onInsert: (text: string) => void;
}

function useTokenGroups() {
  const { t } = useTranslation();
  const definitions = useQuery({
    queryKey: ['attribute-definitions'],
    queryFn: () => listAttributeDefinitions(),
  });
  const custom = (definitions.data?.items ?? []).map((d) => ({
    value: `${d.entity}.${d.name}`,
    label: `${t(`data.entity.${d.entity}`)}: ${d.label || d.name}`,
  }));
  return [
    {
      group: t('content.tokens.person'),
      items: personStandardAttributes.map((f) => ({
        value: `person.${f}`,
        label: `${t('content.tokens.person')}: ${t(`data.person.${f}`)}`,
      })),
    },
    {
      group: t('content.tokens.account'),
      items: accountStandardAttributes.map((f) => ({
        value: `account.${f}`,
        label: `${t('content.tokens.account')}: ${t(`data.account.${f}`)}`,
      })),
    },
    ...(custom.length > 0 ? [{ group: t('content.tokens.custom'), items: custom }] : []),
    {
      group: t('content.tokens.system'),
      items: [{ value: 'system.unsubscribeUrl', label: t('content.tokens.unsubscribeUrl') }],
    },
    { group: t('content.tokens.my'), items: [{ value: myToken, label: t('content.tokens.my') }] },
  ];
}

export function TokenPicker({ target, onInsert }: Props) {
  const { t } = useTranslation();
  const groups = useTokenGroups();
  const [opened, setOpened] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const [myName, setMyName] = useState('');
  const [fallback, setFallback] = useState('');
  const path = token === myToken ? `my.${myName.trim()}` : token;
  const ready = path !== null && (token !== myToken || isTokenName(myName.trim()));
  const insert = () => {
    if (!ready || path === null) return;
    onInsert(tokenText(path, fallback));
    setOpened(false);
    setFallback('');
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus>
      <Popover.Target>
        <Button
          variant="light"
          size="xs"
          aria-label={t('content.tokens.insertInto', { field: target })}
          onClick={() => setOpened((o) => !o)}
        >
          {t('content.tokens.insert')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" w={320}>
          <Select
            label={t('content.tokens.token')}
            searchable
            data={groups}
            value={token}
            onChange={setToken}
            comboboxProps={{ withinPortal: false }}
          />
          {token === myToken && (
            <TextInput
              label={t('content.tokens.myName')}
              value={myName}
              onChange={(e) => setMyName(e.currentTarget.value)}
            />
          )}
          <TextInput
            label={t('content.tokens.fallback')}
            description={t('content.tokens.fallbackHint')}
            value={fallback}
            onChange={(e) => setFallback(e.currentTarget.value)}
          />
          <Button size="xs" disabled={!ready} onClick={insert}>
            {t('content.tokens.add')}
          </Button>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

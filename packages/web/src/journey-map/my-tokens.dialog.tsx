/**
 * *My tokens* (More... of a draft): named text or number values that content uses as
 * `{{my.Name}}`. Rows are added and removed freely; names are checked before saving.
 */
import {
  ActionIcon,
  Button,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiJourney } from '../api/journeys.api.ts';
import { useUpdateJourney } from '../journeys/journey-mutations.ts';
import {
  draftsToTokens,
  tokenErrors,
  tokensToDrafts,
  type TokenDraft,
  type TokenError,
} from '../map/settings-edits.ts';
import { DialogFooter } from './dialog-footer.tsx';

interface Props {
  journey: ApiJourney;
  opened: boolean;
  onClose: () => void;
}

export function MyTokensDialog({ journey, opened, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('settings.tokens.title')} centered size="lg">
      {opened && <TokensForm journey={journey} onDone={onClose} />}
    </Modal>
  );
}

function TokenRow({
  index,
  token,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  token: TokenDraft;
  errors: readonly TokenError[];
  onChange: (token: TokenDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const nameError = errors.find((e) => e !== 'notANumber');
  return (
    <Group align="flex-start" wrap="nowrap">
      <TextInput
        aria-label={t('settings.tokens.name', { n })}
        placeholder={t('form.name')}
        value={token.name}
        error={nameError && t(`settings.tokens.errors.${nameError}`)}
        onChange={(e) => onChange({ ...token, name: e.currentTarget.value })}
        style={{ flex: 2 }}
      />
      <NativeSelect
        aria-label={t('settings.tokens.type', { n })}
        data={[
          { value: 'text', label: t('settings.tokens.text') },
          { value: 'number', label: t('settings.tokens.number') },
        ]}
        value={token.type}
        onChange={(e) =>
          onChange({ ...token, type: e.currentTarget.value === 'number' ? 'number' : 'text' })
        }
        style={{ flex: 1 }}
      />
      <TextInput
        aria-label={t('settings.tokens.value', { n })}
        inputMode={token.type === 'number' ? 'decimal' : undefined}
        value={token.value}
        error={errors.includes('notANumber') && t('settings.tokens.errors.notANumber')}
        onChange={(e) => onChange({ ...token, value: e.currentTarget.value })}
        style={{ flex: 2 }}
      />
      <ActionIcon
        variant="subtle"
        color="red"
        mt={6}
        aria-label={t('settings.tokens.remove', { n })}
        onClick={onRemove}
      >
        ×
      </ActionIcon>
    </Group>
  );
}

function TokensForm({ journey, onDone }: { journey: ApiJourney; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateJourney(journey.id);
  const [drafts, setDrafts] = useState(() => tokensToDrafts(journey.settings.myTokens));
  // A new, still empty row should not shout; errors show from the first save on.
  const [tried, setTried] = useState(false);
  const errors = tokenErrors(drafts);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (errors.size > 0) return;
    update.mutate(
      { settings: { ...journey.settings, myTokens: draftsToTokens(drafts) } },
      { onSuccess: onDone },
    );
  };
  const replace = (index: number, token: TokenDraft) =>
    setDrafts((current) => current.map((d, i) => (i === index ? token : d)));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('settings.tokens.hint', { example: '{{my.Name}}' })}
        </Text>
        {drafts.length === 0 && <Text size="sm">{t('settings.tokens.empty')}</Text>}
        {drafts.map((token, index) => (
          <TokenRow
            // Rows have no identity but their place; removing re-keys the rows below, which
            // only resets focus there.
            key={index}
            index={index}
            token={token}
            errors={tried ? (errors.get(index) ?? []) : []}
            onChange={(next) => replace(index, next)}
            onRemove={() => setDrafts((current) => current.filter((_, i) => i !== index))}
          />
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            onClick={() =>
              setDrafts((current) => [...current, { name: '', type: 'text', value: '' }])
            }
          >
            {t('settings.tokens.add')}
          </Button>
        </Group>
        <DialogFooter error={update.error} pending={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

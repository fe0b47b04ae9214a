/**
 * Accounts ⇄ people for a node's `on`/`by`. When the switch would clear something that no longer
 * fits (an action people do not have, an account event type), it asks first.
 */
import type { Audience, JourneyNode } from '@caravan/core/journey/definition';
import { Button, Group, Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { switchAudience } from '../settings-edits.ts';

interface Props {
  node: JourneyNode;
  label: string;
  value: Audience | undefined;
  onChange: (settings: JourneyNode['settings']) => void;
}

export function AudienceSwitch({ node, label, value, onChange }: Props) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ audience: Audience; loss: 'action' | 'event' } | null>(
    null,
  );
  const pick = (audience: Audience) => {
    const switched = switchAudience(node, audience);
    if (switched.loss === 'none') onChange(switched.settings);
    else setPending({ audience, loss: switched.loss });
  };
  const confirm = () => {
    if (pending) onChange(switchAudience(node, pending.audience).settings);
    setPending(null);
  };
  return (
    <>
      <Stack gap={4}>
        <Text size="sm" fw={500} id={`${node.id}-audience`}>
          {label}
        </Text>
        <SegmentedControl
          aria-labelledby={`${node.id}-audience`}
          value={value ?? ''}
          data={[
            { value: 'accounts', label: t('editor.audience.accounts') },
            { value: 'people', label: t('editor.audience.people') },
          ]}
          onChange={(v) => pick(v as Audience)}
        />
      </Stack>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={t('editor.audience.switchTitle')}
        centered
      >
        <Stack>
          <Text size="sm">
            {pending?.loss === 'event'
              ? t('editor.audience.clearsEvent')
              : t('editor.audience.clearsAction')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPending(null)}>
              {t('actions.cancel')}
            </Button>
            <Button color="red" onClick={confirm}>
              {t('editor.audience.switch')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

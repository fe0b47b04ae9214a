/**
 * The right side of the map header: exactly the actions `allowedActions` permits. A draft shows
 * *Publish* with the rest under *More...*; other statuses show one button per action (seed).
 */
import type { UserAction } from '@caravan/core/journey/status';
import { Button, Group, Menu, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApiJourney } from '../api/journeys.api.ts';
import { ConfirmActionDialog } from '../journeys/confirm-action.dialog.tsx';
import { DuplicateJourneyDialog } from '../journeys/duplicate-journey.dialog.tsx';
import { useDeleteJourney, useLifecycleAction } from '../journeys/journey-mutations.ts';
import { ChevronDownIcon } from '../layout/icons.tsx';
import { PublishDialog } from './publish.dialog.tsx';

/** Button order of the seed's table. */
const buttonOrder: readonly UserAction[] = ['publish', 'duplicate', 'close', 'abort', 'delete'];

function ActionButtons({
  allowed,
  onPick,
  publishBlocked,
  publishWaiting,
}: {
  allowed: readonly UserAction[];
  onPick: (a: UserAction) => void;
  publishBlocked: boolean;
  publishWaiting: boolean;
}) {
  const { t } = useTranslation();
  const ordered = buttonOrder.filter((a) => allowed.includes(a));
  if (ordered.includes('publish')) {
    const rest = ordered.filter((a) => a !== 'publish');
    return (
      <Group gap="xs">
        {rest.length > 0 && (
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="default" rightSection={<ChevronDownIcon />}>
                {t('actions.moreMenu')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {rest.map((action) => (
                <Menu.Item
                  key={action}
                  color={action === 'delete' ? 'red' : undefined}
                  onClick={() => onPick(action)}
                >
                  {t(`actions.${action}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
        )}
        {publishBlocked && (
          <Text size="sm" c="red" role="status">
            {t('confirm.resolveErrors')}
          </Text>
        )}
        <Button disabled={publishBlocked || publishWaiting} onClick={() => onPick('publish')}>
          {t('actions.publish')}
        </Button>
      </Group>
    );
  }
  return (
    <Group gap="xs">
      {ordered.map((action) => (
        <Button
          key={action}
          variant={action === 'abort' || action === 'delete' ? 'light' : 'default'}
          color={action === 'abort' || action === 'delete' ? 'red' : undefined}
          onClick={() => onPick(action)}
        >
          {t(`actions.${action}`)}
        </Button>
      ))}
    </Group>
  );
}

export function JourneyActions({
  journey,
  publishBlocked = false,
  publishWaiting = false,
}: {
  journey: ApiJourney;
  /** The editor found blocking errors: *Publish* stays disabled until they are resolved. */
  publishBlocked?: boolean;
  /** Edits are still being saved: *Publish* waits for them. */
  publishWaiting?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState<UserAction | null>(null);
  const lifecycle = useLifecycleAction(journey.id);
  const remove = useDeleteJourney();
  const close = () => {
    lifecycle.reset();
    remove.reset();
    setOpen(null);
  };
  const confirm = (action: 'close' | 'abort') => lifecycle.mutate(action, { onSuccess: close });

  return (
    <>
      <ActionButtons
        allowed={journey.allowedActions}
        onPick={setOpen}
        publishBlocked={publishBlocked}
        publishWaiting={publishWaiting}
      />
      <PublishDialog
        journey={journey}
        opened={open === 'publish'}
        pending={lifecycle.isPending}
        error={lifecycle.error}
        onConfirm={() => lifecycle.mutate('publish', { onSuccess: close })}
        onClose={close}
      />
      <ConfirmActionDialog
        opened={open === 'close'}
        title={t('confirm.closeTitle')}
        body={t('confirm.closeBody', { name: journey.name })}
        confirmLabel={t('actions.close')}
        pending={lifecycle.isPending}
        error={lifecycle.error}
        onConfirm={() => confirm('close')}
        onClose={close}
      />
      <ConfirmActionDialog
        opened={open === 'abort'}
        title={t('confirm.abortTitle')}
        body={t('confirm.abortBody', { name: journey.name })}
        confirmLabel={t('actions.abort')}
        danger
        pending={lifecycle.isPending}
        error={lifecycle.error}
        onConfirm={() => confirm('abort')}
        onClose={close}
      />
      <ConfirmActionDialog
        opened={open === 'delete'}
        title={t('confirm.deleteTitle')}
        body={t('confirm.deleteBody', { name: journey.name })}
        confirmLabel={t('actions.delete')}
        danger
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(journey.id, {
            onSuccess: () => void navigate('/journeys', { replace: true }),
          })
        }
        onClose={close}
      />
      <DuplicateJourneyDialog journey={open === 'duplicate' ? journey : null} onClose={close} />
    </>
  );
}

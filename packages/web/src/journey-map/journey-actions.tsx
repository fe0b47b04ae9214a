/**
 * The right side of the map header: exactly the actions `allowedActions` permits. A draft shows
 * *Journey settings* and *Publish*, with its settings dialogs, *Export JSON* and the other
 * actions under *More...*; other statuses show one button per action (seed).
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
import { exportUrl } from '../journeys/journey-transfer.ts';
import { ChevronDownIcon } from '../layout/icons.tsx';
import { DraftSettingsDialogs, type SettingsPanel } from './draft-settings.dialogs.tsx';
import { PublishDialog } from './publish.dialog.tsx';

/** What the header can open: a lifecycle action's dialog or one of the draft's settings. */
type Panel = UserAction | SettingsPanel;

const settingsPanels: readonly SettingsPanel[] = ['settings', 'reEntry', 'tokens', 'dedup'];

const panelLabels: Readonly<Record<SettingsPanel, string>> = {
  settings: 'settings.button',
  reEntry: 'settings.reEntry.title',
  tokens: 'settings.tokens.title',
  dedup: 'settings.dedup.title',
};

function isSettingsPanel(panel: Panel | null): panel is SettingsPanel {
  return settingsPanels.includes(panel as SettingsPanel);
}

/** Button order of the seed's table. */
const buttonOrder: readonly UserAction[] = ['publish', 'duplicate', 'close', 'abort', 'delete'];

/** *More...* of a draft: its settings dialogs, *Export JSON*, then the other actions. */
function DraftMenu({
  journeyId,
  rest,
  onPick,
}: {
  journeyId: string;
  rest: readonly UserAction[];
  onPick: (a: Panel) => void;
}) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" rightSection={<ChevronDownIcon />}>
          {t('actions.moreMenu')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {settingsPanels.map((panel) => (
          <Menu.Item key={panel} onClick={() => onPick(panel)}>
            {t(panelLabels[panel])}
          </Menu.Item>
        ))}
        {/* A plain download: the server names the file (content-disposition). */}
        <Menu.Item component="a" href={exportUrl(journeyId)} download>
          {t('transfer.export')}
        </Menu.Item>
        <Menu.Divider />
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
  );
}

function ActionButtons({
  journeyId,
  allowed,
  onPick,
  publishBlocked,
  publishWaiting,
}: {
  journeyId: string;
  allowed: readonly UserAction[];
  onPick: (a: Panel) => void;
  publishBlocked: boolean;
  publishWaiting: boolean;
}) {
  const { t } = useTranslation();
  const ordered = buttonOrder.filter((a) => allowed.includes(a));
  if (ordered.includes('publish')) {
    const rest = ordered.filter((a) => a !== 'publish');
    return (
      <Group gap="xs">
        <Button variant="default" onClick={() => onPick('settings')}>
          {t('settings.button')}
        </Button>
        <DraftMenu journeyId={journeyId} rest={rest} onPick={onPick} />
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
      {/* Not a lifecycle action: any journey can be exported, so it sits apart, quietly. */}
      <Button component="a" href={exportUrl(journeyId)} download variant="subtle">
        {t('transfer.export')}
      </Button>
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
  const [open, setOpen] = useState<Panel | null>(null);
  // *Edit* in the publish review opens the settings; closing them goes back to the review.
  const [reviewAfterSettings, setReviewAfterSettings] = useState(false);
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
        journeyId={journey.id}
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
        onEditSettings={() => {
          lifecycle.reset();
          setReviewAfterSettings(true);
          setOpen('settings');
        }}
        onClose={close}
      />
      <DraftSettingsDialogs
        journey={journey}
        open={isSettingsPanel(open) ? open : null}
        onClose={() => {
          setOpen(reviewAfterSettings ? 'publish' : null);
          setReviewAfterSettings(false);
        }}
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

/** The settings dialogs of a draft's header, at most one open at a time. */
import type { ApiJourney } from '../api/journeys.api.ts';
import { EmailDeduplicationDialog } from './email-deduplication.dialog.tsx';
import { JourneySettingsDialog } from './journey-settings.dialog.tsx';
import { MyTokensDialog } from './my-tokens.dialog.tsx';
import { ReEntryDialog } from './re-entry.dialog.tsx';

export type SettingsPanel = 'settings' | 'reEntry' | 'tokens' | 'dedup';

interface Props {
  journey: ApiJourney;
  open: SettingsPanel | null;
  onClose: () => void;
}

export function DraftSettingsDialogs({ journey, open, onClose }: Props) {
  return (
    <>
      <JourneySettingsDialog journey={journey} opened={open === 'settings'} onClose={onClose} />
      <ReEntryDialog journey={journey} opened={open === 'reEntry'} onClose={onClose} />
      <MyTokensDialog journey={journey} opened={open === 'tokens'} onClose={onClose} />
      <EmailDeduplicationDialog journey={journey} opened={open === 'dedup'} onClose={onClose} />
    </>
  );
}

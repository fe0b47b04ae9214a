/**
 * The picked parameters of *Take an action*: a journey, a static account list, an email, an SMS,
 * a solution interest and the role or stage of that interest. Names are shown, ids stored.
 */
import { assertNever } from '@caravan/core/result';
import { useTranslation } from 'react-i18next';
import {
  AccountListPicker,
  JourneyPicker,
  RolePicker,
  SolutionInterestPicker,
  StagePicker,
} from '../../conditions/data-pickers.tsx';
import { EmailPicker, SmsPicker } from './content-pickers.tsx';

export type PickerKind = 'journey' | 'staticList' | 'interest' | 'role' | 'stage' | 'email' | 'sms';

interface Props {
  kind: PickerKind;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  /** The action's interest, whose role template and stage model roles and stages come from. */
  solutionInterestId: string | undefined;
}

export function PickerField({ kind, value, onChange, solutionInterestId }: Props) {
  const { t } = useTranslation();
  const common = { value, onChange };
  switch (kind) {
    case 'journey':
      return <JourneyPicker {...common} label={t('pickers.journey')} />;
    case 'staticList':
      return <AccountListPicker {...common} label={t('pickers.list')} kind="static" />;
    case 'interest':
      return <SolutionInterestPicker {...common} label={t('pickers.solutionInterest')} />;
    case 'role':
      return (
        <RolePicker {...common} label={t('pickers.role')} solutionInterestId={solutionInterestId} />
      );
    case 'stage':
      return (
        <StagePicker
          {...common}
          label={t('pickers.stage')}
          solutionInterestId={solutionInterestId}
        />
      );
    case 'email':
      return <EmailPicker {...common} />;
    case 'sms':
      return <SmsPicker {...common} />;
    default:
      return assertNever(kind);
  }
}

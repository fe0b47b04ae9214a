/**
 * The counts a published journey's node shows (SPEC §6): accounts *entered* and *currently*
 * there, each a button that opens the accounts behind it, on the bottom row of the card (14 px,
 * readable at the map's default zoom). An email node also shows its messages sent / opened /
 * clicked, an SMS node sent / delivered / clicked (issue 12), on the card's top row opposite the
 * node kind, in compact numbers (the exact ones in the label). How many left by each path is in
 * the path's label (`path-edge.tsx`). Renders nothing on a draft's map.
 */
import { memo, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeAccountsState, NodeMessages } from '../api/journey-runs.api.ts';
import { useNodeRun } from './run-counts.ts';
import { numberFormat } from '../layout/format.ts';

// Inline styles: the counts sit outside the node card, placed against its box.
const countsStyle: CSSProperties = {
  position: 'absolute',
  bottom: 6,
  right: 8,
  display: 'flex',
  gap: 4,
};

const countStyle: CSSProperties = {
  padding: '1px 8px',
  font: 'inherit',
  fontSize: 14,
  lineHeight: '20px',
  color: 'var(--mantine-color-gray-8)',
  background: 'var(--mantine-color-gray-1)',
  border: '1px solid var(--mantine-color-gray-4)',
  borderRadius: 9,
  cursor: 'pointer',
};

const currentStyle: CSSProperties = {
  ...countStyle,
  color: 'var(--mantine-color-indigo-9)',
  background: 'var(--mantine-color-indigo-0)',
  borderColor: 'var(--mantine-color-indigo-3)',
};

const messagesStyle: CSSProperties = {
  position: 'absolute',
  top: 7,
  right: 10,
  display: 'flex',
  gap: 8,
  fontSize: 12,
  lineHeight: '16px',
  color: 'var(--mantine-color-teal-9)',
  pointerEvents: 'none',
};

function MessageCounts({ messages, title }: { messages: NodeMessages; title: string }) {
  const { t, i18n } = useTranslation();
  const compact = numberFormat(i18n.language, { notation: 'compact' });
  const exact = numberFormat(i18n.language);
  const shown =
    messages.channel === 'email'
      ? (['sent', 'opened', 'clicked'] as const)
      : (['sent', 'delivered', 'clicked'] as const);
  const label = shown
    .map((k) => `${t(`run.messages.${k}`)} ${exact.format(messages[k])}`)
    .join(', ');
  return (
    <div
      role="group"
      aria-label={t(`run.messages.${messages.channel}`, { title })}
      title={label}
      style={messagesStyle}
    >
      {shown.map((k) => (
        <span key={k} aria-label={`${t(`run.messages.${k}`)} ${exact.format(messages[k])}`}>
          {t(`run.messages.${k}`)} <strong>{compact.format(messages[k])}</strong>
        </span>
      ))}
    </div>
  );
}

interface Props {
  nodeId: string;
  title: string;
}

function RunNodeCountsView({ nodeId, title }: Props) {
  const { t, i18n } = useTranslation();
  const run = useNodeRun(nodeId);
  if (!run) return null;
  const number = numberFormat(i18n.language);
  const click = (state: NodeAccountsState) => (event: MouseEvent) => {
    // The count is inside the node: without this the click would also select the node.
    event.stopPropagation();
    run.open(nodeId, state);
  };
  return (
    <>
      {run.metrics.messages && <MessageCounts messages={run.metrics.messages} title={title} />}
      <div className="nodrag nopan" style={countsStyle}>
        <button
          type="button"
          style={countStyle}
          aria-label={t('run.enteredCount', { title, count: run.metrics.entered })}
          onClick={click('entered')}
        >
          {t('run.entered')} <strong>{number.format(run.metrics.entered)}</strong>
        </button>
        <button
          type="button"
          style={currentStyle}
          aria-label={t('run.currentCount', { title, count: run.metrics.current })}
          onClick={click('current')}
        >
          {t('run.current')} <strong>{number.format(run.metrics.current)}</strong>
        </button>
      </div>
    </>
  );
}

export const RunNodeCounts = memo(RunNodeCountsView);

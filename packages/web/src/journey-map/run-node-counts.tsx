/**
 * The counts a published journey's node shows (SPEC §6): accounts *entered* and *currently*
 * there, each a button that opens the accounts behind it, and how many left by each path under
 * that path's handle. Renders nothing on a draft's map.
 */
import { memo, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NodeAccountsState } from '../api/journey-runs.api.ts';
import { useNodeRun } from './run-counts.ts';

// Inline styles: the counts sit outside the node card, placed against its box.
const countsStyle: CSSProperties = {
  position: 'absolute',
  top: -26,
  right: 0,
  display: 'flex',
  gap: 4,
};

const countStyle: CSSProperties = {
  padding: '1px 8px',
  font: 'inherit',
  fontSize: 11,
  lineHeight: '18px',
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

const portStyle: CSSProperties = {
  position: 'absolute',
  top: 'calc(100% + 6px)',
  transform: 'translateX(4px)',
  fontSize: 11,
  fontWeight: 600,
  color: 'var(--mantine-color-gray-7)',
  pointerEvents: 'none',
};

interface Props {
  nodeId: string;
  title: string;
  ports: readonly string[];
}

function RunNodeCountsView({ nodeId, title, ports }: Props) {
  const { t, i18n } = useTranslation();
  const run = useNodeRun(nodeId);
  if (!run) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const click = (state: NodeAccountsState) => (event: MouseEvent) => {
    // The count is inside the node: without this the click would also select the node.
    event.stopPropagation();
    run.open(nodeId, state);
  };
  return (
    <>
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
      {ports.map((port, index) => (
        <span
          key={port}
          style={{ ...portStyle, left: `${((index + 1) / (ports.length + 1)) * 100}%` }}
          title={t('run.pathCount', { count: run.metrics.paths[port] ?? 0 })}
        >
          {number.format(run.metrics.paths[port] ?? 0)}
        </span>
      ))}
    </>
  );
}

export const RunNodeCounts = memo(RunNodeCountsView);

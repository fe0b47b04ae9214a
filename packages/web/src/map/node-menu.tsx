/**
 * The + on a path and the menu of node types it opens (SPEC §6: the button is named *Add node*,
 * the items *Take an action* … *External split paths*; *Merge paths* only below a split by
 * accounts).
 */
import { ActionIcon, Menu } from '@mantine/core';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddableNodeType, PathPlace } from './definition-edits.ts';
import { useMapEditor } from './map-editor.context.ts';

const menuOrder: readonly AddableNodeType[] = [
  'action',
  'event',
  'split',
  'variantSplit',
  'wait',
  'merge',
  'externalAction',
  'externalSplit',
];

/**
 * A 150-node map has ~150 of these; the menu's items (and its dropdown portal) render only while
 * it is open. The Menu itself stays mounted: swapping a plain button for a Menu on the first click
 * lost that click when another control (a picker) had just had focus.
 */
function AddNodeButtonView({ place }: { place: PathPlace }) {
  const { t } = useTranslation();
  const editor = useMapEditor();
  const [open, setOpen] = useState(false);
  if (!editor) return null;
  const button = (
    <ActionIcon
      size="sm"
      radius="xl"
      variant="filled"
      aria-label={t('editor.addNode')}
      title={t('editor.addNode')}
      className="nodrag nopan"
      onClick={() => setOpen((o) => !o)}
    >
      +
    </ActionIcon>
  );
  const items = open ? menuOrder.filter((type) => type !== 'merge' || editor.canMerge(place)) : [];
  return (
    <Menu opened={open} onChange={setOpen} position="bottom" withinPortal shadow="md">
      <Menu.Target>{button}</Menu.Target>
      <Menu.Dropdown>
        {items.map((type) => (
          <Menu.Item key={type} onClick={() => editor.insertAt(place, type)}>
            {t(`editor.nodeTypes.${type}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

export const AddNodeButton = memo(AddNodeButtonView);

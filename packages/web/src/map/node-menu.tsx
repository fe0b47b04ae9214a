/**
 * The + on a path and the menu of node types it opens (SPEC §6: the button is named *Add node*,
 * the items *Take an action* … *External split paths*; *Merge paths* only below a split by
 * accounts).
 */
import { ActionIcon, Menu } from '@mantine/core';
import { memo } from 'react';
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

function AddNodeButtonView({ place }: { place: PathPlace }) {
  const { t } = useTranslation();
  const editor = useMapEditor();
  if (!editor) return null;
  const items = menuOrder.filter((type) => type !== 'merge' || editor.canMerge(place));
  return (
    <Menu position="bottom" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          size="sm"
          radius="xl"
          variant="filled"
          aria-label={t('editor.addNode')}
          title={t('editor.addNode')}
          className="nodrag nopan"
        >
          +
        </ActionIcon>
      </Menu.Target>
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

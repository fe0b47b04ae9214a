/**
 * The + on a path and the menu of node types it opens (SPEC §6: the button is named *Add node*,
 * the items *Take an action* … *External split paths*; *Merge paths* only below a split by
 * accounts).
 *
 * A 150-node map has ~170 paths, so the + is a plain button and the canvas has one menu, opened
 * at the + that was clicked. A Mantine menu on every + cost more to draw than the cards did.
 * The menu stays mounted (controlled, never created by the click): a menu created on the first
 * click lost that click when another control (a picker) had just had focus.
 */
import { Menu } from '@mantine/core';
import {
  createContext,
  memo,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { AddableNodeType, PathPlace } from './definition-edits.ts';
import classes from './journey-node.module.css';
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

interface OpenMenu {
  place: PathPlace;
  /** The + it was opened from: where the menu shows, and where focus goes back to. */
  button: HTMLButtonElement;
}

/** Which + has the menu open: a tiny store, so that opening redraws two buttons, not every one. */
interface AddNodeMenuStore {
  open(menu: OpenMenu): void;
  close(): void;
  current(): OpenMenu | null;
  subscribe(listener: () => void): () => void;
}

function createAddNodeMenuStore(): AddNodeMenuStore {
  let current: OpenMenu | null = null;
  const listeners = new Set<() => void>();
  const set = (next: OpenMenu | null) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    open: (menu) => set(menu),
    close: () => {
      if (current) set(null);
    },
    current: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store and the buttons' name (*Add node*), translated once for all of them. */
const AddNodeMenuContext = createContext<{ store: AddNodeMenuStore; label: string } | null>(null);

/** The menu of the + buttons below it; `useAddNodeMenuCloser` closes it (the canvas moved). */
export function AddNodeMenuProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const store = useMemo(() => createAddNodeMenuStore(), []);
  const label = t('editor.addNode');
  const value = useMemo(() => ({ store, label }), [store, label]);
  return (
    <AddNodeMenuContext.Provider value={value}>
      {children}
      <AddNodeMenu store={store} />
    </AddNodeMenuContext.Provider>
  );
}

export function useAddNodeMenuCloser(): () => void {
  const store = useContext(AddNodeMenuContext)?.store;
  return useCallback(() => store?.close(), [store]);
}

function useOpenMenu(store: AddNodeMenuStore): OpenMenu | null {
  return useSyncExternalStore(store.subscribe, store.current);
}

function AddNodeMenu({ store }: { store: AddNodeMenuStore }) {
  const { t } = useTranslation();
  const editor = useMapEditor();
  const open = useOpenMenu(store);
  if (!editor) return null;
  // The menu's anchor: a box over the + it was opened from, fixed where the + was.
  const at = open?.button.getBoundingClientRect();
  const items = open
    ? menuOrder.filter((type) => type !== 'merge' || editor.canMerge(open.place))
    : [];
  const close = (focusButton: boolean) => {
    if (focusButton) open?.button.focus();
    store.close();
  };
  return (
    <Menu
      opened={open !== null}
      onChange={(opened) => !opened && close(false)}
      onClose={() => close(false)}
      position="bottom"
      withinPortal
      shadow="md"
      closeOnEscape={false}
    >
      <Menu.Target>
        <span
          aria-hidden="true"
          style={{
            position: 'fixed',
            left: at?.left ?? 0,
            top: at?.top ?? 0,
            width: at?.width ?? 0,
            height: at?.height ?? 0,
            pointerEvents: 'none',
          }}
        />
      </Menu.Target>
      <Menu.Dropdown
        onKeyDown={(event) => {
          if (event.key === 'Escape') close(true);
        }}
      >
        {open &&
          items.map((type) => (
            <Menu.Item key={type} onClick={() => editor.insertAt(open.place, type)}>
              {t(`editor.nodeTypes.${type}`)}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}

function AddNodeButtonView({ from, port }: PathPlace) {
  const menu = useContext(AddNodeMenuContext);
  const store = menu?.store;
  const expanded = useSyncExternalStore(store?.subscribe ?? noSubscription, () => {
    const open = store?.current();
    return (
      open !== undefined && open !== null && open.place.from === from && open.place.port === port
    );
  });
  // Whether this + had the menu open when the pointer went down on it: the menu closes itself on
  // that press (outside its dropdown), and the click that follows must not open it again.
  const openAtPress = useRef(false);
  if (!menu) return null;
  return (
    <button
      type="button"
      aria-label={menu.label}
      title={menu.label}
      aria-haspopup="menu"
      aria-expanded={expanded}
      className={`${classes.plus} nodrag nopan`}
      onPointerDown={() => {
        openAtPress.current = expanded;
      }}
      onClick={(event) => {
        const wasOpen = openAtPress.current || expanded;
        openAtPress.current = false;
        if (wasOpen) menu.store.close();
        else menu.store.open({ place: { from, port }, button: event.currentTarget });
      }}
    >
      +
    </button>
  );
}

const noSubscription = () => () => {};

export const AddNodeButton = memo(AddNodeButtonView);

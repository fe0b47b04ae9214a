import { newDefinition } from '@caravan/core/journey/definition';
import { describe, expect, it } from 'vitest';
import { deleteNode, insertNode, updateSettings } from './definition-edits.ts';
import { createEditorStore, type Edit } from './editor-store.ts';

let n = 0;
const ids = (prefix: string) => `${prefix}-${++n}`;

const addWait: Edit = (def) => {
  const result = insertNode(def, { from: 'audience', port: 'next' }, 'wait', ids);
  return result.ok ? { ok: true, value: result.value.definition } : result;
};

describe('the editor store', () => {
  it('applies edits, tells its subscribers and undoes and redoes them', () => {
    const store = createEditorStore(newDefinition());
    let calls = 0;
    const unsubscribe = store.subscribe(() => (calls += 1));
    expect(store.apply(addWait)).toBeUndefined();
    expect(store.getSnapshot().present.nodes).toHaveLength(2);
    store.undo();
    expect(store.getSnapshot().present).toEqual(newDefinition());
    store.redo();
    expect(store.getSnapshot().present.nodes).toHaveLength(2);
    expect(calls).toBe(3);
    unsubscribe();
    store.undo();
    expect(calls).toBe(3);
  });

  it('returns a refused edit and changes nothing', () => {
    const store = createEditorStore(newDefinition());
    const before = store.getSnapshot();
    const refused = store.apply((def) => deleteNode(def, 'audience'));
    expect(refused?.code).toBe('AUDIENCE_NOT_DELETABLE');
    expect(store.getSnapshot()).toBe(before);
  });

  it('makes one undo step of a burst of edits to the same field', () => {
    const store = createEditorStore(newDefinition());
    store.apply(addWait);
    const waitId = store.getSnapshot().present.nodes[1]!.id;
    for (const amount of [1, 12, 123]) {
      store.apply(
        (def) => updateSettings(def, waitId, { duration: { amount, unit: 'days' } }),
        'amount',
      );
    }
    expect(store.getSnapshot().present.nodes[1]?.settings).toEqual({
      duration: { amount: 123, unit: 'days' },
    });
    store.undo();
    expect(store.getSnapshot().present.nodes[1]?.settings).toEqual({
      duration: { amount: 5, unit: 'days' },
    });
  });

  it('does nothing on undo or redo with nothing to take back', () => {
    const store = createEditorStore(newDefinition());
    const before = store.getSnapshot();
    store.undo();
    store.redo();
    expect(store.getSnapshot()).toBe(before);
  });
});

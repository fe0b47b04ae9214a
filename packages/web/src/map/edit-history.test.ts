import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  createHistory,
  historyLimit,
  pushEdit,
  redo,
  undo,
} from './edit-history.ts';

describe('edit history', () => {
  it('undoes and redoes edits in order', () => {
    let history = createHistory('a');
    history = pushEdit(history, 'b');
    history = pushEdit(history, 'c');
    expect(canRedo(history)).toBe(false);
    history = undo(history);
    expect(history.present).toBe('b');
    history = undo(history);
    expect(history.present).toBe('a');
    expect(canUndo(history)).toBe(false);
    history = redo(history);
    expect(history.present).toBe('b');
    history = redo(history);
    expect(history.present).toBe('c');
  });

  it('drops the redo stack when a new edit is made after an undo', () => {
    let history = pushEdit(pushEdit(createHistory(1), 2), 3);
    history = pushEdit(undo(history), 4);
    expect(history.present).toBe(4);
    expect(canRedo(history)).toBe(false);
    expect(undo(history).present).toBe(2);
  });

  it('leaves the history as it is when there is nothing to undo or redo', () => {
    const history = createHistory('only');
    expect(undo(history)).toBe(history);
    expect(redo(history)).toBe(history);
  });

  it('keeps one step for consecutive edits of the same field', () => {
    let history = createHistory('');
    history = pushEdit(history, 'H', 'name');
    history = pushEdit(history, 'He', 'name');
    history = pushEdit(history, 'Hey', 'name');
    history = pushEdit(history, 'Hey!', 'other');
    expect(undo(history).present).toBe('Hey');
    expect(undo(undo(history)).present).toBe('');
  });

  it('starts a new step for the same field after an undo', () => {
    let history = pushEdit(createHistory(''), 'a', 'name');
    history = pushEdit(undo(pushEdit(history, 'ab', 'other')), 'abc', 'name');
    expect(history.past).toEqual(['', 'a']);
  });

  it('ignores an edit that changes nothing', () => {
    const history = createHistory('same');
    expect(pushEdit(history, 'same')).toBe(history);
  });

  it('remembers at most the history limit', () => {
    let history = createHistory(0);
    for (let i = 1; i <= historyLimit + 10; i += 1) history = pushEdit(history, i);
    expect(history.past).toHaveLength(historyLimit);
  });
});

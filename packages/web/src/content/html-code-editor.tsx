/**
 * The HTML body in CodeMirror 6 (syntax highlighting, line numbers, bracket matching) rather than
 * a plain text box. Uncontrolled inside: the document is created once and changes are reported
 * up; `insertRef` lets a token picker insert at the cursor.
 */
import { html } from '@codemirror/lang-html';
import { EditorView, basicSetup } from 'codemirror';
import { Input } from '@mantine/core';
import { useEffect, useId, useRef, type MutableRefObject } from 'react';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** Receives a function that inserts text at the cursor (or replaces the selection). */
  insertRef?: MutableRefObject<((text: string) => void) | null>;
}

export function HtmlCodeEditor({ label, value, onChange, insertRef }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);
  const labelId = useId();

  useEffect(() => {
    if (host.current === null) return undefined;
    const editor = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        html(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-labelledby': labelId, 'aria-multiline': 'true' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) change.current(update.state.doc.toString());
        }),
        EditorView.theme({
          '&': { border: '1px solid var(--mantine-color-gray-4)', borderRadius: '4px' },
          '.cm-scroller': { minHeight: '240px', maxHeight: '520px', fontSize: '13px' },
        }),
      ],
    });
    if (insertRef) {
      insertRef.current = (text) => {
        const { from, to } = editor.state.selection.main;
        editor.dispatch({
          changes: { from, to, insert: text },
          selection: { anchor: from + text.length },
        });
        editor.focus();
      };
    }
    return () => {
      editor.destroy();
    };
    // The document is created once; later `value` changes come from the editor itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <div>
      <Input.Label id={labelId}>{label}</Input.Label>
      <div ref={host} data-testid="html-code-editor" />
    </div>
  );
}

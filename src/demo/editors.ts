import { $getRoot, createEditor } from 'lexical';
import { registerRichText, HeadingNode, QuoteNode } from '@lexical/rich-text';
import Quill from 'quill';
import { Editor as TiptapEditor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Editor as DraftEditor, EditorState } from 'draft-js';
import { createElement, useState } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * The real editors the social sites use, mounted the way the sites mount them: for the demo page
 * and the e2e fixture pages. Only those pages bundle them; the content script never does.
 */
export type EditorKind = 'draft' | 'lexical' | 'quill' | 'tiptap' | 'textarea';

export interface EditorOptions {
  readonly testId?: string;
  readonly className?: string;
  readonly placeholder?: string;
}

/** Mounts an editor of `kind` into `container`; returns a reader of its own model (paragraphs joined with "\n"). */
export function mountEditor(kind: EditorKind, container: HTMLElement, { testId, className, placeholder = "What's happening?" }: EditorOptions = {}): () => string {
  switch (kind) {
    case 'draft': {
      let latest = EditorState.createEmpty();
      function Composer() {
        const [state, setState] = useState(latest);
        return createElement(DraftEditor, {
          editorState: state,
          onChange: (next: EditorState) => {
            latest = next;
            setState(next);
          },
          webDriverTestID: testId,
          placeholder,
        });
      }
      createRoot(container).render(createElement(Composer));
      return () => latest.getCurrentContent().getPlainText('\n');
    }
    case 'lexical': {
      const root = document.createElement('div');
      root.contentEditable = 'true';
      root.setAttribute('role', 'textbox');
      if (className) root.className = className;
      container.append(root);
      const editor = createEditor({ namespace: 'fixture', nodes: [HeadingNode, QuoteNode], onError: (error) => { throw error; } });
      editor.setRootElement(root);
      registerRichText(editor);
      return () => editor.getEditorState().read(() => $getRoot().getChildren().map((block) => block.getTextContent()).join('\n'));
    }
    case 'quill': {
      const quill = new Quill(container, { formats: ['bold', 'italic', 'link'] });
      return () => quill.getText().replace(/\n$/, '');
    }
    case 'tiptap': {
      const editor = new TiptapEditor({ element: container, extensions: [StarterKit], content: '' });
      return () => editor.state.doc.textBetween(0, editor.state.doc.content.size, '\n');
    }
    case 'textarea': {
      let latest = '';
      function Composer() {
        const [value, setValue] = useState('');
        return createElement('textarea', {
          className,
          value,
          rows: 6,
          onChange: (event: { target: HTMLTextAreaElement }) => {
            latest = event.target.value;
            setValue(latest);
          },
        });
      }
      createRoot(container).render(createElement(Composer));
      return () => latest;
    }
  }
}

// A Monaco editor as a controlled React component. Shared by the step editor (js_code, wait_for,
// hooks, repeat.until), the invalid-file view and other panels (JSON). Grows with its content
// between minLines and maxLines. External value changes (undo/redo in the flow store) are applied
// as the smallest edit, so the cursor stays where it was.
//
// The editor is the source of truth for its text while the user types: a `value` prop equal to a
// text this editor emitted moments ago is the parent catching up (its render lags the keys on a
// busy machine), never a change to apply — applying it rewrote the text under the cursor.
import { useEffect, useRef, useState } from 'react';
import { loadMonaco, monacoIfLoaded, type Monaco } from './loader.js';
import type * as MonacoNs from 'monaco-editor';

export interface EditorMarker {
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** 1-based; whole first line when omitted. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface CodeEditorProps {
  value: string;
  onChange?(value: string): void;
  language?: 'javascript' | 'json' | 'plaintext' | 'python' | 'typescript';
  readOnly?: boolean;
  minLines?: number;
  maxLines?: number;
  /** Fill the parent's height instead of growing with the content. */
  fill?: boolean;
  /** Extra markers (lint warnings) shown next to Monaco's own diagnostics. */
  markers?: EditorMarker[];
  /** Called with Monaco's own diagnostics (syntax errors etc.) whenever they change. */
  onDiagnostics?(markers: EditorMarker[]): void;
  ariaLabel: string;
  testId?: string;
  /** Single-line mode: no line numbers/minimap, Enter does not insert a newline. */
  singleLine?: boolean;
  placeholder?: string;
  onMount?(editor: MonacoNs.editor.IStandaloneCodeEditor, monaco: Monaco): void;
}

const LINE_HEIGHT = 18;
const LINT_OWNER = 'crawlwright-lint';
let modelSeq = 0;

/** The Monaco editor that has text focus, so menu Undo/Redo (Electron) can go to it. */
let focusedEditor: MonacoNs.editor.IStandaloneCodeEditor | null = null;
export function getFocusedEditor(): MonacoNs.editor.IStandaloneCodeEditor | null {
  return focusedEditor;
}

function severityOf(m: Monaco, s: EditorMarker['severity']) {
  return s === 'error' ? m.MarkerSeverity.Error : s === 'warning' ? m.MarkerSeverity.Warning : m.MarkerSeverity.Info;
}

/** The span where two texts differ: common prefix and suffix left out. */
export function changedSpan(a: string, b: string): { start: number; endOld: number; endNew: number } {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endOld = a.length;
  let endNew = b.length;
  while (endOld > start && endNew > start && a.charCodeAt(endOld - 1) === b.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  return { start, endOld, endNew };
}

function rangeOf(model: MonacoNs.editor.ITextModel, start: number, end: number) {
  const a = model.getPositionAt(start);
  const b = model.getPositionAt(end);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

export function CodeEditor(props: CodeEditorProps) {
  const { value, language = 'javascript', readOnly, minLines = 3, maxLines = 30, fill, markers, ariaLabel, testId, singleLine, placeholder } = props;
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<MonacoNs.editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(monacoIfLoaded());
  const propsRef = useRef(props);
  propsRef.current = props;
  const applyingExternal = useRef(false);
  /** Texts emitted by onChange that the parent's `value` has not caught up with yet. */
  const emitted = useRef<string[]>([]);
  const [ready, setReady] = useState(false);
  const [height, setHeight] = useState((singleLine ? 1 : minLines) * LINE_HEIGHT + 8);
  const [diagCount, setDiagCount] = useState({ errors: 0, warnings: 0 });

  // Create the editor once; the model lives as long as the component.
  useEffect(() => {
    let disposed = false;
    const disposables: MonacoNs.IDisposable[] = [];
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      monacoRef.current = monaco;
      const ext = language === 'javascript' ? 'js' : language === 'json' ? 'json' : 'txt';
      const uri = monaco.Uri.parse(`inmemory://crawlwright/${++modelSeq}.${ext}`);
      const model = monaco.editor.createModel(propsRef.current.value, language, uri);
      const editor = monaco.editor.create(host.current, {
        model,
        theme: 'crawlwright-dark',
        readOnly,
        automaticLayout: true,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        fontSize: 12.5,
        lineHeight: LINE_HEIGHT,
        fontFamily: "'JetBrains Mono', 'Cascadia Code', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
        tabSize: 2,
        renderLineHighlight: singleLine ? 'none' : 'line',
        lineNumbers: singleLine ? 'off' : 'on',
        lineNumbersMinChars: 3,
        glyphMargin: false,
        folding: !singleLine,
        lineDecorationsWidth: singleLine ? 4 : 6,
        overviewRulerLanes: 0,
        scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 8, horizontalScrollbarSize: 8 },
        wordWrap: singleLine ? 'off' : 'on',
        fixedOverflowWidgets: true,
        ariaLabel,
        placeholder,
        padding: { top: 4, bottom: 4 },
        stickyScroll: { enabled: false },
        contextmenu: true,
      });
      editorRef.current = editor;
      // Grow with the content between minLines and maxLines (the first size event can precede
      // the listener, so fit once right away too).
      const fitHeight = (contentHeight: number) => {
        if (propsRef.current.fill) return;
        // +2: the wrapper's 1px border, so the editor itself gets the full content height.
        if (propsRef.current.singleLine) return setHeight(LINE_HEIGHT + 8 + 2);
        setHeight(Math.max(minLines * LINE_HEIGHT + 8, Math.min(contentHeight, maxLines * LINE_HEIGHT + 8)) + 2);
      };
      fitHeight(editor.getContentHeight());
      disposables.push(
        editor.onDidFocusEditorText(() => {
          focusedEditor = editor;
        }),
        editor.onDidBlurEditorText(() => {
          if (focusedEditor === editor) focusedEditor = null;
        }),
        editor.onDidChangeModelContent(() => {
          if (applyingExternal.current) return;
          let text = model.getValue();
          if (propsRef.current.singleLine && text.includes('\n')) {
            text = text.replace(/\r?\n/g, ' ');
            model.setValue(text);
          }
          emitted.current.push(text);
          if (emitted.current.length > 200) emitted.current.shift();
          propsRef.current.onChange?.(text);
        }),
        editor.onDidContentSizeChange((e) => fitHeight(e.contentHeight)),
        monaco.editor.onDidChangeMarkers((uris) => {
          if (!uris.some((u) => u.toString() === uri.toString())) return;
          const own = monaco.editor.getModelMarkers({ resource: uri }).filter((m) => m.owner !== LINT_OWNER);
          const list: EditorMarker[] = own.map((m) => ({
            message: m.message,
            severity: m.severity === monaco.MarkerSeverity.Error ? 'error' : m.severity === monaco.MarkerSeverity.Warning ? 'warning' : 'info',
            line: m.startLineNumber,
            column: m.startColumn,
          }));
          const all = monaco.editor.getModelMarkers({ resource: uri });
          setDiagCount({
            errors: all.filter((m) => m.severity === monaco.MarkerSeverity.Error).length,
            warnings: all.filter((m) => m.severity === monaco.MarkerSeverity.Warning).length,
          });
          propsRef.current.onDiagnostics?.(list);
        }),
      );
      if (singleLine) {
        // Enter in a one-line field does nothing (the value is already applied on every keystroke).
        editor.addCommand(monaco.KeyCode.Enter, () => undefined, '!suggestWidgetVisible');
      }
      propsRef.current.onMount?.(editor, monaco);
      setReady(true);
    });
    return () => {
      disposed = true;
      for (const d of disposables) d.dispose();
      const ed = editorRef.current;
      if (ed && focusedEditor === ed) focusedEditor = null;
      if (ed) {
        const model = ed.getModel();
        ed.dispose();
        model?.dispose();
      }
      editorRef.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Apply external value changes (undo/redo, loading another step).
  useEffect(() => {
    const ed = editorRef.current;
    const model = ed?.getModel();
    if (!ed || !model) return;
    const current = model.getValue();
    if (current === value) {
      emitted.current = []; // caught up
      return;
    }
    const echo = emitted.current.lastIndexOf(value);
    if (echo >= 0) {
      // A late render of our own earlier text: the newer texts after it are still to come.
      emitted.current = emitted.current.slice(echo + 1);
      return;
    }
    emitted.current = [];
    applyingExternal.current = true;
    try {
      // pushEditOperations keeps Monaco's own undo stack usable; only the changed span is replaced.
      const d = changedSpan(current, value);
      const range = rangeOf(model, d.start, d.endOld);
      model.pushEditOperations(ed.getSelections() ?? [], [{ range, text: value.slice(d.start, d.endNew) }], () => null);
    } finally {
      applyingExternal.current = false;
    }
  }, [value, ready]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly, ready]);

  // The import pane switches between JSON and Python as the pasted text changes.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (monacoRef.current && model && model.getLanguageId() !== language) monacoRef.current.editor.setModelLanguage(model, language);
  }, [language, ready]);

  // Lint markers from props.
  useEffect(() => {
    const monaco = monacoRef.current;
    const model = editorRef.current?.getModel();
    if (!monaco || !model) return;
    monaco.editor.setModelMarkers(
      model,
      LINT_OWNER,
      (markers ?? []).map((m) => {
        const line = Math.min(m.line ?? 1, model.getLineCount());
        const endLine = Math.min(m.endLine ?? line, model.getLineCount());
        return {
          message: m.message,
          severity: severityOf(monaco, m.severity),
          startLineNumber: line,
          startColumn: m.column ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1,
          endLineNumber: endLine,
          endColumn: m.endColumn ?? model.getLineMaxColumn(endLine),
        };
      }),
    );
  }, [markers, ready, value]);

  return (
    <div
      className={`code-editor${singleLine ? ' single-line' : ''}${fill ? ' fill' : ''}${readOnly ? ' readonly' : ''}`}
      data-testid={testId}
      data-ready={ready ? 'true' : 'false'}
      data-errors={diagCount.errors}
      data-warnings={diagCount.warnings}
      style={fill ? undefined : { height }}
    >
      <div ref={host} className="code-editor-host" />
      {!ready && <pre className="code-editor-fallback">{value || placeholder || ''}</pre>}
    </div>
  );
}

/** Monaco for JSON text, reporting whether the text currently parses. */
export function JsonEditor(
  props: Omit<CodeEditorProps, 'language' | 'onChange'> & { onChange?(text: string, parsed: { ok: true; value: unknown } | { ok: false; error: string }): void },
) {
  const { onChange, ...rest } = props;
  return (
    <CodeEditor
      {...rest}
      language="json"
      onChange={(text) => {
        if (!onChange) return;
        try {
          onChange(text, { ok: true, value: JSON.parse(text) as unknown });
        } catch (e) {
          onChange(text, { ok: false, error: e instanceof Error ? e.message : String(e) });
        }
      }}
    />
  );
}

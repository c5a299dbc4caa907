// Monaco, bundled locally (no CDN) and loaded lazily the first time an editor is shown.
// Workers come from Vite's `?worker` imports so they are emitted as same-origin files, which the
// CSP (`worker-src 'self' blob:`) allows, in Electron (app://) and web mode alike.
import * as monaco from 'monaco-editor/editor/editor.main';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { flowVariableNames } from './flowVariables.js';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

const { javascriptDefaults, ScriptTarget } = monaco.typescript;
const { jsonDefaults } = monaco.json;

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    if (label === 'typescript' || label === 'javascript') return new TsWorker();
    if (label === 'json') return new JsonWorker();
    return new EditorWorker();
  },
};

/**
 * Snippets are page-side *function bodies* (Crawl4AI wraps js_code in an async IIFE), so a
 * top-level `return`/`await` is legal there, and every snippet is its own scope. TypeScript sees
 * each model as a script file, so silence exactly those diagnostics and nothing else.
 */
const IGNORED_DIAGNOSTICS = [
  1108, // A 'return' statement can only be used within a function body.
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set…
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module
  1432, // Top-level 'for await' loops are only allowed when the 'module' option is set…
  2451, // Cannot redeclare block-scoped variable (snippets do not share a scope)
  2393, // Duplicate function implementation (same reason)
  7027, // Unreachable code detected (common while editing)
];

javascriptDefaults.setCompilerOptions({
  target: ScriptTarget.ES2020,
  allowJs: true,
  checkJs: false,
  allowNonTsExtensions: true,
  lib: ['es2022', 'dom', 'dom.iterable'],
  noLib: false,
});
javascriptDefaults.setDiagnosticsOptions({
  noSemanticValidation: false,
  noSyntaxValidation: false,
  diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS,
});
javascriptDefaults.setEagerModelSync(true);

jsonDefaults.setDiagnosticsOptions({ validate: true, allowComments: false, trailingCommas: 'error' });

// `{{` in a snippet offers the flow's variables (and {{secret:NAME}}), substituted at run time.
monaco.languages.registerCompletionItemProvider('javascript', {
  triggerCharacters: ['{'],
  provideCompletionItems(model, position) {
    const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const m = /\{\{\s*([\w:]*)$/.exec(before);
    if (!m) return { suggestions: [] };
    const range = new monaco.Range(position.lineNumber, position.column - m[1].length, position.lineNumber, position.column);
    const suggestions = flowVariableNames().map((name) => ({
      label: `{{${name}}}`,
      kind: monaco.languages.CompletionItemKind.Variable,
      insertText: `${name}}}`,
      filterText: name,
      detail: 'flow variable',
      range,
    }));
    suggestions.push({
      label: '{{secret:NAME}}',
      kind: monaco.languages.CompletionItemKind.Snippet,
      insertText: 'secret:${1:NAME}}}',
      filterText: 'secret:',
      detail: 'secret from the environment/keychain (never stored)',
      range,
      insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    } as (typeof suggestions)[number]);
    return { suggestions };
  },
});

monaco.editor.defineTheme('crawlwright-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#1a1b1e',
    'editor.lineHighlightBackground': '#23252a',
    'editorGutter.background': '#1a1b1e',
    'editorLineNumber.foreground': '#4d5058',
    'editorWidget.background': '#2b2d31',
    'editor.selectionBackground': '#2d4f80',
    focusBorder: '#4c8df6',
  },
});

export { monaco };

// monaco-editor ships types only for its root entry; these ESM deep paths have the same API.
declare module 'monaco-editor/editor/editor.main' {
  export * from 'monaco-editor';
}

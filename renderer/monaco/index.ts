export { CodeEditor, JsonEditor, type CodeEditorProps, type EditorMarker } from './CodeEditor.js';
export { loadMonaco } from './loader.js';

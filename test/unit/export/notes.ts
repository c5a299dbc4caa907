// Reads the notes back out of an exported file, the way its language sees them (the Python
// docstring decoded, the JS header comment, the config's "notes" array), so tests can demand that
// the file carries exactly the notes the dialog shows.
import type { ExportFormat } from '../../../shared/export/index.js';

/** The module docstring of a generated Python file, with its escapes decoded. */
function pythonDocstring(text: string): string {
  const start = text.indexOf('"""') + 3;
  let out = '';
  for (let i = start; i < text.length; i++) {
    if (text.startsWith('"""', i)) return out;
    const ch = text[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = text[++i];
    if (next === 'n') out += '\n';
    else if (next === 'r') out += '\r';
    else if (next === 't') out += '\t';
    else if (next === 'x') (out += String.fromCharCode(parseInt(text.slice(i + 1, i + 3), 16))), (i += 2);
    else if (next === 'u') (out += String.fromCharCode(parseInt(text.slice(i + 1, i + 5), 16))), (i += 4);
    else out += next;
  }
  throw new Error('unterminated docstring');
}

function listAfter(lines: string[], heading: string): string[] {
  const at = lines.findIndex((l) => l.startsWith(heading));
  if (at < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.startsWith('- ')) break;
    out.push(l.slice(2));
  }
  return out;
}

export function notesInFile(format: ExportFormat, text: string): string[] {
  if (format === 'json') return [];
  if (format === 'crawl4ai-config') return (JSON.parse(text) as { notes: string[] }).notes;
  if (format === 'crawl4ai-python') return listAfter(pythonDocstring(text).split('\n'), 'Export notes');
  const header = text.slice(0, text.indexOf(' */'));
  const lines = header.split('\n').map((l) => l.replace(/^ \* ?/, '').replace(/\*\\\//g, '*/'));
  return listAfter(lines, 'Export notes');
}

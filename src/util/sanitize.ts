import { ConfigurationError } from '../errors.js';

/**
 * The one sanitiser for text that reaches a log: the CLI's stderr and stdout, the action's step
 * log and annotations. Whatever a deployed app, a target or a receiver wrote can be in that text,
 * and the GitHub Actions runner reads every line of a step's output for workflow commands:
 *
 * - it splits the output into lines at `\n`, `\r\n` AND a lone `\r`;
 * - a line whose start, after white space, is `::` is a command (`::warning::`, `::add-mask::`,
 *   `::stop-commands::TOKEN`, which turns every later command of the step off);
 * - the legacy form `##[command]data` counts ANYWHERE in a line.
 *
 * So: C0 and C1 control characters, DEL and the Unicode line separators are shown as escapes
 * (`\r`, `\n`, `\x1b`, `\u2028`), `##[` anywhere becomes `##\[`, and a line that would start with
 * `::` gets a backslash before it. Only shipgate itself (through @actions/core) writes commands.
 */

// C0 (but tab), DEL, C1, and the line and paragraph separators
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]/;
const CONTROL = new RegExp(CONTROL_CHAR.source, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\x1b': '\\x1b' };

function escapeControl(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Leading white space as .NET's TrimStart() sees it (the runner trims before looking for `::`). */
const LEADING_SPACE = /^[\s\u0085\u180e]*/;

/** One log line: no control character, no line break, no workflow command. */
export function sanitizeLine(text: string): string {
  const flat = text.replace(CONTROL, escapeControl).replace(/##\[/g, '##\\[');
  const indent = LEADING_SPACE.exec(flat)?.[0] ?? '';
  return flat.startsWith('::', indent.length) ? `${indent}\\${flat.slice(indent.length)}` : flat;
}

/** The line breaks the runner splits on (and CommonMark, for summaries). */
export const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Text for the log that may span lines (a command's stderr inside an error message): each line
 * sanitised; lines after the first are indented with `  | `, so that no line of foreign text can
 * pass for one of shipgate's own.
 */
export function sanitizeLog(text: string): string {
  const lines = text.replace(/(?:\r\n|\r|\n)+$/, '').split(LINE_BREAK);
  return lines.map((line, i) => (i === 0 ? sanitizeLine(line) : `  | ${sanitizeLine(line)}`)).join('\n');
}

/**
 * Text whose line structure is shipgate's own (a table on stdout): every line sanitised, the
 * lines kept as they are.
 */
export function sanitizeLines(text: string): string {
  return text.split(LINE_BREAK).map(sanitizeLine).join('\n');
}

/**
 * An input that names one thing (a path, a JSON field) is one line: a line break or another
 * control character in it is a mistake or an attack, refused before anything happens (exit 2).
 */
export function singleLine(value: string, input: string): string {
  if (CONTROL_CHAR.test(value)) {
    throw new ConfigurationError(
      `'${sanitizeLine(value)}' holds a line break or another control character`,
      input
    );
  }
  return value;
}

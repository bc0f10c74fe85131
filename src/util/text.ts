/** Small pure helpers over file text: line numbers, JSON with comments, dotenv. */

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** 1-based line of the first match, or null. */
export function lineOf(text: string, pattern: RegExp | string): number | null {
  if (typeof pattern === 'string') {
    const at = text.indexOf(pattern);
    return at < 0 ? null : lineAt(text, at);
  }
  const match = pattern.exec(text);
  return match ? lineAt(text, match.index) : null;
}

export function lineCount(text: string): number {
  return text === '' ? 1 : lineAt(text, text.length) - (text.endsWith('\n') ? 1 : 0);
}

/** Removes // and /* comments and trailing commas outside strings (tsconfig is JSONC). */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const skipped = text.slice(i, end < 0 ? text.length : end + 2);
      out += skipped.replace(/[^\n]/g, ' ');
      i = end < 0 ? text.length : end + 1;
    } else out += c;
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}

export function parseJsonLoose(text: string | undefined): Record<string, unknown> | null {
  if (text === undefined) return null;
  try {
    const value: unknown = JSON.parse(stripJsonComments(text));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

/** KEY=value lines (optional `export `, quotes, # comments); the values stay in memory only. */
export function parseDotenv(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(raw);
    if (!match) return;
    let value = match[2].trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === '`') && value.length > 1) {
      const end = value.indexOf(quote, 1);
      value = end > 0 ? value.slice(1, end) : value.slice(1);
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    entries.push({ name: match[1], value, line: index + 1 });
  });
  return entries;
}

/** A relative posix path: empty and `.` segments dropped (`./x/` and `x` are one path). */
export const posixJoin = (...parts: string[]): string =>
  parts
    .join('/')
    .split('/')
    .filter(segment => segment !== '' && segment !== '.')
    .join('/');

/** Normalises `./dist/`, `dist`, `/dist` to `dist`; returns null for paths leaving the repository. */
export function normaliseRelative(path: string): string | null {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

export const dirnameOf = (path: string): string =>
  path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
export const basenameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `1 file`, `2 files`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

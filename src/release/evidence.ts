/** Lines of an app's error log, marked by what they say: a person sees the crash without a shell. */
export type LineLevel = 'critical' | 'warning' | 'info';

const CRITICAL = /SyntaxError|ReferenceError|TypeError|panic:|Cannot find module|ERR_MODULE_NOT_FOUND/;
const WARNING = /ECONNREFUSED|ETIMEDOUT|EADDRINUSE/;

export function classifyLine(line: string): LineLevel {
  if (CRITICAL.test(line)) return 'critical';
  if (WARNING.test(line)) return 'warning';
  return 'info';
}

export function formatEvidenceLines(lines: string[]): string[] {
  return lines.map(line => {
    const level = classifyLine(line);
    return `${level === 'critical' ? 'CRITICAL' : level === 'warning' ? 'WARNING ' : '        '} | ${line}`;
  });
}

/** The first critical line: the one-line answer to "why did it crash?". */
export function firstCriticalLine(lines: string[]): string | null {
  return lines.find(l => classifyLine(l) === 'critical') ?? null;
}

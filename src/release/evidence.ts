/** Lines of an app's error log, marked by what they say: a person sees the crash without a shell. */
export type LineLevel = 'critical' | 'warning' | 'info';

// outage 1 (Node) and outage 2 (a Go service on ECS): what a crash and a missing dependency print
const CRITICAL =
  /SyntaxError|ReferenceError|TypeError|panic:|Cannot find module|ERR_MODULE_NOT_FOUND|Failed to connect to database|Failed to connect to Redis/;
const WARNING = /ECONNREFUSED|ETIMEDOUT|EADDRINUSE|dial tcp|context deadline exceeded/;

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

import { plural } from '../util/text.js';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { escapeHtml } from '../util/html.js';
import { Finding, RuleMeta, Severity } from './types.js';

export interface Counts {
  error: number;
  warning: number;
  notice: number;
}

export function countFindings(findings: Finding[]): Counts {
  const counts: Counts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function countsLine(counts: Counts): string {
  return `${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${plural(counts.notice, 'notice')}`;
}

/** The CLI report: findings grouped by file, most severe first within each file. */
export function renderText(findings: Finding[], rulesRun: number, dir: string): string {
  const counts = countFindings(findings);
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.file ?? '(no file)';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const order = [...groups.keys()].sort((a, b) =>
    a === '(no file)' ? 1 : b === '(no file)' ? -1 : a.localeCompare(b)
  );
  for (const file of order) {
    lines.push(file);
    const items = (groups.get(file) ?? []).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    for (const f of items) {
      const at = f.line === null ? '' : `${f.line}`;
      lines.push(`  ${at.padStart(5)}  ${f.severity.padEnd(7)}  ${f.rule}: ${f.message}`);
      lines.push(`  ${''.padStart(5)}  ${''.padEnd(7)}  fix: ${f.fix}`);
      if (f.evidence) lines.push(`  ${''.padStart(5)}  ${''.padEnd(7)}  evidence: ${f.evidence}`);
    }
    lines.push('');
  }
  const verdict = counts.error > 0 ? 'FAIL' : 'PASS';
  lines.push(`${verdict}: ${countsLine(counts)} in ${dir} (${rulesRun} rules run)`);
  return lines.join('\n');
}

const icon: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
export const SUMMARY_ROWS = 200;

/** The job summary: counts, then a table of findings (most severe first). User text is escaped. */
export function renderSummary(findings: Finding[], rulesRun: number): string {
  const counts = countFindings(findings);
  const head = `## ${counts.error > 0 ? '❌' : '✅'} shipgate validate: ${counts.error > 0 ? 'FAIL' : 'PASS'}`;
  const lines = [head, '', `<p>${escapeHtml(countsLine(counts))} from ${rulesRun} rules.</p>`, ''];
  if (findings.length > 0) {
    lines.push(
      '<table>',
      '<tr><th>severity</th><th>rule</th><th>where</th><th>finding</th><th>fix</th></tr>'
    );
    for (const f of findings.slice(0, SUMMARY_ROWS)) {
      const where = f.file ? `${f.file}${f.line !== null ? `:${f.line}` : ''}` : '';
      lines.push(
        `<tr><td>${icon[f.severity]} ${f.severity}</td><td><code>${escapeHtml(f.rule)}</code></td><td>${escapeHtml(where)}</td><td>${escapeHtml(f.message)}${f.evidence ? `<br><sub>evidence: ${escapeHtml(f.evidence)}</sub>` : ''}</td><td>${escapeHtml(f.fix)}</td></tr>`
      );
    }
    lines.push('</table>');
    if (findings.length > SUMMARY_ROWS)
      lines.push(`<p>${findings.length - SUMMARY_ROWS} more findings: see the log or --sarif.</p>`);
  }
  return `${lines.join('\n')}\n`;
}

export interface Annotation {
  severity: Severity;
  message: string;
  properties: { title: string; file?: string; startLine?: number };
}

/** The runner shows ten annotations of each kind per step: the most severe first, the rest counted. */
export const ANNOTATIONS_PER_LEVEL = 10;

export function planAnnotations(findings: Finding[]): { shown: Annotation[]; hidden: number } {
  const shown: Annotation[] = [];
  const used: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  let hidden = 0;
  for (const f of findings) {
    if (used[f.severity] >= ANNOTATIONS_PER_LEVEL) {
      hidden++;
      continue;
    }
    used[f.severity]++;
    shown.push({
      severity: f.severity,
      message: `${f.message}\nFix: ${f.fix}${f.evidence ? `\nEvidence: ${f.evidence}` : ''}`,
      properties: {
        title: `shipgate ${f.rule}`,
        ...(f.file ? { file: f.file } : {}),
        ...(f.file && f.line !== null ? { startLine: f.line } : {})
      }
    });
  }
  return { shown, hidden };
}

const sarifLevel: Record<Severity, Result.level> = { error: 'error', warning: 'warning', notice: 'note' };

const pascal = (id: string): string => id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());

/** SARIF 2.1.0, as GitHub code scanning reads it: one run, every rule described, paths relative to the checkout. */
/**
 * GitHub code scanning rejects a result without a location, so a finding that concerns no file
 * (an env var missing from the environment, no .gitignore at all) is shown on `fallbackFile`.
 */
export function renderSarif(
  findings: Finding[],
  rules: RuleMeta[],
  version: string,
  uriPrefix = '',
  fallbackFile = 'package.json'
): Log {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const descriptors: ReportingDescriptor[] = rules.map(r => ({
    id: r.id,
    name: pascal(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.why },
    help: { text: r.fix, markdown: `**Why:** ${r.why}\n\n**Fix:** ${r.fix}` },
    defaultConfiguration: { level: sarifLevel[r.severity] },
    properties: { tags: ['shipgate'] }
  }));
  const results: Result[] = findings.map(f => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule) ?? -1,
    level: sarifLevel[f.severity],
    message: { text: `${f.message} Fix: ${f.fix}` },
    ...(f.evidence ? { properties: { evidence: f.evidence } } : {}),
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: `${uriPrefix}${f.file ?? fallbackFile}`, uriBaseId: '%SRCROOT%' },
          region: { startLine: f.file ? (f.line ?? 1) : 1 }
        }
      }
    ]
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'shipgate',
            version,
            rules: descriptors
          }
        },
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  };
}

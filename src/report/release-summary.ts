import { ReleaseInfo } from '../release/history.js';
import { ReleaseOutcome } from '../release/outcome.js';
import { classifyLine, formatEvidenceLines } from '../release/evidence.js';
import { renderGateSummary } from './gate-summary.js';
import { codeFence, escapeHtml, table } from '../util/html.js';

const ms = (value: number | null): string => (value === null ? '-' : `${(value / 1000).toFixed(1)} s`);

export function renderEvidence(outcome: ReleaseOutcome): string {
  const evidence = outcome.evidence;
  if (!evidence) return '';
  const critical = evidence.lines.filter(l => classifyLine(l) === 'critical');
  // the app's own lines go into a code fence: literal text, whatever they hold
  return [
    '### Failure evidence',
    '',
    `<p>Restart count: ${evidence.restarts ?? 'unknown'}${critical.length ? `. First critical line: <b>🛑 ${escapeHtml(critical[0])}</b>` : ''}</p>`,
    '',
    ...evidence.details.map(d => `<p>${escapeHtml(d)}</p>`),
    ...(evidence.source
      ? [
          `<details open><summary>Last ${evidence.lines.length} lines of ${escapeHtml(evidence.source)}</summary>`,
          '',
          codeFence(formatEvidenceLines(evidence.lines).join('\n')),
          '',
          '</details>',
          ''
        ]
      : [])
  ].join('\n');
}

export function renderReleaseSummary(
  outcome: ReleaseOutcome,
  title: string,
  warnings: string[] = []
): string {
  const icon = outcome.verdict === 'pass' ? '✅' : outcome.rolledBack ? '↩️' : '❌';
  const rows = [
    ['release', outcome.release],
    ['previous release', outcome.previousRelease ?? '-'],
    ['verdict', outcome.verdict],
    ['rolled back', outcome.rolledBack ? `yes, to ${outcome.restoredRelease}` : 'no'],
    ...(outcome.interrupted ? [['interrupted', `by ${outcome.interrupted}`]] : []),
    ...Object.entries(outcome.facts).map(([k, v]) => [k, String(v)]),
    ['upload', ms(outcome.timings.uploadMs)],
    ['switch', ms(outcome.timings.switchMs)],
    ['gate', ms(outcome.timings.gateMs)],
    ['rollback', ms(outcome.timings.rollbackMs)]
  ];
  return [
    `## ${icon} ${escapeHtml(title)} ${escapeHtml(outcome.release)}: ${outcome.verdict.toUpperCase()}`,
    '',
    `<p>${escapeHtml(outcome.message)}</p>`,
    ...warnings.map(w => `<p>⚠️ <b>Warning:</b> ${escapeHtml(w)}</p>`),
    table(['', ''], rows),
    renderEvidence(outcome),
    renderGateSummary(outcome.gate, `Gate of ${outcome.release}`),
    outcome.restoreGate
      ? renderGateSummary(outcome.restoreGate, `Gate of restored ${outcome.restoredRelease}`)
      : ''
  ].join('\n');
}

export function renderReleasesTable(current: string | null, releases: ReleaseInfo[]): string {
  const rows = releases.map(r => [
    r.id === current ? `▶ ${r.id} (current)` : r.id,
    r.status,
    r.createdAt || '-',
    r.commit ?? '-',
    r.actor ?? '-'
  ]);
  return `## Releases\n\n${table(['release', 'status', 'deployed at', 'commit', 'by'], rows)}`;
}

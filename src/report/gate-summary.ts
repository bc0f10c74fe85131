import { GateResult } from '../gate/run.js';
import { escapeHtml, table } from '../util/html.js';

const LAST_PROBES = 20;
const CHART_POINTS = 60;

/** A mermaid xychart of latency per round; failed rounds drawn as full-height bars. */
export function latencyChart(result: GateResult): string {
  const rounds = new Map<number, { latency: number; failed: boolean }>();
  for (const probe of result.probes) {
    const round = rounds.get(probe.atMs) ?? { latency: 0, failed: false };
    round.latency = Math.max(round.latency, probe.latencyMs ?? 0);
    round.failed ||= !probe.ok;
    rounds.set(probe.atMs, round);
  }
  const points = [...rounds.entries()].slice(-CHART_POINTS);
  if (points.length === 0) return '';
  const top = Math.max(10, ...points.map(([, r]) => r.latency));
  const labels = points.map(([at]) => `"${(at / 1000).toFixed(1)}"`).join(', ');
  const latencies = points.map(([, r]) => r.latency).join(', ');
  const failures = points.map(([, r]) => (r.failed ? top : 0)).join(', ');
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Probe latency (ms); failed rounds as full bars"',
    `  x-axis "seconds since the gate started" [${labels}]`,
    `  y-axis "latency (ms)" 0 --> ${top}`,
    `  bar [${failures}]`,
    `  line [${latencies}]`,
    '```',
    ''
  ].join('\n');
}

export function probeTable(result: GateResult, count = LAST_PROBES): string {
  const rows = result.probes
    .slice(-count)
    .map(p => [
      `${(p.atMs / 1000).toFixed(1)}s`,
      p.url,
      p.status === null ? '-' : String(p.status),
      p.latencyMs === null ? '-' : `${p.latencyMs} ms`,
      p.ok ? 'ok' : `FAIL: ${p.error ?? ''}`
    ]);
  return table(['at', 'url', 'status', 'latency', 'result'], rows);
}

export function renderGateSummary(result: GateResult, title = 'Health gate'): string {
  const icon = result.verdict === 'pass' ? '✅' : '❌';
  const failed = result.probes.filter(p => !p.ok).length;
  const detected =
    result.detectedAtMs === null
      ? ''
      : ` Failure first observed at ${(result.detectedAtMs / 1000).toFixed(1)}s.`;
  return [
    `## ${icon} ${escapeHtml(title)}: ${result.verdict.toUpperCase()}`,
    '',
    `<p><b>Reason:</b> ${escapeHtml(result.reason)}</p>`,
    `<p>${result.probes.length} probes, ${failed} failed, decided after ${(result.elapsedMs / 1000).toFixed(1)}s.${detected}</p>`,
    '',
    latencyChart(result),
    `<details${result.verdict === 'fail' ? ' open' : ''}><summary>Last ${Math.min(LAST_PROBES, result.probes.length)} probes</summary>\n`,
    probeTable(result),
    '</details>',
    ''
  ].join('\n');
}

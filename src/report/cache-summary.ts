import { BuildxCacheSpec } from '../cache/buildx.js';
import { megabytesPerSecond } from '../cache/policy.js';
import { PresetReport } from '../cache/run.js';
import { escapeHtml, table } from '../util/html.js';

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const seconds = (ms: number | null) => (ms === null ? '' : (ms / 1000).toFixed(1));
const rate = (bytes: number | null, ms: number | null) => {
  const value = megabytesPerSecond(bytes, ms);
  return value === null ? '' : value.toFixed(1);
};

/** The job summary of the post step: one row per preset, restore and save side by side. */
export function renderCacheSummary(reports: PresetReport[], buildx: BuildxCacheSpec[]): string {
  const hits = reports.filter(r => r.restore === 'hit').length;
  const parts = [`<h3>Build caches: ${hits} of ${reports.length} hit</h3>\n`];
  if (reports.length > 0) {
    parts.push(
      table(
        [
          'preset',
          'restore',
          'matched key',
          'size',
          'restore s',
          'restore MB/s',
          'save',
          'save s',
          'save MB/s',
          'why'
        ],
        reports.map(r => [
          r.name,
          r.restore,
          r.matchedKey ?? '',
          formatBytes(r.restoreBytes ?? r.saveBytes),
          seconds(r.restoreMs),
          rate(r.restoreBytes, r.restoreMs),
          r.save ?? '',
          seconds(r.saveMs),
          rate(r.saveBytes, r.saveMs),
          [r.note, r.saveReason].filter(Boolean).join('; ')
        ])
      )
    );
  }
  if (buildx.length > 0) {
    parts.push(
      `<details><summary>docker buildx (type=gha, ${buildx.length} scope${buildx.length > 1 ? 's' : ''})</summary>\n\n`,
      table(
        ['image', 'cache-from', 'cache-to'],
        buildx.map(b => [b.image, b.cacheFrom, b.cacheTo || '(read-only)'])
      ),
      '</details>\n'
    );
  }
  const keys = reports
    .map(r => `${escapeHtml(r.name)}: <code>${escapeHtml(r.primaryKey)}</code>`)
    .join('<br>\n');
  if (keys) parts.push(`<details><summary>keys</summary>\n\n${keys}\n</details>\n`);
  return parts.join('');
}

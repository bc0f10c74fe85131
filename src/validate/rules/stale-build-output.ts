import { isUnder, productionStarts } from '../project.js';
import { RawFinding, Rule } from '../types.js';
import { plural } from '../../util/text.js';

export const staleBuildOutput: Rule = {
  id: 'stale-build-output',
  title: 'Build output beside an app that runs its sources, or older than its sources',
  severity: 'error',
  why: 'A dist/ left from an older build gets loaded beside the sources the app now runs (the first outage: a stale CommonJS dist/server.js crash-looped for three hours); a build older than its sources ships old code.',
  fix: 'Delete the build output (rm -rf dist/) where the app runs from sources, stop deploy scripts from building it, and ignore it in .gitignore; where the app runs the build, rebuild before deploying.',
  check(repo) {
    const findings: RawFinding[] = [];
    const starts = productionStarts(repo);
    const fromSources = starts.find(
      s => s.sourceRunner && !(s.entry && repo.outputs.some(o => isUnder(s.entry!, o.dir)))
    );
    for (const out of repo.outputs) {
      const present = out.exists && (out.origin !== 'usual name' || out.jsFiles.length > 0);
      if (!present && out.tracked.length === 0) continue;
      if (fromSources) {
        const where = [
          out.exists ? `exists (${plural(out.fileCount, 'file')})` : null,
          out.tracked.length ? `is tracked by git (${plural(out.tracked.length, 'file')})` : null
        ]
          .filter(Boolean)
          .join(' and ');
        findings.push({
          file: fromSources.file,
          line: fromSources.line,
          message: `${out.dir}/ ${where}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: modules can be loaded from the stale build instead of the sources.`,
          evidence: fromSources.evidence,
          fix: `Remove ${out.dir}/ from the artifact and the server (rm -rf ${out.dir}${out.tracked.length ? ` and git rm -r --cached ${out.dir}` : ''}), and stop building it on deploy.`
        });
        continue;
      }
      const runsIt = starts.find(s => s.entry && isUnder(s.entry, out.dir));
      if (
        runsIt &&
        out.newestMs !== null &&
        repo.sourcesNewestMs !== null &&
        repo.sourcesNewestMs - out.newestMs > 1000
      ) {
        const minutes = Math.max(1, Math.round((repo.sourcesNewestMs - out.newestMs) / 60_000));
        findings.push({
          file: runsIt.file,
          line: runsIt.line,
          severity: 'warning',
          message: `${out.dir}/ is older than the sources it is built from (by about ${minutes} min), and ${runsIt.label} runs ${runsIt.entry}: the release would run stale code.`,
          evidence: runsIt.evidence,
          fix: `Rebuild ${out.dir}/ from the current sources as part of the release (npm run build), or run the sources directly.`
        });
      }
    }
    return findings;
  }
};

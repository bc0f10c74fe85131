import type { Pm2App } from '../pm2.js';
import { pm2DurationMs } from '../pm2-duration.js';
import { hasBuildScript, isUnder, pm2Apps, sourceFor, startCommands } from '../project.js';
import { RawFinding, Rule } from '../types.js';

export const MAX_RESTARTS_LIMIT = 5;
export const MIN_UPTIME_FLOOR_MS = 10_000;

export const processRestartPolicy: Rule = {
  id: 'process-restart-policy',
  title: 'PM2 restart settings that hide a crash loop',
  severity: 'error',
  why: 'PM2 counts a crash toward max_restarts only when it happens before min_uptime: with max_restarts 15 and min_uptime 5s the first outage restarted 106 times over three hours while `pm2 status` showed it online.',
  fix: "Set max_restarts: 3 and min_uptime: '30s' (at least 10s, longer than the app takes to crash), drop restart_delay, and point script at a file the release contains.",
  check(repo) {
    const findings: RawFinding[] = [];
    const starts = startCommands(repo);
    const deployed: Pm2App[] = pm2Apps(repo).filter(a => repo.deployment.pm2Files.has(a.file));
    for (const app of deployed) {
      const evidence = repo.deployment.pm2Files.get(app.file) ?? null;
      const label = `PM2 app '${app.name ?? '?'}'`;
      const minUptime = app.props.get('min_uptime');
      // PM2's default min_uptime is 1 s; a value it cannot read counts as set right
      const uptimeMs = !minUptime ? 1000 : minUptime.computed ? null : pm2DurationMs(minUptime.value);
      const shortUptime = uptimeMs !== null && uptimeMs < MIN_UPTIME_FLOOR_MS;
      const maxRestarts = app.props.get('max_restarts');
      // PM2's defaults hide a crash loop too, but nobody chose them: a warning; a value set
      // above the limit is the first outage's configuration: an error
      if (!maxRestarts) {
        findings.push({
          file: app.file,
          line: app.line,
          severity: 'warning',
          message: `${label} has no max_restarts: PM2 keeps restarting a crashing app (16 times, and forever when each run outlives min_uptime).`,
          fix: 'Add max_restarts: 3 so a crash loop stops and shows as errored.',
          evidence
        });
      } else {
        const value = Number(maxRestarts.value);
        // many restarts break the deploy with a short min_uptime (the first outage: 15 and 5s,
        // 106 restarts shown online); with a long one PM2 stops after them and shows errored
        if (!maxRestarts.computed && Number.isFinite(value) && value > MAX_RESTARTS_LIMIT)
          findings.push({
            file: app.file,
            line: maxRestarts.line,
            severity: shortUptime ? 'error' : 'warning',
            message: `${label} has max_restarts: ${value} (more than ${MAX_RESTARTS_LIMIT}): a crash loop goes on for a long time before PM2 gives up.`,
            fix: 'Set max_restarts: 3.',
            evidence
          });
      }
      if (!minUptime) {
        findings.push({
          file: app.file,
          line: app.line,
          severity: 'warning',
          message: `${label} has no min_uptime (PM2's default is 1s): a release that crashes a few seconds after start is never counted as a failed start and restarts forever, shown as online.`,
          fix: "Add min_uptime: '30s' (longer than a bad release takes to crash).",
          evidence
        });
      } else if (!minUptime.computed) {
        const ms = pm2DurationMs(minUptime.value);
        if (ms !== null && ms < MIN_UPTIME_FLOOR_MS)
          findings.push({
            file: app.file,
            line: minUptime.line,
            message: `${label} has min_uptime ${JSON.stringify(minUptime.value)} (${ms / 1000}s, under ${MIN_UPTIME_FLOOR_MS / 1000}s): a crash after that is not counted toward max_restarts, so the app restarts forever while shown online.`,
            fix: "Set min_uptime: '30s' (at least 10s).",
            evidence
          });
      }
      const restartDelay = app.props.get('restart_delay');
      if (restartDelay && !(typeof restartDelay.value === 'number' && restartDelay.value === 0))
        findings.push({
          file: app.file,
          line: restartDelay.line,
          severity: 'warning',
          message: `${label} sets restart_delay: a crashing app can stay in 'waiting restart' forever instead of failing visibly.`,
          fix: 'Remove restart_delay; rely on max_restarts and min_uptime.',
          evidence
        });
      const cwd = app.props.get('cwd');
      if (cwd?.identifier === '__dirname')
        findings.push({
          file: app.file,
          line: cwd.line,
          severity: 'warning',
          message: `${label} sets cwd: __dirname: loaded through a 'current' symlink it resolves to one release, and pm2 reload keeps serving that old release after the symlink moves.`,
          fix: "Set cwd to the stable path (e.g. '/srv/app/current') and start the app from there, or delete and start the app on each switch.",
          evidence
        });
      // a missing script is checked only where the path can be traced in the repository: not
      // for a config that runs inside an image, an absolute cwd, or a file the build writes
      const start = starts.find(s => s.app?.file === app.file && s.app.line === app.line);
      const entry = start?.entry;
      const traceable =
        entry &&
        !/copied into the image/.test(evidence ?? '') &&
        !(typeof cwd?.value === 'string' && cwd.value.startsWith('/')) &&
        !cwd?.computed &&
        // a gitignored file outside the known build outputs is generated by something else
        (repo.outputs.some(o => isUnder(entry, o.dir)) || !repo.isIgnored(entry, false));
      if (start && entry && traceable && !repo.text.has(entry) && !repo.fileSet.has(entry)) {
        const output = repo.outputs.find(o => isUnder(entry, o.dir));
        const built =
          output && (output.jsFiles.includes(entry) || sourceFor(repo, entry, output.dir) !== null);
        // an output folder with a build script of its own may write files shipgate cannot trace
        const untraceableBuild = output && !built && hasBuildScript(repo);
        if (!built && !untraceableBuild)
          findings.push({
            file: app.file,
            line: start.line,
            message: `${label} starts ${entry}, which the release does not contain${output ? ' and the build does not produce' : ''}: PM2 would show it errored or crash-looping.`,
            fix: `Point script at the file the release contains (or builds), or add ${entry}.`,
            evidence
          });
      }
    }
    return findings;
  }
};

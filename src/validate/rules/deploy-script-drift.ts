import { logicalLines } from '../deployment.js';
import {
  buildCommandIn,
  hasBuildScript,
  isUnder,
  jsonKeyLine,
  packageInfo,
  productionStarts,
  sourceFor,
  startedFileIn,
  StartCommand
} from '../project.js';
import { ParsedRepo, RawFinding, Rule } from '../types.js';
import { basenameOf, normaliseRelative, posixJoin } from '../../util/text.js';

interface ScriptLine {
  file: string;
  line: number;
  text: string;
  where: string;
  evidence: string;
  /** The folder relative paths resolve from, or null after a `cd` that cannot be followed. */
  cwd: string | null;
}

const DEPLOY_TARGET = /deploy|release|ship|^up$/i;
/** Commands that run elsewhere: over SSH, in a container, in a pod. */
const ELSEWHERE = /\bssh\s|\b(docker|podman|kubectl)\b[^|;&]*\b(exec|run)\b|\bcompose\b[^|;&]*\b(exec|run)\b/;

/** Follows `cd` through a script: a literal folder moves the base, anything else loses it. */
function withDirectory(
  lines: { text: string; line: number }[],
  start: string | null
): { text: string; line: number; cwd: string | null }[] {
  let cwd = start;
  return lines.map(l => {
    const here = cwd;
    for (const cd of l.text.matchAll(/(?:^|[;&|(]\s*)cd\s+([^\s;&|)]+)?/g)) {
      const target = cd[1];
      if (!target || /[$`~]/.test(target) || target.startsWith('/') || cwd === null) cwd = null;
      else cwd = normaliseRelative(posixJoin(cwd, target));
    }
    return { ...l, cwd: here };
  });
}

/** The lines a deploy runs on the host: deploy scripts, Makefile deploy targets, package.json deploy scripts, deploy jobs. */
export function deployScriptLines(repo: ParsedRepo): ScriptLine[] {
  const lines: ScriptLine[] = [];
  for (const [file, evidence] of repo.deployment.deployScripts) {
    const text = repo.text.get(file) ?? '';
    const makefile = !/\.(sh|bash)$/.test(basenameOf(file));
    let target = '';
    const raw = makefile
      ? text.split('\n').flatMap((l, i) => {
          const t = /^([\w.-]+)\s*:(?!=)/.exec(l);
          if (t) target = t[1];
          return l.startsWith('\t') && DEPLOY_TARGET.test(target) ? [{ text: l, line: i + 1, target }] : [];
        })
      : logicalLines(text).map(l => ({ ...l, target: '' }));
    for (const l of withDirectory(
      raw.filter(r => !/^\s*#/.test(r.text)),
      ''
    ))
      lines.push({
        file,
        line: l.line,
        text: l.text,
        where: makefile ? `make ${(raw.find(r => r.line === l.line) as { target: string }).target}` : file,
        evidence: makefile ? `${file}: a deploy target` : evidence,
        cwd: l.cwd
      });
  }
  const pkg = packageInfo(repo);
  if (pkg)
    for (const [name, script] of Object.entries(pkg.scripts)) {
      if (!/deploy|release|ship/i.test(name) || /^(pre|post)?build/.test(name)) continue;
      for (const l of withDirectory([{ text: script, line: jsonKeyLine(pkg.text, name) }], ''))
        lines.push({
          file: pkg.file,
          line: l.line,
          text: l.text,
          where: `npm run ${name}`,
          evidence: `package.json script '${name}'`,
          cwd: l.cwd
        });
    }
  for (const { file, job } of repo.deployment.deployJobs)
    for (const step of job.steps) {
      if (!step.run) continue;
      const start =
        step.workingDirectory && !/\$/.test(step.workingDirectory)
          ? normaliseRelative(step.workingDirectory)
          : step.workingDirectory
            ? null
            : '';
      for (const l of withDirectory(logicalLines(step.run, step.runLines[0] ?? step.line), start))
        lines.push({
          file,
          line: l.line,
          text: l.text,
          where: `job '${job.id}'`,
          evidence: `job '${job.id}' of ${file} deploys`,
          cwd: l.cwd
        });
    }
  return lines;
}

export const deployScriptDrift: Rule = {
  id: 'deploy-script-drift',
  title: 'Deploy scripts that build or start something other than what the process manager runs',
  severity: 'error',
  why: 'In the first outage the process config had moved to `tsx src/server.ts` while the deploy script still ran `npm run build`: the build wrote a dist/ that nothing should run, and it was loaded anyway.',
  fix: 'Make the deploy script do what the process config runs: no build step when the app runs its sources; start the file the build produces when it runs the build.',
  check(repo) {
    const findings: RawFinding[] = [];
    const starts = productionStarts(repo);
    const fromSources: StartCommand | undefined = starts.find(s => s.sourceRunner);
    for (const l of deployScriptLines(repo)) {
      const build = buildCommandIn(l.text);
      if (build && fromSources) {
        findings.push({
          file: l.file,
          line: l.line,
          message: `${l.where} runs \`${build}\`, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner} (${fromSources.file}:${fromSources.line}): the build output is never meant to run and goes stale.`,
          fix: `Remove \`${build}\` from the deploy (and delete the build output), or change ${fromSources.label} to run the built file.`,
          evidence: `${l.evidence}; production start: ${fromSources.evidence}`
        });
        continue;
      }
      // a started file is checked only where its path can be traced: from a known folder, not
      // a file the build writes somewhere shipgate cannot follow, not a gitignored (generated) one
      const named = startedFileIn(l.text);
      // a path run on another machine or inside a container is not the repository's
      if (!named || l.cwd === null || ELSEWHERE.test(l.text)) continue;
      const started = normaliseRelative(posixJoin(l.cwd, named));
      if (!started || repo.text.has(started) || repo.fileSet.has(started)) continue;
      const output = repo.outputs.find(o => isUnder(started, o.dir));
      // a gitignored file outside the known build outputs is generated by something else
      if (!output && repo.isIgnored(started, false)) continue;
      if (output && sourceFor(repo, started, output.dir)) {
        if (fromSources)
          findings.push({
            file: l.file,
            line: l.line,
            message: `${l.where} starts ${started}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: two different programs depending on who starts it.`,
            fix: 'Start the app one way only: through the process config.',
            evidence: `${l.evidence}; production start: ${fromSources.evidence}`
          });
        continue;
      }
      if (output && hasBuildScript(repo)) continue;
      findings.push({
        file: l.file,
        line: l.line,
        message: `${l.where} starts ${started}, which neither the repository contains nor the build produces.`,
        fix: `Start the file the build writes (check tsconfig outDir and rootDir), or fix the path.`,
        evidence: l.evidence
      });
    }
    return findings;
  }
};

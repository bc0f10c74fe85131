import {
  buildCommandIn,
  isShellScriptPath,
  isUnder,
  isWorkflowPath,
  jsonKeyLine,
  packageInfo,
  sourceFor,
  productionStarts,
  startedFileIn,
  StartCommand
} from '../project.js';
import { RepoSnapshot, RawFinding, Rule } from '../types.js';
import { basenameOf } from '../../util/text.js';
import { deployLine, parseWorkflow } from '../workflow.js';

interface ScriptLine {
  file: string;
  line: number;
  text: string;
  where: string;
}

const DEPLOYISH = /deploy|release|start|restart|reload|serve|ship|publish|postinstall|^up$/i;

/** The lines that run on a deploy: shell scripts, Makefile deploy targets, package.json deploy scripts, deploy jobs. */
export function deployScriptLines(repo: RepoSnapshot): ScriptLine[] {
  const lines: ScriptLine[] = [];
  for (const [file, text] of repo.text) {
    if (!isShellScriptPath(file)) continue;
    const base = basenameOf(file);
    const makefile = !/\.(sh|bash)$/.test(base);
    if (!makefile && /^(build|test|lint|ci|check|bench)/i.test(base)) continue;
    let target = '';
    text.split('\n').forEach((raw, i) => {
      if (makefile) {
        const t = /^([\w.-]+)\s*:(?!=)/.exec(raw);
        if (t) target = t[1];
        if (!raw.startsWith('\t') || !DEPLOYISH.test(target)) return;
      }
      if (/^\s*#/.test(raw)) return;
      lines.push({ file, line: i + 1, text: raw, where: makefile ? `make ${target}` : file });
    });
  }
  const pkg = packageInfo(repo);
  if (pkg)
    for (const [name, script] of Object.entries(pkg.scripts)) {
      if (!DEPLOYISH.test(name) || /^(pre|post)?build/.test(name)) continue;
      lines.push({
        file: pkg.file,
        line: jsonKeyLine(pkg.text, name),
        text: script,
        where: `npm run ${name}`
      });
    }
  for (const [file, text] of repo.text) {
    if (!isWorkflowPath(file)) continue;
    for (const job of parseWorkflow(text) ?? []) {
      if (deployLine(job) === null) continue;
      for (const step of job.steps) {
        if (!step.run) continue;
        step.run
          .split('\n')
          .forEach((l, i) =>
            lines.push({ file, line: step.runLines[i] ?? step.line, text: l, where: `job '${job.id}'` })
          );
      }
    }
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
    const files = new Set(repo.files);
    for (const l of deployScriptLines(repo)) {
      const build = buildCommandIn(l.text);
      if (build && fromSources) {
        findings.push({
          file: l.file,
          line: l.line,
          message: `${l.where} runs \`${build}\`, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner} (${fromSources.file}:${fromSources.line}): the build output is never meant to run and goes stale.`,
          fix: `Remove \`${build}\` from the deploy (and delete the build output), or change ${fromSources.label} to run the built file.`
        });
        continue;
      }
      const started = startedFileIn(l.text);
      if (!started || files.has(started) || repo.text.has(started)) continue;
      const output = repo.outputs.find(o => isUnder(started, o.dir));
      if (output && sourceFor(repo, started, output.dir)) {
        if (fromSources)
          findings.push({
            file: l.file,
            line: l.line,
            message: `${l.where} starts ${started}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: two different programs depending on who starts it.`,
            fix: 'Start the app one way only: through the process config.'
          });
        continue;
      }
      findings.push({
        file: l.file,
        line: l.line,
        message: `${l.where} starts ${started}, which neither the repository contains nor the build produces.`,
        fix: `Start the file the build writes (check tsconfig outDir and rootDir), or fix the path.`
      });
    }
    return findings;
  }
};

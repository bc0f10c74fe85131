import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { Inputs } from '../options.js';
import { singleLine } from '../util/sanitize.js';
import { childEnvironment } from '../util/child-env.js';
import type { ValidateConfig } from '../validate/config.js';
import { DEFAULT_CONFIG_PATH } from '../validate/files.js';
import { validateCliOptions } from '../validate/options.js';
import { encodedForms, isMaskable, makeRedactor } from '../validate/redact.js';
import {
  countFindings,
  countsLine,
  planAnnotations,
  renderSarif,
  renderSummary,
  renderText
} from '../validate/report.js';
import type { Finding } from '../validate/types.js';
import { Command } from './types.js';

// The rules and their parsers load only when validate runs, and each parser only for the kinds
// of files the repository has (see validate/parsed.ts): validate starts as fast as node does.
const loadValidator = () =>
  Promise.all([
    import('../validate/engine.js'),
    import('../validate/load.js'),
    import('../validate/rules/index.js')
  ]);

async function readConfig(
  root: string,
  path: string,
  explicit: boolean,
  ruleIds: readonly string[]
): Promise<ValidateConfig> {
  const full = resolve(root, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    if (explicit) throw new ConfigurationError(`cannot read '${path}'`, 'config');
    return { rules: new Map(), include: [], exclude: [] };
  }
  const { parseValidateConfig } = await import('../validate/config.js');
  return parseValidateConfig(text, path, ruleIds);
}

function parseBootUrl(text: string): string {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString();
  } catch {
    // reported below
  }
  throw new ConfigurationError(`'${text}' is not an http or https URL`, 'boot-url');
}

export const validateCommand: Command = {
  name: 'validate',
  summary:
    'Refuse a release that cannot work: stale builds, module formats, PM2, env, Dockerfiles, workflows, ECS task definitions.',
  options: validateCliOptions,
  async run(inputs: Inputs, context) {
    const dir = inputs.required('dir');
    const root = resolve(dir);
    const configPath = inputs.required('config');
    const boot = inputs.string('boot');
    const bootUrl = inputs.string('boot-url');
    if (boot && !bootUrl) throw new ConfigurationError('is required with boot', 'boot-url');
    if (bootUrl && !boot) throw new ConfigurationError('is required with boot-url', 'boot');
    const bootConfig = boot
      ? {
          url: parseBootUrl(bootUrl as string),
          timeoutMs: parseDuration(inputs.required('boot-timeout'), 'boot-timeout'),
          windowMs: parseDuration(inputs.required('boot-window'), 'boot-window')
        }
      : null;
    const checkEnvironment = inputs.boolean('check-environment');
    const [
      { redactFindings, runRules, sortFindings, toFindings },
      { loadEnv, loadRepo },
      { allRules, staticRules }
    ] = await loadValidator();
    const loadOptions = {
      dir,
      requireEnv: inputs.list('require-env'),
      envFile: inputs.string('env-file') ?? null,
      environment: process.env,
      checkEnvironment,
      taskDefinitions: inputs.list('task-definition')
    };
    // The env file's values are secrets: the runner masks them (and the forms a program prints
    // them in) before anything of this run can be printed.
    const env = loadEnv(loadOptions, root);
    const secrets: string[] = env?.kind === 'file' ? [...env.values.values()] : [];
    if (env)
      for (const name of loadOptions.requireEnv) {
        const value = env.values.get(name);
        if (value) secrets.push(value);
      }
    for (const value of new Set(secrets.filter(isMaskable).map(v => v.trim())))
      for (const form of encodedForms(value)) context.setSecret(form);
    const redact = makeRedactor(secrets);
    // the runner passes the default too: only a config named by the user must exist
    const config = await readConfig(
      root,
      configPath,
      configPath !== DEFAULT_CONFIG_PATH,
      allRules.map(r => r.id)
    );
    const sarifInput = inputs.string('sarif');
    const sarifPath = sarifInput && singleLine(sarifInput, 'sarif');
    const started = performance.now();
    const repo = await loadRepo({ ...loadOptions, env, scope: config });
    context.log(
      `validate: ${repo.files.length} files in ${dir} (ignored paths and node_modules skipped), read in ${Math.round(performance.now() - started)} ms; deployed: ${repo.deployment.images.length} image(s), ${repo.deployment.pm2Files.size} PM2 config(s), ${repo.deployment.deployScripts.size} deploy script(s), ${repo.deployment.deployJobs.length} deploy job(s), ${repo.deployment.taskDefinitions.length} task definition(s)`
    );
    let findings: Finding[] = runRules(repo, staticRules, config);
    let rulesRun = staticRules.filter(r => config.rules.get(r.id) !== 'off').length;
    if (bootConfig && boot && config.rules.get('boot-smoke') !== 'off') {
      const { bootSmokeMeta, runBootSmoke } = await import('../validate/rules/boot-smoke.js');
      rulesRun++;
      // the app under test (a pull request's code) gets the allow-list and what it is said to
      // need (require-env, the env file), never the runner's tokens or the step's inputs
      const bootEnv = childEnvironment(process.env, loadOptions.requireEnv);
      if (env?.kind === 'file') for (const [k, v] of env.values) bootEnv[k] = v;
      const raw = await runBootSmoke({
        dir: root,
        command: boot,
        ...bootConfig,
        env: bootEnv,
        log: context.log
      });
      findings = sortFindings([...findings, ...toFindings(bootSmokeMeta, raw, config)]);
    }
    // Rules print names only; this is the safety net for anything that echoes output (boot-smoke).
    findings = redactFindings(findings, redact);
    const counts = countFindings(findings);

    // Annotations and SARIF name files from the working directory (the checkout in Actions).
    const prefixRel = relative(process.cwd(), root).split(sep).join('/');
    const prefix = prefixRel === '' || prefixRel.startsWith('..') ? '' : `${prefixRel}/`;
    if (sarifPath) {
      const fallbackFile =
        ['package.json', '.gitignore', 'Dockerfile', 'README.md'].find(f => existsSync(join(root, f))) ??
        'package.json';
      const sarif = renderSarif(findings, allRules, context.run.version, prefix, fallbackFile);
      const out = resolve(sarifPath);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(sarif, null, 2)}\n`);
      context.log(`validate: SARIF written to ${sarifPath}`);
    }
    if (context.mode === 'action') {
      const { shown, hidden } = planAnnotations(findings);
      for (const a of shown)
        context.annotate(a.severity, a.message, {
          ...a.properties,
          ...(a.properties.file ? { file: `${prefix}${a.properties.file}` } : {})
        });
      if (hidden > 0)
        context.log(
          `validate: ${hidden} more finding(s) not shown as annotations (the runner shows a limited number); all are in the job summary.`
        );
    }
    context.log(`validate: ${countsLine(counts)}`);
    const failed = counts.error > 0;
    return {
      exitCode: failed ? ExitCode.CheckFailed : ExitCode.Success,
      json: { findings },
      text: renderText(findings, rulesRun, dir),
      outputs: { errors: String(counts.error), warnings: String(counts.warning) },
      summary: renderSummary(findings, rulesRun),
      failure: failed ? `Validation failed: ${countsLine(counts)}` : null
    };
  }
};

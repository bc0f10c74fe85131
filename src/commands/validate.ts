import * as core from '@actions/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseDuration } from '../duration.js';
import { ConfigurationError, ExitCode } from '../errors.js';
import { Inputs } from '../options.js';
import { singleLine } from '../util/sanitize.js';
import { DEFAULT_CONFIG_PATH, parseValidateConfig, ValidateConfig } from '../validate/config.js';
import { validateCliOptions } from '../validate/options.js';
import {
  countFindings,
  countsLine,
  planAnnotations,
  renderSarif,
  renderSummary,
  renderText
} from '../validate/report.js';
// the rules and their parsers (acorn, dockerfile-ast, ignore) load only when validate runs
const loadValidator = () =>
  Promise.all([
    import('../validate/engine.js'),
    import('../validate/load.js'),
    import('../validate/rules/index.js'),
    import('../validate/rules/boot-smoke.js')
  ]);
import { Finding } from '../validate/types.js';
import { Command } from './types.js';

function readConfig(
  root: string,
  path: string,
  explicit: boolean,
  ruleIds: readonly string[]
): ValidateConfig {
  const full = resolve(root, path);
  let text: string;
  try {
    text = readFileSync(full, 'utf8');
  } catch {
    if (explicit) throw new ConfigurationError(`cannot read '${path}'`, 'config');
    return { rules: new Map() };
  }
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
    'Refuse a release that cannot work: stale builds, module formats, PM2, env, Dockerfiles, workflows.',
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
    // the runner passes the default too: only a config named by the user must exist
    const [
      { redactFindings, runRules, sortFindings, toFindings },
      { loadSnapshot },
      { allRules, staticRules },
      { bootSmokeMeta, runBootSmoke }
    ] = await loadValidator();
    const config = readConfig(
      root,
      configPath,
      configPath !== DEFAULT_CONFIG_PATH,
      allRules.map(r => r.id)
    );
    const sarifInput = inputs.string('sarif');
    const sarifPath = sarifInput && singleLine(sarifInput, 'sarif');
    const started = performance.now();
    const snapshot = loadSnapshot({
      dir,
      requireEnv: inputs.list('require-env'),
      envFile: inputs.string('env-file') ?? null,
      environment: process.env
    });
    context.log(
      `validate: ${snapshot.files.length} files in ${dir} (ignored paths and node_modules skipped), read in ${Math.round(performance.now() - started)} ms`
    );
    let findings: Finding[] = runRules(snapshot, staticRules, config);
    let rulesRun = staticRules.filter(r => config.rules.get(r.id) !== 'off').length;
    if (bootConfig && boot && config.rules.get(bootSmokeMeta.id) !== 'off') {
      rulesRun++;
      const env: Record<string, string> = {};
      if (snapshot.env?.kind === 'file') for (const [k, v] of snapshot.env.values) env[k] = v;
      const raw = await runBootSmoke({ dir: root, command: boot, ...bootConfig, env, log: context.log });
      findings = sortFindings([...findings, ...toFindings(bootSmokeMeta, raw, config)]);
    }
    // Rules print names only; this is the safety net for anything that echoes output (boot-smoke).
    const secrets: string[] = [];
    if (snapshot.env?.kind === 'file') secrets.push(...snapshot.env.values.values());
    for (const name of snapshot.requireEnv) {
      const value = snapshot.env?.values.get(name);
      if (value) secrets.push(value);
    }
    findings = redactFindings(findings, secrets);
    const counts = countFindings(findings);

    // Annotations and SARIF name files from the working directory (the checkout in Actions).
    const prefixRel = relative(process.cwd(), root).split(sep).join('/');
    const prefix = prefixRel === '' || prefixRel.startsWith('..') ? '' : `${prefixRel}/`;
    if (sarifPath) {
      const fallbackFile =
        ['package.json', '.gitignore', 'Dockerfile', 'README.md'].find(f => existsSync(join(root, f))) ??
        'package.json';
      const sarif = renderSarif(
        findings,
        allRules,
        process.env.SHIPGATE_VERSION ?? '0.1.0',
        prefix,
        fallbackFile
      );
      const out = resolve(sarifPath);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(sarif, null, 2)}\n`);
      context.log(`validate: SARIF written to ${sarifPath}`);
    }
    if (context.mode === 'action') {
      const { shown, hidden } = planAnnotations(findings);
      for (const a of shown) {
        const properties = {
          ...a.properties,
          ...(a.properties.file ? { file: `${prefix}${a.properties.file}` } : {})
        };
        if (a.severity === 'error') core.error(a.message, properties);
        else if (a.severity === 'warning') core.warning(a.message, properties);
        else core.notice(a.message, properties);
      }
      if (hidden > 0)
        core.info(
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

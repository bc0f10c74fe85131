import { ENV_EXAMPLE_FILES } from '../files.js';
import { basenameOf } from '../../util/text.js';
import { RawFinding, Rule, ParsedRepo } from '../types.js';
import { plural } from '../../util/text.js';

const PLACEHOLDER =
  /^(changeme|change[-_ .]?me|change[-_ .]?this|xxx+|x{3,}|todo|tbd|fixme|placeholder|replace[-_ .]?me|your[-_ ].*|<.*>|\.\.\.|\*+|dummy|example|secret|password)$/i;

/** True for the values people leave in env files until someone fills them in. Never printed. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** `# required` after the value, or alone on the line above the key (case does not matter). */
const MARKER = /#\s*required\b/i;

export interface RequiredVariable {
  name: string;
  /** Where it is declared required (an example file line), or null for --require-env. */
  file: string | null;
  line: number | null;
  from: string;
}

/** Names declared required in an env example file by the `# required` marker. */
export function markedRequired(text: string): { name: string; line: number }[] {
  const result: { name: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(raw);
    if (!match) return;
    const inline = /(^|\s)#/.test(match[2]) && MARKER.test(match[2]);
    const above = i > 0 && /^\s*#\s*required\b/i.test(lines[i - 1]);
    if (inline || above) result.push({ name: match[1], line: i + 1 });
  });
  return result;
}

export function requiredVariables(repo: ParsedRepo): RequiredVariable[] {
  const required = new Map<string, RequiredVariable>();
  for (const name of repo.requireEnv)
    required.set(name, { name, file: null, line: null, from: '--require-env' });
  const examples = [...repo.text.keys()]
    .filter(f => ENV_EXAMPLE_FILES.includes(basenameOf(f)) && repo.scope.inScope(f))
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const file of examples)
    for (const { name, line } of markedRequired(repo.text.get(file) ?? ''))
      if (!required.has(name))
        required.set(name, { name, file, line, from: `marked # required in ${file}:${line}` });
  return [...required.values()];
}

export const envContract: Rule = {
  id: 'env-contract',
  title: 'Required environment variables missing, empty or placeholders',
  severity: 'error',
  why: 'A release started without its environment crashes 10-30 s after start, after it already answered once (the second outage: DB_HOST, JWT secrets and others missing from the task definition).',
  fix: 'Set every required variable in the production environment (the env file, the task definition, the deploy job); required names come from --require-env and `# required` markers in .env.example.',
  check(repo) {
    const required = requiredVariables(repo);
    if (required.length === 0) return [];
    const findings: RawFinding[] = [];
    const env = repo.env;
    if (env) {
      const source = env.kind === 'file' ? (env.file ?? 'the env file') : 'the environment';
      const inFile = env.kind === 'file' && env.file !== null;
      const evidence = `production env: ${env.kind === 'file' ? `${source} (--env-file)` : 'the environment (--check-environment)'}`;
      for (const r of required) {
        const value = env.values.get(r.name);
        const envLine = env.lines.get(r.name) ?? null;
        if (value === undefined)
          findings.push({
            file: r.file ?? (inFile ? env.file : null),
            line: r.line ?? (inFile ? env.lineCount : null),
            message: `${r.name} is required (${r.from}) but missing from ${source}.`,
            fix: `Set ${r.name} in ${source}.`,
            evidence
          });
        else if (value.trim() === '')
          findings.push({
            file: inFile ? env.file : r.file,
            line: inFile ? envLine : r.line,
            // a required variable set to nothing breaks the start as surely as a missing one (a
            // secret missing from GitHub reaches the job as an empty variable)
            message: `${r.name} is set but empty in ${source}.`,
            fix: `Give ${r.name} its real value in ${source}.`,
            evidence
          });
        else if (isPlaceholder(value))
          findings.push({
            file: inFile ? env.file : r.file,
            line: inFile ? envLine : r.line,
            severity: 'warning',
            message: `${r.name} in ${source} holds a placeholder, not a real value (the value is not shown).`,
            fix: `Replace the placeholder of ${r.name} with its real value.`,
            evidence
          });
      }
    }
    for (const task of repo.deployment.taskDefinitions) {
      const essential = task.definition.containers.filter(c => c.essential);
      const app = essential.filter(c => task.renderedContainers.has(c.name));
      const checked = app.length > 0 ? app : essential;
      if (checked.length === 0) continue;
      const names = checked.map(c => `'${c.name}'`).join(', ');
      for (const r of required) {
        if (checked.some(c => c.envNames.has(r.name))) continue;
        const fromFiles = checked.some(c => c.hasEnvironmentFiles);
        findings.push({
          file: task.file,
          line: checked[0].line,
          severity: fromFiles ? 'warning' : undefined,
          message: `${r.name} is required (${r.from}) but neither environment nor secrets of container ${names} set it${fromFiles ? ' (it may come from its environmentFiles, which the repository does not show)' : ': the task starts without it'}.`,
          fix: `Add ${r.name} to the container's secrets (valueFrom: a Secrets Manager or SSM parameter ARN) or environment in ${task.file}.`,
          evidence: `production env: the task definition ${task.file} (${task.evidence})`
        });
      }
    }
    if (!env && repo.deployment.taskDefinitions.length === 0)
      findings.push({
        file: null,
        line: null,
        severity: 'notice',
        message: `${plural(required.length, 'required variable')} (${required
          .slice(0, 8)
          .map(r => r.name)
          .join(
            ', '
          )}${required.length > 8 ? ', ...' : ''}) not checked: no production environment was given (a PR check has none).`,
        fix: 'Check them where the production env is: --env-file, --check-environment in the deploy job, or --task-definition.',
        evidence: `required by ${[...new Set(required.map(r => (r.file ? `# required in ${r.file}` : r.from)))].join(', ')}`
      });
    return findings;
  }
};

import { ENV_EXAMPLE_FILES } from '../project.js';
import { parseDotenv } from '../../util/text.js';
import { RawFinding, Rule } from '../types.js';

const PLACEHOLDER =
  /^(changeme|change[-_ .]?me|change[-_ .]?this|xxx+|x{3,}|todo|tbd|fixme|placeholder|replace[-_ .]?me|your[-_ ].*|<.*>|\.\.\.|\*+|dummy|example|secret|password)$/i;

/** True for the values people leave in env files until someone fills them in. Never printed. */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

export const envContract: Rule = {
  id: 'env-contract',
  title: 'Required environment variables missing, empty or placeholders',
  severity: 'error',
  why: 'A release started without its environment crashes 10-30 s after start, after it already answered once (the second outage: DB_HOST, JWT secrets and others missing from the task definition).',
  fix: 'Set every required variable in the env file or the deployment environment; the names come from --require-env and .env.example.',
  check(repo) {
    const required = new Map<string, { file: string | null; line: number | null; from: string }>();
    for (const name of repo.requireEnv) required.set(name, { file: null, line: null, from: '--require-env' });
    const example = ENV_EXAMPLE_FILES.find(f => repo.text.has(f));
    if (example)
      for (const entry of parseDotenv(repo.text.get(example) ?? ''))
        if (!required.has(entry.name))
          required.set(entry.name, { file: example, line: entry.line, from: example });
    if (required.size === 0 || !repo.env) return [];
    const env = repo.env;
    const source = env.kind === 'file' ? (env.file ?? 'the env file') : 'the environment';
    const findings: RawFinding[] = [];
    for (const [name, origin] of required) {
      const value = env.values.get(name);
      const envLine = env.lines.get(name) ?? null;
      const inFile = env.kind === 'file' && env.file !== null;
      if (value === undefined) {
        const endOfFile = inFile ? env.lineCount : null;
        findings.push({
          file: origin.file ?? (inFile ? env.file : null),
          line: origin.line ?? endOfFile,
          message: `${name} is required (${origin.from}) but missing from ${source}.`,
          fix: `Set ${name} in ${source}.`
        });
      } else if (value.trim() === '') {
        findings.push({
          file: inFile ? env.file : origin.file,
          line: inFile ? envLine : origin.line,
          severity: 'warning',
          message: `${name} is set but empty in ${source}.`,
          fix: `Give ${name} its real value in ${source}.`
        });
      } else if (isPlaceholder(value)) {
        findings.push({
          file: inFile ? env.file : origin.file,
          line: inFile ? envLine : origin.line,
          severity: 'warning',
          message: `${name} in ${source} holds a placeholder, not a real value (the value is not shown).`,
          fix: `Replace the placeholder of ${name} with its real value.`
        });
      }
    }
    return findings;
  }
};

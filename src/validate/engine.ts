import { redact as redactSecrets } from '../util/redact.js';
import { ValidateConfig } from './config.js';
import { Finding, RawFinding, RepoSnapshot, Rule, RuleMeta, severityRank } from './types.js';

/** Fills in the rule id, the configured severity and the fix; a finding on a file always gets a line. */
export function toFindings(rule: RuleMeta, raw: RawFinding[], config: ValidateConfig): Finding[] {
  const setting = config.rules.get(rule.id);
  if (setting === 'off') return [];
  return raw.map(r => ({
    rule: rule.id,
    severity: setting ?? r.severity ?? rule.severity,
    file: r.file,
    line: r.file === null ? r.line : (r.line ?? 1),
    message: r.message,
    fix: r.fix ?? rule.fix
  }));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.rule.localeCompare(b.rule)
  );
}

/** Runs the static rules over a snapshot: pure, no I/O. */
export function runRules(repo: RepoSnapshot, rules: Rule[], config: ValidateConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (config.rules.get(rule.id) === 'off') continue;
    findings.push(...toFindings(rule, rule.check(repo), config));
  }
  return sortFindings(findings);
}

/** Replaces every secret value by *** in messages and fixes (a safety net: rules print names only). */
export function redactFindings(findings: Finding[], secrets: Iterable<string>): Finding[] {
  const values = [...new Set(secrets)].filter(v => v.length >= 4).sort((a, b) => b.length - a.length);
  if (values.length === 0) return findings;
  const redact = (text: string): string => redactSecrets(text, values);
  return findings.map(f => ({
    ...f,
    message: redact(f.message),
    fix: redact(f.fix),
    file: f.file && redact(f.file)
  }));
}

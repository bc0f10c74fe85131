import { ValidateConfig } from './config.js';
import { Redactor } from './redact.js';
import { Finding, ParsedRepo, RawFinding, Rule, RuleMeta, severityRank } from './types.js';

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
    fix: r.fix ?? rule.fix,
    evidence: r.evidence ?? null
  }));
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      (a.file ?? '\uffff').localeCompare(b.file ?? '\uffff') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message)
  );
}

/** Runs the static rules over the parsed repository: pure, no I/O. */
export function runRules(repo: ParsedRepo, rules: Rule[], config: ValidateConfig): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (config.rules.get(rule.id) === 'off') continue;
    findings.push(...toFindings(rule, rule.check(repo), config));
  }
  return sortFindings(findings);
}

/** Applies the redactor to every text of every finding (a safety net: rules print names only). */
export function redactFindings(findings: Finding[], redact: Redactor): Finding[] {
  return findings.map(f => ({
    ...f,
    message: redact(f.message),
    fix: redact(f.fix),
    file: f.file && redact(f.file),
    evidence: f.evidence && redact(f.evidence)
  }));
}

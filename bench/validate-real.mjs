// validate on real repositories: runs the bundled CLI over whatever of the corpus is present on
// this machine and scores it against the hand classification in bench/validate-corpus.json.
// The corpus lives outside this repository (their code is not ours): see that file for the
// repositories, their pinned commits and how to bring them here. SHIPGATE_CORPUS names the folder
// (default /work/corpus); SHIPGATE_VALIDATE_CLI another bundle to score (e.g. an older build).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './util.mjs';

const corpusDir = process.env.SHIPGATE_CORPUS ?? '/work/corpus';
const cli = process.env.SHIPGATE_VALIDATE_CLI ?? join(repoRoot, 'dist-action', 'cli.js');

/** A classification entry matches a finding by repo, rule, file (exact, or a /regex/) and line (optional). */
function matches(entry, repo, f) {
  if (entry.repo !== repo || entry.rule !== f.rule) return false;
  const file = f.file ?? '';
  if (entry.file === null) {
    if (f.file !== null) return false;
  } else if (entry.file.startsWith('/') && entry.file.endsWith('/')) {
    if (!new RegExp(entry.file.slice(1, -1)).test(file)) return false;
  } else if (entry.file !== file) return false;
  return entry.line === undefined || entry.line === null || entry.line === f.line;
}

export function scoreCorpus() {
  const corpus = JSON.parse(readFileSync(join(repoRoot, 'bench', 'validate-corpus.json'), 'utf8'));
  const perRule = new Map();
  const rule = id =>
    perRule.get(id) ??
    perRule
      .set(id, { findings: 0, errors: 0, trueErrors: 0, falseErrors: 0, debatableErrors: 0, trueKept: 0 })
      .get(id);
  const repos = [];
  const unclassified = [];
  let trueKnown = 0;
  let trueKept = 0;
  for (const entry of corpus.repos) {
    const dir = join(corpusDir, entry.name);
    if (!existsSync(dir)) continue;
    const ran = spawnSync(process.execPath, [cli, 'validate', '--dir', dir, '--json'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
      maxBuffer: 64 * 1024 * 1024
    });
    const findings = JSON.parse(ran.stdout).findings;
    let trueError = false;
    const keptTrue = new Set();
    for (const f of findings) {
      const verdict = corpus.findings.find(c => matches(c, entry.name, f));
      const r = rule(f.rule);
      r.findings++;
      if (!verdict)
        unclassified.push(`${entry.name} ${f.rule} ${f.file}:${f.line} ${f.severity}: ${f.message}`);
      if (verdict?.verdict === 'true') keptTrue.add(verdict);
      if (f.severity !== 'error') continue;
      r.errors++;
      if (verdict?.verdict === 'true') {
        r.trueErrors++;
        trueError = true;
      } else if (verdict?.verdict === 'debatable') r.debatableErrors++;
      else r.falseErrors++;
    }
    // recall: the true findings this repository is known to have (classified true and not of an
    // older rule id), how many are reported
    const known = corpus.findings.filter(c => c.repo === entry.name && c.verdict === 'true' && !c.retired);
    trueKnown += known.length;
    trueKept += known.filter(k => keptTrue.has(k)).length;
    for (const k of known) if (keptTrue.has(k)) rule(k.rule).trueKept++;
    const errors = findings.filter(f => f.severity === 'error').length;
    repos.push({
      repo: entry.repo,
      commit: entry.commit.slice(0, 10),
      exit: ran.status,
      errors,
      warnings: findings.filter(f => f.severity === 'warning').length,
      'true error': trueError ? 'yes' : 'no',
      'exit right': (ran.status === 1) === trueError ? 'yes' : 'NO'
    });
  }
  const rows = [...perRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, r]) => ({
      rule: id,
      findings: r.findings,
      errors: r.errors,
      'true errors': r.trueErrors,
      'false errors': r.falseErrors,
      'debatable errors': r.debatableErrors,
      'precision of errors': r.errors ? `${Math.round((100 * r.trueErrors) / r.errors)}%` : '-',
      'true findings kept': r.trueKept
    }));
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  const trueErrors = rows.reduce((n, r) => n + r['true errors'], 0);
  const summary = {
    repositories: repos.length,
    findings: rows.reduce((n, r) => n + r.findings, 0),
    errors,
    'precision of errors': errors
      ? `${Math.round((100 * trueErrors) / errors)}% (${trueErrors}/${errors})`
      : 'no errors',
    recall: trueKnown ? `${Math.round((100 * trueKept) / trueKnown)}% (${trueKept}/${trueKnown})` : '-',
    'exit codes right': `${repos.filter(r => r['exit right'] === 'yes').length}/${repos.length}`,
    'failing without a true error': repos.filter(r => r.exit === 1 && r['true error'] === 'no').length,
    unclassified: unclassified.length
  };
  return { rows, repos, summary, unclassified };
}

import { ENV_EXAMPLE_FILES } from '../files.js';
import { productionStarts } from '../project.js';
import { lineCount } from '../../util/text.js';
import { RawFinding, Rule } from '../types.js';
import { plural } from '../../util/text.js';

const ENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$/;

export const gitignoreBuildOutput: Rule = {
  id: 'gitignore-build-output',
  title: 'Build output or .env not ignored by git, or tracked',
  severity: 'error',
  why: "A build output that git does not ignore gets committed and shipped, and outlives the build that made it (the first outage's .gitignore had no dist/); a committed .env leaks its secrets to everyone with the repository.",
  fix: 'Add `/dist/` (the build output) and `.env` to .gitignore, and untrack what is already committed with `git rm -r --cached dist .env`.',
  check(repo) {
    const findings: RawFinding[] = [];
    const gitignore = repo.text.get('.gitignore');
    const at =
      gitignore === undefined
        ? { file: null, line: null }
        : { file: '.gitignore', line: lineCount(gitignore) };
    const missing = gitignore === undefined ? 'there is no .gitignore, so' : '.gitignore does not ignore it:';
    const fromSources = productionStarts(repo).find(s => s.sourceRunner);
    for (const out of repo.outputs) {
      const present =
        (out.exists && (out.origin !== 'usual name' || out.jsFiles.length > 0)) || out.tracked.length > 0;
      if (!present && out.origin === 'usual name') continue;
      const evidence = `build output ${out.dir}/ (from ${out.origin})${present ? `, present (${out.exists ? `${out.fileCount} files` : `${out.tracked.length} tracked`})` : ''}`;
      // present and not ignored: the first outage (a stale dist/ next to the sources); declared
      // but absent: it can happen later
      if (!repo.isIgnored(out.dir, true))
        findings.push({
          ...at,
          severity: present ? 'error' : 'warning',
          message: `${out.dir}/ (build output, from ${out.origin}) is not ignored: ${missing} a stale build can be committed and shipped.`,
          fix: `Add a line \`/${out.dir}/\` to .gitignore.`,
          evidence
        });
      // a committed build is deliberate in some repositories (a published action); it breaks a
      // release only when the app runs its sources beside it (stale-build-output says so)
      if (out.tracked.length > 0)
        findings.push({
          file: out.tracked[0],
          line: 1,
          severity: fromSources ? 'error' : 'warning',
          message: `${out.dir}/ is tracked by git (${plural(out.tracked.length, 'file')}, e.g. ${out.tracked[0]}): every checkout ships this build, whatever the sources say.`,
          fix: `git rm -r --cached ${out.dir} and add /${out.dir}/ to .gitignore.`,
          evidence
        });
    }
    const envPresent = repo.files.includes('.env') || repo.secretLike.includes('.env');
    if (!repo.isIgnored('.env', false))
      findings.push({
        ...at,
        severity: envPresent ? 'error' : 'warning',
        message: `.env is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: ${envPresent ? 'the .env in this folder' : 'an .env file created later'} can be committed with its secrets.`,
        fix: 'Add a line `.env` (and `.env.*` with `!.env.example`) to .gitignore.',
        evidence: envPresent
          ? '.env is present'
          : `the repository's ${gitignore === undefined ? 'missing ' : ''}root .gitignore`
      });
    // other env files present and not ignored (.env.production, config/.env.local, ...); env
    // files for tests and development (.env.test, .env.development) hold no release secrets
    const tracked = new Set(repo.gitTracked ?? []);
    const releaseEnvFile = (file: string): boolean =>
      ENV_FILE.test(file) && !ENV_EXAMPLE_FILES.some(e => file.endsWith(e)) && repo.scope.inScope(file);
    const envFiles = [...repo.files.filter(f => f.includes('.env')), ...repo.secretLike];
    for (const file of new Set(envFiles)) {
      if (file === '.env' || !releaseEnvFile(file) || tracked.has(file)) continue;
      if (repo.isIgnored(file, false)) continue;
      findings.push({
        ...at,
        message: `${file} is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: it can be committed with its secrets.`,
        fix: `Add a line \`.env.*\` (with \`!.env.example\`) or \`${file}\` to .gitignore.`,
        evidence: `${file} is present`
      });
    }
    for (const file of repo.gitTracked ?? [])
      if (releaseEnvFile(file))
        findings.push({
          file,
          line: 1,
          message: `${file} is tracked by git: its secrets are in the repository history.`,
          fix: `git rm --cached ${file}, ignore it, and rotate the secrets it held.`,
          evidence: `${file} is tracked by git`
        });
    return findings;
  }
};

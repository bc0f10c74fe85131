import { copySources } from '../docker-helpers.js';
import { SECRET_FILE } from '../files.js';
import { gitignoreMatcher } from '../gitignore.js';
import { basenameOf, posixJoin } from '../../util/text.js';
import { RawFinding, Rule } from '../types.js';
import { serviceImages } from './dockerfile-common.js';

const GLOB_SECRET = /(\.env|\.pem|\.p8|\.p12|\.pfx|\.key|id_rsa|id_ed25519|id_ecdsa)\b/;

export const dockerfileSecrets: Rule = {
  id: 'dockerfile-secrets',
  title: 'Secrets copied into the image',
  severity: 'error',
  why: 'Anything copied into an image stays in its layers: everyone who can pull the image can read a .env, an Apple .p8 key, a .pem or an SSH key, even after a later `RUN rm`.',
  fix: 'Do not COPY key or env files; pass secrets at run time (environment, mounted secrets, `RUN --mount=type=secret`), and list them in .dockerignore.',
  check(repo) {
    const findings: RawFinding[] = [];
    const seen = new Set<string>();
    for (const { image, stages, evidence } of serviceImages(repo)) {
      const context = image.context;
      const dockerignore = gitignoreMatcher(repo.text.get(posixJoin(context, '.dockerignore')) ?? '');
      // key files in the context that a COPY of a folder would take (test keys under fixtures are not secrets)
      const inContext = repo.secretLike
        .filter(p => (context === '' || p.startsWith(`${context}/`)) && repo.scope.inScope(p))
        .map(p => (context === '' ? p : p.slice(context.length + 1)))
        .filter(p => !dockerignore.ignores(p));
      for (const stage of stages)
        for (const instruction of stage.instructions) {
          if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
          const key = `${image.file}:${instruction.line}`;
          if (seen.has(key)) continue;
          for (const source of copySources(instruction)) {
            const named = basenameOf(source.replace(/\/+$/, ''));
            if (SECRET_FILE.test(named) || (/[*?]/.test(named) && GLOB_SECRET.test(named))) {
              seen.add(key);
              findings.push({
                file: image.file,
                line: instruction.line,
                message: `${instruction.keyword} ${source} at line ${instruction.line} puts a secret file into the image layers.`,
                evidence
              });
            } else if (source === '.' || source === './' || source.endsWith('/')) {
              const dir =
                source === '.' || source === './' ? '' : source.replace(/^\.\//, '').replace(/\/+$/, '');
              const leaked = inContext.filter(p => dir === '' || p.startsWith(`${dir}/`));
              if (leaked.length === 0) continue;
              seen.add(key);
              findings.push({
                file: image.file,
                line: instruction.line,
                message: `${instruction.keyword} ${source} at line ${instruction.line} copies ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ` and ${leaked.length - 3} more` : ''} into the image: .dockerignore does not exclude ${leaked.length === 1 ? 'it' : 'them'}.`,
                fix: `Add ${leaked
                  .slice(0, 3)
                  .map(l => basenameOf(l))
                  .join(', ')} (e.g. \`.env*\`, \`*.pem\`, \`*.p8\`) to .dockerignore.`,
                evidence
              });
            }
          }
        }
    }
    return findings;
  }
};

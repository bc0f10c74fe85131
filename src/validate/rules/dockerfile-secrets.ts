import { gitignoreMatcher } from '../gitignore.js';
import { copySources } from '../docker.js';
import { basenameOf, dirnameOf, posixJoin } from '../../util/text.js';
import { RawFinding, Rule } from '../types.js';
import { dockerfiles } from './dockerfile-common.js';

/** Key files and env files that must never be baked into an image. */
export const SECRET_FILE =
  /^(\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?|.*\.(pem|p8|p12|pfx|key)|id_(rsa|dsa|ecdsa|ed25519)(\.\w+)?)$/;

const GLOB_SECRET = /(\.env|\.pem|\.p8|\.p12|\.pfx|\.key|id_rsa|id_ed25519|id_ecdsa)\b/;

export const dockerfileSecrets: Rule = {
  id: 'dockerfile-secrets',
  title: 'Secrets copied into the image',
  severity: 'error',
  why: 'Anything copied into an image stays in its layers: everyone who can pull the image can read a .env, an Apple .p8 key, a .pem or an SSH key, even after a later `RUN rm`.',
  fix: 'Do not COPY key or env files; pass secrets at run time (environment, mounted secrets, `RUN --mount=type=secret`), and list them in .dockerignore.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, parsed } of dockerfiles(repo)) {
      const context = dirnameOf(file);
      const dockerignoreText = repo.text.get(posixJoin(context, '.dockerignore'));
      const dockerignore = gitignoreMatcher(dockerignoreText ?? '');
      const inContext = repo.secretLike
        .filter(p => context === '' || p.startsWith(`${context}/`))
        .map(p => (context === '' ? p : p.slice(context.length + 1)))
        .filter(p => !dockerignore.ignores(p));
      for (const stage of parsed.stages) {
        for (const instruction of stage.instructions) {
          if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
          for (const source of copySources(instruction)) {
            const named = basenameOf(source.replace(/\/+$/, ''));
            if (SECRET_FILE.test(named) || (/[*?]/.test(named) && GLOB_SECRET.test(named))) {
              findings.push({
                file,
                line: instruction.line,
                message: `${instruction.keyword} ${source} at line ${instruction.line} puts a secret file into the image layers.`
              });
            } else if (source === '.' || source === './' || source.endsWith('/')) {
              const dir =
                source === '.' || source === './' ? '' : source.replace(/^\.\//, '').replace(/\/+$/, '');
              const leaked = inContext.filter(p => dir === '' || p.startsWith(`${dir}/`));
              if (leaked.length > 0)
                findings.push({
                  file,
                  line: instruction.line,
                  message: `${instruction.keyword} ${source} at line ${instruction.line} copies ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ` and ${leaked.length - 3} more` : ''} into the image: .dockerignore does not exclude ${leaked.length === 1 ? 'it' : 'them'}.`,
                  fix: `Add ${leaked
                    .slice(0, 3)
                    .map(l => basenameOf(l))
                    .join(', ')} (e.g. \`.env*\`, \`*.pem\`, \`*.p8\`) to .dockerignore.`
                });
            }
          }
        }
      }
    }
    return findings;
  }
};

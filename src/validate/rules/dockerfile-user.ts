import { finalStageChain } from '../docker.js';
import { RawFinding, Rule } from '../types.js';
import { dockerfiles } from './dockerfile-common.js';

export const dockerfileUser: Rule = {
  id: 'dockerfile-user',
  title: 'The image runs as root',
  severity: 'warning',
  why: 'A process that runs as root turns any remote code execution into full control of the container and what it mounts.',
  fix: 'Add `USER node` (or another unprivileged user) in the final stage, after the files are copied with --chown.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, parsed } of dockerfiles(repo)) {
      const chain = finalStageChain(parsed);
      const finalStage = chain[0];
      if (!finalStage || finalStage.image.toLowerCase() === 'scratch') continue;
      // the last USER of the final stage, else of the stage it is built from
      const user = chain
        .map(s => [...s.instructions].reverse().find(i => i.keyword === 'USER'))
        .find(Boolean);
      if (!user) {
        findings.push({
          file,
          line: finalStage.line,
          message: `The final stage (FROM ${finalStage.image}, line ${finalStage.line}) has no USER: the app runs as root.`
        });
      } else if (/^(root|0)(:.*)?$/.test(user.args[0] ?? '')) {
        findings.push({
          file,
          line: user.line,
          message: `USER ${user.args[0]} at line ${user.line}: the app runs as root.`
        });
      }
    }
    return findings;
  }
};

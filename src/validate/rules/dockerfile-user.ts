import { RawFinding, Rule } from '../types.js';
import { lastInstruction, serviceImages } from './dockerfile-common.js';

export const dockerfileUser: Rule = {
  id: 'dockerfile-user',
  title: 'The image runs as root',
  severity: 'warning',
  why: 'A process that runs as root turns any remote code execution into full control of the container and what it mounts.',
  fix: 'Add `USER node` (or another unprivileged user) in the final stage, after the files are copied with --chown.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { image, chain, evidence } of serviceImages(repo)) {
      const finalStage = chain[0];
      if (finalStage.image.toLowerCase() === 'scratch') continue;
      const user = lastInstruction(chain, 'USER');
      const stageName = `${image.target ? `stage ${image.target}` : 'the final stage'} (FROM ${finalStage.image}, line ${finalStage.line})`;
      if (!user)
        findings.push({
          file: image.file,
          line: finalStage.line,
          message: `${stageName[0].toUpperCase()}${stageName.slice(1)} has no USER: the app runs as root.`,
          evidence
        });
      else if (/^(root|0)(:.*)?$/.test(user.args[0] ?? ''))
        findings.push({
          file: image.file,
          line: user.line,
          message: `USER ${user.args[0]} at line ${user.line}: the app runs as root.`,
          evidence
        });
    }
    return findings;
  }
};

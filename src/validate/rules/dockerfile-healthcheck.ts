import { RawFinding, Rule } from '../types.js';
import { lastInstruction, serviceImages } from './dockerfile-common.js';

export const dockerfileHealthcheck: Rule = {
  id: 'dockerfile-healthcheck',
  title: 'The image has no HEALTHCHECK',
  severity: 'warning',
  why: 'Without a health check a container that stopped serving stays "running"; the second outage flapped for hours behind a load balancer.',
  fix: 'Add `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD wget -qO- http://127.0.0.1:PORT/health || exit 1` to the final stage.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { image, chain, evidence } of serviceImages(repo)) {
      const finalStage = chain[0];
      if (finalStage.image.toLowerCase() === 'scratch') continue;
      const check = lastInstruction(chain, 'HEALTHCHECK');
      const stageName = `${image.target ? `stage ${image.target}` : 'the final stage'} (FROM ${finalStage.image}, line ${finalStage.line})`;
      if (!check)
        findings.push({
          file: image.file,
          line: finalStage.line,
          message: `${stageName[0].toUpperCase()}${stageName.slice(1)} has no HEALTHCHECK: a container that stopped serving still counts as running.`,
          evidence
        });
      else if ((check.args[0] ?? '').toUpperCase() === 'NONE')
        findings.push({
          file: image.file,
          line: check.line,
          message: `HEALTHCHECK NONE at line ${check.line} turns the health check off.`,
          evidence
        });
    }
    return findings;
  }
};

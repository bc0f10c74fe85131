import { finalStageChain } from '../docker.js';
import { RawFinding, Rule } from '../types.js';
import { dockerfiles } from './dockerfile-common.js';

export const dockerfileHealthcheck: Rule = {
  id: 'dockerfile-healthcheck',
  title: 'The image has no HEALTHCHECK',
  severity: 'warning',
  why: 'Without a health check a container that stopped serving stays "running"; the second outage flapped for hours behind a load balancer.',
  fix: 'Add `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD wget -qO- http://127.0.0.1:PORT/health || exit 1` to the final stage.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, parsed } of dockerfiles(repo)) {
      const chain = finalStageChain(parsed);
      const finalStage = chain[0];
      if (!finalStage || finalStage.image.toLowerCase() === 'scratch') continue;
      const check = chain
        .map(s => [...s.instructions].reverse().find(i => i.keyword === 'HEALTHCHECK'))
        .find(Boolean);
      if (!check)
        findings.push({
          file,
          line: finalStage.line,
          message: `The final stage (FROM ${finalStage.image}, line ${finalStage.line}) has no HEALTHCHECK: a container that stopped serving still counts as running.`
        });
      else if ((check.args[0] ?? '').toUpperCase() === 'NONE')
        findings.push({
          file,
          line: check.line,
          message: `HEALTHCHECK NONE at line ${check.line} turns the health check off.`
        });
    }
    return findings;
  }
};

import { expandArgs } from '../docker.js';
import { RawFinding, Rule } from '../types.js';
import { dockerfiles } from './dockerfile-common.js';

export const dockerfileBasePin: Rule = {
  id: 'dockerfile-base-pin',
  title: 'Base image not pinned (latest or no tag)',
  severity: 'warning',
  why: 'An unpinned base image changes under you: the same commit builds a different image tomorrow, and a rollback does not bring the old one back.',
  fix: 'Pin the base image to a version tag (node:20.18-alpine), or better to a digest (node:20.18-alpine@sha256:...).',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, parsed } of dockerfiles(repo)) {
      const stageNames = new Set<string>();
      for (const stage of parsed.stages) {
        const image = expandArgs(stage.image, parsed.globalArgs);
        const isStage = stageNames.has(stage.image.toLowerCase());
        if (stage.name) stageNames.add(stage.name);
        if (isStage || image === null || image === 'scratch' || stage.digest) continue;
        if (image.includes('@sha256:')) continue;
        const lastSegment = image.slice(image.lastIndexOf('/') + 1);
        const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : null;
        if (tag === null || tag === 'latest')
          findings.push({
            file,
            line: stage.line,
            message: `FROM ${image} ${tag === null ? 'has no tag (it means latest)' : 'uses latest'}: the base image changes between builds.`,
            fix: `Pin it, e.g. FROM ${image.replace(/:latest$/, '')}:<version>${stage.name ? ` AS ${stage.name}` : ''}, or by digest.`
          });
      }
    }
    return findings;
  }
};

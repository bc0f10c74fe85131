import type { ParsedDockerfile } from '../docker.js';
import { expandArgs } from '../docker-helpers.js';
import { RawFinding, Rule } from '../types.js';
import { serviceStages } from './dockerfile-common.js';

/** Release codenames name one major release of a distribution: as pinned as `node:20`. */
const CODENAME =
  /^(bookworm|bullseye|buster|stretch|trixie|jammy|focal|noble|bionic|xenial|alpine3\.\d+)(-slim)?$/;
const FLOATING_WORD =
  /(^|[-_.])(latest|lts|current|stable|edge|nightly|rolling|mainline|master|main)([-_.]|$)/i;

/** Why a tag floats (moves to new versions), or null when it names a version. */
export function floatingTag(tag: string | null): string | null {
  if (tag === null) return 'has no tag (it means latest)';
  if (tag === 'latest') return 'uses latest';
  const word = FLOATING_WORD.exec(tag);
  if (word) return `uses the floating tag ${tag} (${word[2]} moves)`;
  if (!/\d/.test(tag) && !CODENAME.test(tag)) return `uses the floating tag ${tag} (no version in it)`;
  return null;
}

export const dockerfileBasePin: Rule = {
  id: 'dockerfile-base-pin',
  title: 'Base image not pinned (latest, a floating tag, or no tag)',
  severity: 'warning',
  why: 'An unpinned base image changes under you: the same commit builds a different image tomorrow, and a rollback does not bring the old one back.',
  fix: 'Pin the base image to a version tag (node:20.18-alpine), or better to a digest (node:20.18-alpine@sha256:...).',
  check(repo) {
    const findings: RawFinding[] = [];
    const stageNames = new Map<ParsedDockerfile, Set<string>>();
    for (const { file, stage, image } of serviceStages(repo)) {
      let names = stageNames.get(image.parsed);
      if (!names) {
        names = new Set(image.parsed.stages.map(s => s.name).filter((n): n is string => n !== null));
        stageNames.set(image.parsed, names);
      }
      const resolved = expandArgs(stage.image, image.parsed.globalArgs);
      if (names.has(stage.image.toLowerCase()) || resolved === null || resolved === 'scratch' || stage.digest)
        continue;
      if (resolved.includes('@sha256:')) continue;
      const lastSegment = resolved.slice(resolved.lastIndexOf('/') + 1);
      const tag = lastSegment.includes(':') ? lastSegment.slice(lastSegment.indexOf(':') + 1) : null;
      const why = floatingTag(tag);
      if (why)
        findings.push({
          file,
          line: stage.line,
          message: `FROM ${resolved} ${why}: the base image changes between builds.`,
          fix: `Pin it, e.g. FROM ${resolved.replace(/:[^:/]*$/, '')}:<version>${stage.name ? ` AS ${stage.name}` : ''}, or by digest.`,
          evidence: image.evidence
        });
    }
    return findings;
  }
};

import { contributingStages, DeployedImage, stageChain } from '../deployment.js';
import type { DockerInstruction, DockerStage, ParsedDockerfile } from '../docker.js';
import { ParsedRepo } from '../types.js';

export interface ImageUnderCheck {
  image: DeployedImage;
  parsed: ParsedDockerfile;
  /** The target stage, then the stages it is built FROM. */
  chain: DockerStage[];
  /** The chain and every stage it copies from. */
  stages: DockerStage[];
  /** Why this image is a long-running service (null: it is not one). */
  service: string | null;
  /** `<evidence>; target <t>` for findings. */
  evidence: string;
}

/** A command that starts a server (a client or a one-off tool without a port is no service). */
const SERVING_COMMAND =
  /(\bnpm\s+(run\s+)?start|\byarn\s+(run\s+)?start|\bpnpm\s+(run\s+)?start|\bstart:prod\b|\bserve\b|\bserver(\.[cm]?[jt]s)?\b|pm2-runtime|gunicorn|uvicorn|puma|rails\s+s(erver)?\b|\bnginx\b|caddy\s+run|httpd|java\s+.*-jar|next\s+start)/i;
const TEST_COMMAND = /\b(test|tests|jest|vitest|mocha|pytest|go\s+test|e2e|playwright|cypress|lint)\b/i;

/** The last instruction of a keyword in the chain (the target stage first, then its bases). */
export function lastInstruction(chain: DockerStage[], keyword: string): DockerInstruction | undefined {
  return chain.map(s => [...s.instructions].reverse().find(i => i.keyword === keyword)).find(Boolean);
}

function serviceEvidence(image: DeployedImage, chain: DockerStage[]): string | null {
  const command = lastInstruction(chain, 'CMD') ?? lastInstruction(chain, 'ENTRYPOINT');
  if (command && TEST_COMMAND.test(command.args.join(' '))) return null;
  const expose = lastInstruction(chain, 'EXPOSE');
  if (expose) return `EXPOSE ${expose.args.join(' ')} at line ${expose.line}`;
  const health = lastInstruction(chain, 'HEALTHCHECK');
  if (health && (health.args[0] ?? '').toUpperCase() !== 'NONE') return `HEALTHCHECK at line ${health.line}`;
  const port = chain
    .flatMap(s => s.instructions)
    .find(i => i.keyword === 'ENV' && i.args.some(a => /^PORT([= ]|$)/.test(a)));
  if (port) return `ENV PORT at line ${port.line}`;
  if (image.listens) return 'its compose service publishes a port';
  if (command && SERVING_COMMAND.test(command.args.join(' ')))
    return `${command.keyword} ${command.args.join(' ')} at line ${command.line} starts a server`;
  return null;
}

/**
 * The images the repository deploys (Dockerfile and target, by evidence), each parsed once.
 * A Dockerfile built with several targets is checked once per target.
 */
export function deployedImages(repo: ParsedRepo): ImageUnderCheck[] {
  const result: ImageUnderCheck[] = [];
  for (const image of repo.deployment.images) {
    const parsed = repo.parsed.dockerfile(image.file);
    if (!parsed) continue;
    const chain = stageChain(parsed, image.target);
    if (chain.length === 0) continue;
    const service = serviceEvidence(image, chain);
    result.push({
      image,
      parsed,
      chain,
      stages: contributingStages(parsed, image.target),
      service,
      evidence: `${image.evidence}${image.target ? `, target ${image.target}` : ''}${service ? `; a service (${service})` : ''}`
    });
  }
  return result;
}

/** The deployed images that are long-running services (an image with no port, a test or base image is not). */
export function serviceImages(repo: ParsedRepo): ImageUnderCheck[] {
  return deployedImages(repo).filter(i => i.service !== null);
}

/** Each stage of each service image once (a builder stage shared by several targets is one). */
export function serviceStages(
  repo: ParsedRepo
): { file: string; stage: DockerStage; image: ImageUnderCheck }[] {
  const seen = new Set<string>();
  const result: { file: string; stage: DockerStage; image: ImageUnderCheck }[] = [];
  for (const image of serviceImages(repo))
    for (const stage of image.stages) {
      const key = `${image.image.file}:${stage.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      result.push({ file: image.image.file, stage, image });
    }
  return result.sort((a, b) => a.file.localeCompare(b.file) || a.stage.line - b.stage.line);
}

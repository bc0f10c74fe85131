import { DockerfileParser } from 'dockerfile-ast';

export interface DockerInstruction {
  keyword: string;
  /** Arguments as written, flags (`--from=...`) included. */
  args: string[];
  line: number;
}

export interface DockerStage {
  /** Base image as written, e.g. `node:20-alpine`, `builder`, `${BASE}`. */
  image: string;
  imageName: string | null;
  tag: string | null;
  digest: string | null;
  /** `AS name`, lower-cased (Docker stage names are case-insensitive). */
  name: string | null;
  line: number;
  instructions: DockerInstruction[];
}

export interface ParsedDockerfile {
  /** ARG instructions before the first FROM, with their defaults (they may set the base image). */
  globalArgs: Map<string, string>;
  stages: DockerStage[];
}

/** Parses a Dockerfile with dockerfile-ast (the parser behind the Docker language server). */
export function parseDockerfile(text: string): ParsedDockerfile {
  const dockerfile = DockerfileParser.parse(text);
  const globalArgs = new Map<string, string>();
  const stages: DockerStage[] = [];
  for (const instruction of dockerfile.getInstructions()) {
    const keyword = instruction.getKeyword().toUpperCase();
    const line = instruction.getRange().start.line + 1;
    const flagged = instruction as unknown as {
      getFlags?: () => { getName(): string; getValue(): string | null }[];
    };
    const flags = (flagged.getFlags?.() ?? []).map(f => `--${f.getName()}=${f.getValue() ?? ''}`);
    const args = [...flags, ...instruction.getArguments().map(a => a.getValue())];
    if (keyword === 'FROM') {
      const from = instruction as unknown as {
        getImage(): string | null;
        getImageName(): string | null;
        getImageTag(): string | null;
        getImageDigest(): string | null;
        getBuildStage(): string | null;
      };
      stages.push({
        image: from.getImage() ?? args.find(a => !a.startsWith('--')) ?? '',
        imageName: from.getImageName(),
        tag: from.getImageTag(),
        digest: from.getImageDigest(),
        name: from.getBuildStage()?.toLowerCase() ?? null,
        line,
        instructions: []
      });
    } else if (stages.length === 0) {
      if (keyword === 'ARG')
        for (const arg of args) {
          const [name, ...value] = arg.split('=');
          globalArgs.set(name, value.join('=').replace(/^["']|["']$/g, ''));
        }
    } else {
      stages[stages.length - 1].instructions.push({ keyword, args, line });
    }
  }
  return { globalArgs, stages };
}

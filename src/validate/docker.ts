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

/** Substitutes `$X` and `${X}` from the global ARG defaults; null when one has no default. */
export function expandArgs(text: string, args: Map<string, string>): string | null {
  let unresolved = false;
  const lookup = (name: string, fallback?: string): string => {
    const value = args.get(name) || fallback;
    if (!value) unresolved = true;
    return value ?? '';
  };
  const out = text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_m, braced: string | undefined, fallback: string | undefined, bare: string | undefined) =>
      lookup((braced ?? bare) as string, fallback)
  );
  return unresolved ? null : out;
}

/** The stages the final image is built from: the last stage, then its base stages. */
export function finalStageChain(parsed: ParsedDockerfile): DockerStage[] {
  const chain: DockerStage[] = [];
  let stage: DockerStage | undefined = parsed.stages[parsed.stages.length - 1];
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    const base = stage.image.toLowerCase();
    stage = parsed.stages.find(s => s.name === base && s !== stage);
  }
  return chain;
}

/** Source paths of a COPY or ADD (flags and the destination left out); none for COPY --from. */
export function copySources(instruction: DockerInstruction): string[] {
  if (instruction.args.some(a => /^--from=/i.test(a))) return [];
  const plain = instruction.args.filter(a => !a.startsWith('--'));
  return plain.slice(0, -1);
}

import type { DockerInstruction, DockerStage, ParsedDockerfile } from './docker.js';

/** Pure helpers over a parsed Dockerfile (no parser: rules import these, not dockerfile-ast). */

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

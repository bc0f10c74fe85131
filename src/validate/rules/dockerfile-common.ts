import { parseDockerfile, ParsedDockerfile } from '../docker.js';
import { isDockerfilePath } from '../project.js';
import { RepoSnapshot } from '../types.js';

/** Every Dockerfile of the snapshot, parsed once per rule run (parsing is cheap). */
export function dockerfiles(repo: RepoSnapshot): { file: string; parsed: ParsedDockerfile }[] {
  const result: { file: string; parsed: ParsedDockerfile }[] = [];
  for (const [file, text] of repo.text)
    if (isDockerfilePath(file)) {
      const parsed = parseDockerfile(text);
      if (parsed.stages.length > 0) result.push({ file, parsed });
    }
  return result.sort((a, b) => a.file.localeCompare(b.file));
}

import { copySources } from '../docker-helpers.js';
import { RawFinding, Rule } from '../types.js';
import { serviceStages } from './dockerfile-common.js';

const INSTALL =
  /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;|--)|pnpm\s+(install|i)\b|bun\s+install\b|pip3?\s+install\b|poetry\s+install\b|bundle\s+install\b|go\s+mod\s+download\b|composer\s+install\b|cargo\s+fetch\b)/;
/** A global tool install (`npm i -g pnpm`) is not the project's dependencies. */
const GLOBAL =
  /(\s-g\b|\s--global\b|corepack|pip3?\s+install\s+(-U\s+|--upgrade\s+)?(pip|poetry|pipenv|uv)\b)/;

/** The project's dependency install in a RUN line, or null (global tool installs are not). */
export function projectInstall(run: string): string | null {
  for (const part of run.split(/&&|;|\|\|/)) {
    const match = INSTALL.exec(part);
    if (match && !GLOBAL.test(part)) return match[0].trim();
  }
  return null;
}

export const dockerfileLayerOrder: Rule = {
  id: 'dockerfile-layer-order',
  title: 'Sources copied before the dependency install',
  severity: 'warning',
  why: 'With `COPY . .` before `RUN npm ci`, any change to any file invalidates the install layer: every build reinstalls all dependencies (the third incident: 3-5 min builds).',
  fix: 'Copy the dependency manifests first (COPY package.json package-lock.json ./), run the install, then COPY . . for the sources.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, stage, image } of serviceStages(repo)) {
      let installedBefore = false;
      let copyAll: (typeof stage.instructions)[number] | null = null;
      for (const i of stage.instructions) {
        if (
          (i.keyword === 'COPY' || i.keyword === 'ADD') &&
          !copyAll &&
          copySources(i).some(s => s === '.' || s === './')
        )
          copyAll = i;
        if (i.keyword !== 'RUN') continue;
        const install = projectInstall(i.args.join(' '));
        if (!install) continue;
        if (!copyAll) {
          installedBefore = true;
          continue;
        }
        if (!installedBefore)
          findings.push({
            file,
            line: copyAll.line,
            message: `${copyAll.keyword} ${copyAll.args.filter(a => !a.startsWith('--')).join(' ')} at line ${copyAll.line} comes before the dependency install (${install}, line ${i.line}): every source change reinstalls all dependencies.`,
            evidence: image.evidence
          });
        break;
      }
    }
    return findings;
  }
};

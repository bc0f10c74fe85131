import { copySources } from '../docker.js';
import { RawFinding, Rule } from '../types.js';
import { dockerfiles } from './dockerfile-common.js';

const INSTALL =
  /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;|--)|pnpm\s+(install|i)\b|bun\s+install\b|pip3?\s+install\b|poetry\s+install\b|bundle\s+install\b|go\s+mod\s+download\b|composer\s+install\b|cargo\s+fetch\b)/;

export const dockerfileLayerOrder: Rule = {
  id: 'dockerfile-layer-order',
  title: 'Sources copied before the dependency install',
  severity: 'warning',
  why: 'With `COPY . .` before `RUN npm ci`, any change to any file invalidates the install layer: every build reinstalls all dependencies (the third incident: 3-5 min builds).',
  fix: 'Copy the dependency manifests first (COPY package.json package-lock.json ./), run the install, then COPY . . for the sources.',
  check(repo) {
    const findings: RawFinding[] = [];
    for (const { file, parsed } of dockerfiles(repo)) {
      for (const stage of parsed.stages) {
        const copyAll = stage.instructions.find(
          i =>
            (i.keyword === 'COPY' || i.keyword === 'ADD') && copySources(i).some(s => s === '.' || s === './')
        );
        const install = stage.instructions.find(i => i.keyword === 'RUN' && INSTALL.test(i.args.join(' ')));
        if (copyAll && install && copyAll.line < install.line) {
          const command = INSTALL.exec(install.args.join(' '))?.[0].trim() ?? 'install';
          findings.push({
            file,
            line: copyAll.line,
            message: `${copyAll.keyword} ${copyAll.args.filter(a => !a.startsWith('--')).join(' ')} at line ${copyAll.line} comes before the dependency install (${command}, line ${install.line}): every source change reinstalls all dependencies.`
          });
        }
      }
    }
    return findings;
  }
};

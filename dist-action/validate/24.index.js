export const id = 24;
export const ids = [24];
export const modules = {

/***/ 6604:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ bootSmokeMeta)
/* harmony export */ });
/** Described apart from the rule: the rule table must not load the gate (undici) to list it. */
const bootSmokeMeta = {
    id: 'boot-smoke',
    title: 'The artifact does not boot and stay healthy (opt-in: --boot)',
    severity: 'error',
    optIn: true,
    why: 'Static checks cannot see a crash at start; booting the artifact with its production start command and gating it briefly catches the SyntaxError of the first outage before any server does.',
    fix: 'Run the start command locally, read the first error line, and fix it; make sure the health URL answers within the boot timeout.'
};


/***/ }),

/***/ 7024:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  allRules: () => (/* binding */ allRules),
  staticRules: () => (/* binding */ staticRules)
});

// EXTERNAL MODULE: ./lib/validate/rules/boot-smoke-meta.js
var boot_smoke_meta = __webpack_require__(6604);
// EXTERNAL MODULE: ./lib/validate/deployment.js + 1 modules
var deployment = __webpack_require__(234);
// EXTERNAL MODULE: ./lib/validate/project.js
var project = __webpack_require__(9383);
// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(8805);
;// CONCATENATED MODULE: ./lib/validate/rules/deploy-script-drift.js



const DEPLOY_TARGET = /deploy|release|ship|^up$/i;
/** Commands that run elsewhere: over SSH, in a container, in a pod. */
const ELSEWHERE = /\bssh\s|\b(docker|podman|kubectl)\b[^|;&]*\b(exec|run)\b|\bcompose\b[^|;&]*\b(exec|run)\b/;
/** Follows `cd` through a script: a literal folder moves the base, anything else loses it. */
function withDirectory(lines, start) {
    let cwd = start;
    return lines.map(l => {
        const here = cwd;
        for (const cd of l.text.matchAll(/(?:^|[;&|(]\s*)cd\s+([^\s;&|)]+)?/g)) {
            const target = cd[1];
            if (!target || /[$`~]/.test(target) || target.startsWith('/') || cwd === null)
                cwd = null;
            else
                cwd = (0,util_text/* normaliseRelative */.Z8)((0,util_text/* posixJoin */.iO)(cwd, target));
        }
        return { ...l, cwd: here };
    });
}
/** The lines a deploy runs on the host: deploy scripts, Makefile deploy targets, package.json deploy scripts, deploy jobs. */
function deployScriptLines(repo) {
    const lines = [];
    for (const [file, evidence] of repo.deployment.deployScripts) {
        const text = repo.text.get(file) ?? '';
        const makefile = !/\.(sh|bash)$/.test((0,util_text/* basenameOf */.Sv)(file));
        let target = '';
        const raw = makefile
            ? text.split('\n').flatMap((l, i) => {
                const t = /^([\w.-]+)\s*:(?!=)/.exec(l);
                if (t)
                    target = t[1];
                return l.startsWith('\t') && DEPLOY_TARGET.test(target) ? [{ text: l, line: i + 1, target }] : [];
            })
            : (0,deployment/* logicalLines */.Nj)(text).map(l => ({ ...l, target: '' }));
        for (const l of withDirectory(raw.filter(r => !/^\s*#/.test(r.text)), ''))
            lines.push({
                file,
                line: l.line,
                text: l.text,
                where: makefile ? `make ${raw.find(r => r.line === l.line).target}` : file,
                evidence: makefile ? `${file}: a deploy target` : evidence,
                cwd: l.cwd
            });
    }
    const pkg = (0,project/* packageInfo */.z2)(repo);
    if (pkg)
        for (const [name, script] of Object.entries(pkg.scripts)) {
            if (!/deploy|release|ship/i.test(name) || /^(pre|post)?build/.test(name))
                continue;
            for (const l of withDirectory([{ text: script, line: (0,project/* jsonKeyLine */.Wm)(pkg.text, name) }], ''))
                lines.push({
                    file: pkg.file,
                    line: l.line,
                    text: l.text,
                    where: `npm run ${name}`,
                    evidence: `package.json script '${name}'`,
                    cwd: l.cwd
                });
        }
    for (const { file, job } of repo.deployment.deployJobs)
        for (const step of job.steps) {
            if (!step.run)
                continue;
            const start = step.workingDirectory && !/\$/.test(step.workingDirectory)
                ? (0,util_text/* normaliseRelative */.Z8)(step.workingDirectory)
                : step.workingDirectory
                    ? null
                    : '';
            for (const l of withDirectory((0,deployment/* logicalLines */.Nj)(step.run, step.runLines[0] ?? step.line), start))
                lines.push({
                    file,
                    line: l.line,
                    text: l.text,
                    where: `job '${job.id}'`,
                    evidence: `job '${job.id}' of ${file} deploys`,
                    cwd: l.cwd
                });
        }
    return lines;
}
const deployScriptDrift = {
    id: 'deploy-script-drift',
    title: 'Deploy scripts that build or start something other than what the process manager runs',
    severity: 'error',
    why: 'In the first outage the process config had moved to `tsx src/server.ts` while the deploy script still ran `npm run build`: the build wrote a dist/ that nothing should run, and it was loaded anyway.',
    fix: 'Make the deploy script do what the process config runs: no build step when the app runs its sources; start the file the build produces when it runs the build.',
    check(repo) {
        const findings = [];
        const starts = (0,project/* productionStarts */.T6)(repo);
        const fromSources = starts.find(s => s.sourceRunner);
        for (const l of deployScriptLines(repo)) {
            const build = (0,project/* buildCommandIn */.BR)(l.text);
            if (build && fromSources) {
                findings.push({
                    file: l.file,
                    line: l.line,
                    message: `${l.where} runs \`${build}\`, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner} (${fromSources.file}:${fromSources.line}): the build output is never meant to run and goes stale.`,
                    fix: `Remove \`${build}\` from the deploy (and delete the build output), or change ${fromSources.label} to run the built file.`,
                    evidence: `${l.evidence}; production start: ${fromSources.evidence}`
                });
                continue;
            }
            // a started file is checked only where its path can be traced: from a known folder, not
            // a file the build writes somewhere shipgate cannot follow, not a gitignored (generated) one
            const named = (0,project/* startedFileIn */.zI)(l.text);
            // a path run on another machine or inside a container is not the repository's
            if (!named || l.cwd === null || ELSEWHERE.test(l.text))
                continue;
            const started = (0,util_text/* normaliseRelative */.Z8)((0,util_text/* posixJoin */.iO)(l.cwd, named));
            if (!started || repo.text.has(started) || repo.fileSet.has(started))
                continue;
            const output = repo.outputs.find(o => (0,project/* isUnder */.Jo)(started, o.dir));
            // a gitignored file outside the known build outputs is generated by something else
            if (!output && repo.isIgnored(started, false))
                continue;
            if (output && (0,project/* sourceFor */.nm)(repo, started, output.dir)) {
                if (fromSources)
                    findings.push({
                        file: l.file,
                        line: l.line,
                        message: `${l.where} starts ${started}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: two different programs depending on who starts it.`,
                        fix: 'Start the app one way only: through the process config.',
                        evidence: `${l.evidence}; production start: ${fromSources.evidence}`
                    });
                continue;
            }
            if (output && (0,project/* hasBuildScript */.e9)(repo))
                continue;
            findings.push({
                file: l.file,
                line: l.line,
                message: `${l.where} starts ${started}, which neither the repository contains nor the build produces.`,
                fix: `Start the file the build writes (check tsconfig outDir and rootDir), or fix the path.`,
                evidence: l.evidence
            });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/docker-helpers.js
/** Pure helpers over a parsed Dockerfile (no parser: rules import these, not dockerfile-ast). */
/** Substitutes `$X` and `${X}` from the global ARG defaults; null when one has no default. */
function expandArgs(text, args) {
    let unresolved = false;
    const lookup = (name, fallback) => {
        const value = args.get(name) || fallback;
        if (!value)
            unresolved = true;
        return value ?? '';
    };
    const out = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, braced, fallback, bare) => lookup((braced ?? bare), fallback));
    return unresolved ? null : out;
}
/** The stages the final image is built from: the last stage, then its base stages. */
function finalStageChain(parsed) {
    const chain = [];
    let stage = parsed.stages[parsed.stages.length - 1];
    while (stage && !chain.includes(stage)) {
        chain.push(stage);
        const base = stage.image.toLowerCase();
        stage = parsed.stages.find(s => s.name === base && s !== stage);
    }
    return chain;
}
/** Source paths of a COPY or ADD (flags and the destination left out); none for COPY --from. */
function copySources(instruction) {
    if (instruction.args.some(a => /^--from=/i.test(a)))
        return [];
    const plain = instruction.args.filter(a => !a.startsWith('--'));
    return plain.slice(0, -1);
}

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-common.js

/** A command that starts a server (a client or a one-off tool without a port is no service). */
const SERVING_COMMAND = /(\bnpm\s+(run\s+)?start|\byarn\s+(run\s+)?start|\bpnpm\s+(run\s+)?start|\bstart:prod\b|\bserve\b|\bserver(\.[cm]?[jt]s)?\b|pm2-runtime|gunicorn|uvicorn|puma|rails\s+s(erver)?\b|\bnginx\b|caddy\s+run|httpd|java\s+.*-jar|next\s+start)/i;
const TEST_COMMAND = /\b(test|tests|jest|vitest|mocha|pytest|go\s+test|e2e|playwright|cypress|lint)\b/i;
/** The last instruction of a keyword in the chain (the target stage first, then its bases). */
function lastInstruction(chain, keyword) {
    return chain.map(s => [...s.instructions].reverse().find(i => i.keyword === keyword)).find(Boolean);
}
function serviceEvidence(image, chain) {
    const command = lastInstruction(chain, 'CMD') ?? lastInstruction(chain, 'ENTRYPOINT');
    if (command && TEST_COMMAND.test(command.args.join(' ')))
        return null;
    const expose = lastInstruction(chain, 'EXPOSE');
    if (expose)
        return `EXPOSE ${expose.args.join(' ')} at line ${expose.line}`;
    const health = lastInstruction(chain, 'HEALTHCHECK');
    if (health && (health.args[0] ?? '').toUpperCase() !== 'NONE')
        return `HEALTHCHECK at line ${health.line}`;
    const port = chain
        .flatMap(s => s.instructions)
        .find(i => i.keyword === 'ENV' && i.args.some(a => /^PORT([= ]|$)/.test(a)));
    if (port)
        return `ENV PORT at line ${port.line}`;
    if (image.listens)
        return 'its compose service publishes a port';
    if (command && SERVING_COMMAND.test(command.args.join(' ')))
        return `${command.keyword} ${command.args.join(' ')} at line ${command.line} starts a server`;
    return null;
}
/**
 * The images the repository deploys (Dockerfile and target, by evidence), each parsed once.
 * A Dockerfile built with several targets is checked once per target.
 */
function deployedImages(repo) {
    const result = [];
    for (const image of repo.deployment.images) {
        const parsed = repo.parsed.dockerfile(image.file);
        if (!parsed)
            continue;
        const chain = (0,deployment/* stageChain */.ap)(parsed, image.target);
        if (chain.length === 0)
            continue;
        const service = serviceEvidence(image, chain);
        result.push({
            image,
            parsed,
            chain,
            stages: (0,deployment/* contributingStages */.E8)(parsed, image.target),
            service,
            evidence: `${image.evidence}${image.target ? `, target ${image.target}` : ''}${service ? `; a service (${service})` : ''}`
        });
    }
    return result;
}
/** The deployed images that are long-running services (an image with no port, a test or base image is not). */
function serviceImages(repo) {
    return deployedImages(repo).filter(i => i.service !== null);
}
/** Each stage of each service image once (a builder stage shared by several targets is one). */
function serviceStages(repo) {
    const seen = new Set();
    const result = [];
    for (const image of serviceImages(repo))
        for (const stage of image.stages) {
            const key = `${image.image.file}:${stage.line}`;
            if (seen.has(key))
                continue;
            seen.add(key);
            result.push({ file: image.image.file, stage, image });
        }
    return result.sort((a, b) => a.file.localeCompare(b.file) || a.stage.line - b.stage.line);
}

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-base-pin.js


/** Release codenames name one major release of a distribution: as pinned as `node:20`. */
const CODENAME = /^(bookworm|bullseye|buster|stretch|trixie|jammy|focal|noble|bionic|xenial|alpine3\.\d+)(-slim)?$/;
const FLOATING_WORD = /(^|[-_.])(latest|lts|current|stable|edge|nightly|rolling|mainline|master|main)([-_.]|$)/i;
/** Why a tag floats (moves to new versions), or null when it names a version. */
function floatingTag(tag) {
    if (tag === null)
        return 'has no tag (it means latest)';
    if (tag === 'latest')
        return 'uses latest';
    const word = FLOATING_WORD.exec(tag);
    if (word)
        return `uses the floating tag ${tag} (${word[2]} moves)`;
    if (!/\d/.test(tag) && !CODENAME.test(tag))
        return `uses the floating tag ${tag} (no version in it)`;
    return null;
}
const dockerfileBasePin = {
    id: 'dockerfile-base-pin',
    title: 'Base image not pinned (latest, a floating tag, or no tag)',
    severity: 'warning',
    why: 'An unpinned base image changes under you: the same commit builds a different image tomorrow, and a rollback does not bring the old one back.',
    fix: 'Pin the base image to a version tag (node:20.18-alpine), or better to a digest (node:20.18-alpine@sha256:...).',
    check(repo) {
        const findings = [];
        const stageNames = new Map();
        for (const { file, stage, image } of serviceStages(repo)) {
            let names = stageNames.get(image.parsed);
            if (!names) {
                names = new Set(image.parsed.stages.map(s => s.name).filter((n) => n !== null));
                stageNames.set(image.parsed, names);
            }
            const resolved = expandArgs(stage.image, image.parsed.globalArgs);
            if (names.has(stage.image.toLowerCase()) || resolved === null || resolved === 'scratch' || stage.digest)
                continue;
            if (resolved.includes('@sha256:'))
                continue;
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

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-healthcheck.js

const dockerfileHealthcheck = {
    id: 'dockerfile-healthcheck',
    title: 'The image has no HEALTHCHECK',
    severity: 'warning',
    why: 'Without a health check a container that stopped serving stays "running"; the second outage flapped for hours behind a load balancer.',
    fix: 'Add `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD wget -qO- http://127.0.0.1:PORT/health || exit 1` to the final stage.',
    check(repo) {
        const findings = [];
        for (const { image, chain, evidence } of serviceImages(repo)) {
            const finalStage = chain[0];
            if (finalStage.image.toLowerCase() === 'scratch')
                continue;
            const check = lastInstruction(chain, 'HEALTHCHECK');
            const stageName = `${image.target ? `stage ${image.target}` : 'the final stage'} (FROM ${finalStage.image}, line ${finalStage.line})`;
            if (!check)
                findings.push({
                    file: image.file,
                    line: finalStage.line,
                    message: `${stageName[0].toUpperCase()}${stageName.slice(1)} has no HEALTHCHECK: a container that stopped serving still counts as running.`,
                    evidence
                });
            else if ((check.args[0] ?? '').toUpperCase() === 'NONE')
                findings.push({
                    file: image.file,
                    line: check.line,
                    message: `HEALTHCHECK NONE at line ${check.line} turns the health check off.`,
                    evidence
                });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-layer-order.js


const INSTALL = /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;|--)|pnpm\s+(install|i)\b|bun\s+install\b|pip3?\s+install\b|poetry\s+install\b|bundle\s+install\b|go\s+mod\s+download\b|composer\s+install\b|cargo\s+fetch\b)/;
/** A global tool install (`npm i -g pnpm`) is not the project's dependencies. */
const GLOBAL = /(\s-g\b|\s--global\b|corepack|pip3?\s+install\s+(-U\s+|--upgrade\s+)?(pip|poetry|pipenv|uv)\b)/;
/** The project's dependency install in a RUN line, or null (global tool installs are not). */
function projectInstall(run) {
    for (const part of run.split(/&&|;|\|\|/)) {
        const match = INSTALL.exec(part);
        if (match && !GLOBAL.test(part))
            return match[0].trim();
    }
    return null;
}
const dockerfileLayerOrder = {
    id: 'dockerfile-layer-order',
    title: 'Sources copied before the dependency install',
    severity: 'warning',
    why: 'With `COPY . .` before `RUN npm ci`, any change to any file invalidates the install layer: every build reinstalls all dependencies (the third incident: 3-5 min builds).',
    fix: 'Copy the dependency manifests first (COPY package.json package-lock.json ./), run the install, then COPY . . for the sources.',
    check(repo) {
        const findings = [];
        for (const { file, stage, image } of serviceStages(repo)) {
            let installedBefore = false;
            let copyAll = null;
            for (const i of stage.instructions) {
                if ((i.keyword === 'COPY' || i.keyword === 'ADD') &&
                    !copyAll &&
                    copySources(i).some(s => s === '.' || s === './'))
                    copyAll = i;
                if (i.keyword !== 'RUN')
                    continue;
                const install = projectInstall(i.args.join(' '));
                if (!install)
                    continue;
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

// EXTERNAL MODULE: ./lib/validate/files.js
var files = __webpack_require__(9717);
// EXTERNAL MODULE: ./lib/validate/gitignore.js
var gitignore = __webpack_require__(8940);
;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-secrets.js





const GLOB_SECRET = /(\.env|\.pem|\.p8|\.p12|\.pfx|\.key|id_rsa|id_ed25519|id_ecdsa)\b/;
const dockerfileSecrets = {
    id: 'dockerfile-secrets',
    title: 'Secrets copied into the image',
    severity: 'error',
    why: 'Anything copied into an image stays in its layers: everyone who can pull the image can read a .env, an Apple .p8 key, a .pem or an SSH key, even after a later `RUN rm`.',
    fix: 'Do not COPY key or env files; pass secrets at run time (environment, mounted secrets, `RUN --mount=type=secret`), and list them in .dockerignore.',
    check(repo) {
        const findings = [];
        const seen = new Set();
        for (const { image, stages, evidence } of serviceImages(repo)) {
            const context = image.context;
            const dockerignore = (0,gitignore/* gitignoreMatcher */.o)(repo.text.get((0,util_text/* posixJoin */.iO)(context, '.dockerignore')) ?? '');
            // key files in the context that a COPY of a folder would take (test keys under fixtures are not secrets)
            const inContext = repo.secretLike
                .filter(p => (context === '' || p.startsWith(`${context}/`)) && repo.scope.inScope(p))
                .map(p => (context === '' ? p : p.slice(context.length + 1)))
                .filter(p => !dockerignore.ignores(p));
            for (const stage of stages)
                for (const instruction of stage.instructions) {
                    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD')
                        continue;
                    const key = `${image.file}:${instruction.line}`;
                    if (seen.has(key))
                        continue;
                    for (const source of copySources(instruction)) {
                        const named = (0,util_text/* basenameOf */.Sv)(source.replace(/\/+$/, ''));
                        if (files/* SECRET_FILE */.Yt.test(named) || (/[*?]/.test(named) && GLOB_SECRET.test(named))) {
                            seen.add(key);
                            findings.push({
                                file: image.file,
                                line: instruction.line,
                                message: `${instruction.keyword} ${source} at line ${instruction.line} puts a secret file into the image layers.`,
                                evidence
                            });
                        }
                        else if (source === '.' || source === './' || source.endsWith('/')) {
                            const dir = source === '.' || source === './' ? '' : source.replace(/^\.\//, '').replace(/\/+$/, '');
                            const leaked = inContext.filter(p => dir === '' || p.startsWith(`${dir}/`));
                            if (leaked.length === 0)
                                continue;
                            seen.add(key);
                            findings.push({
                                file: image.file,
                                line: instruction.line,
                                message: `${instruction.keyword} ${source} at line ${instruction.line} copies ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ` and ${leaked.length - 3} more` : ''} into the image: .dockerignore does not exclude ${leaked.length === 1 ? 'it' : 'them'}.`,
                                fix: `Add ${leaked
                                    .slice(0, 3)
                                    .map(l => (0,util_text/* basenameOf */.Sv)(l))
                                    .join(', ')} (e.g. \`.env*\`, \`*.pem\`, \`*.p8\`) to .dockerignore.`,
                                evidence
                            });
                        }
                    }
                }
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-user.js

const dockerfileUser = {
    id: 'dockerfile-user',
    title: 'The image runs as root',
    severity: 'warning',
    why: 'A process that runs as root turns any remote code execution into full control of the container and what it mounts.',
    fix: 'Add `USER node` (or another unprivileged user) in the final stage, after the files are copied with --chown.',
    check(repo) {
        const findings = [];
        for (const { image, chain, evidence } of serviceImages(repo)) {
            const finalStage = chain[0];
            if (finalStage.image.toLowerCase() === 'scratch')
                continue;
            const user = lastInstruction(chain, 'USER');
            const stageName = `${image.target ? `stage ${image.target}` : 'the final stage'} (FROM ${finalStage.image}, line ${finalStage.line})`;
            if (!user)
                findings.push({
                    file: image.file,
                    line: finalStage.line,
                    message: `${stageName[0].toUpperCase()}${stageName.slice(1)} has no USER: the app runs as root.`,
                    evidence
                });
            else if (/^(root|0)(:.*)?$/.test(user.args[0] ?? ''))
                findings.push({
                    file: image.file,
                    line: user.line,
                    message: `USER ${user.args[0]} at line ${user.line}: the app runs as root.`,
                    evidence
                });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/ecs-task-definition.js
/** The containers of each deployed task definition, with the evidence for the finding. */
function containers(repo) {
    return repo.deployment.taskDefinitions.flatMap(task => task.definition.containers.map(container => ({
        task,
        container,
        evidence: `${task.file}: ${task.evidence}`
    })));
}
const ecsHealthCheckStartPeriod = {
    id: 'ecs-health-check-start-period',
    title: 'An ECS container health check without startPeriod',
    severity: 'warning',
    why: 'Without startPeriod, health check failures count from the first second: a container that takes longer to boot than interval x retries is killed and replaced in a loop, and the service never becomes stable.',
    fix: 'Set healthCheck.startPeriod (in seconds, up to 300) to longer than the app takes to start, e.g. 60.',
    check(repo) {
        const findings = [];
        for (const { task, container, evidence } of containers(repo))
            if (container.healthCheck && container.healthCheck.startPeriod === null)
                findings.push({
                    file: task.file,
                    line: container.healthCheck.line,
                    message: `Container '${container.name}' has a healthCheck without startPeriod: failed checks count from the first second, and a slow start is killed.`,
                    evidence
                });
        return findings;
    }
};
const ecsLogConfiguration = {
    id: 'ecs-log-configuration',
    title: 'An essential ECS container without a log configuration',
    severity: 'warning',
    why: 'A container without logConfiguration leaves no logs when it dies: the second outage had to guess between missing env vars, a database route and a panic at start.',
    fix: 'Add a logConfiguration with the awslogs driver (awslogs-group, awslogs-region, awslogs-stream-prefix) to the container.',
    check(repo) {
        const findings = [];
        for (const { task, container, evidence } of containers(repo))
            if (container.essential && !container.logConfiguration)
                findings.push({
                    file: task.file,
                    line: container.line,
                    message: `Essential container '${container.name}' has no logConfiguration: when it crashes, there is no log to tell why.`,
                    evidence
                });
        return findings;
    }
};
const PLACEHOLDER_IMAGE = /<|>|\$\{|\{\{|%|^[A-Z_]+$|PLACEHOLDER|REPLACE|IMAGE/;
const ecsImagePinned = {
    id: 'ecs-image-pinned',
    title: 'An ECS container image that is :latest or untagged',
    severity: 'warning',
    why: 'A task definition that names `:latest` (or no tag) does not say what it runs: a new task, a scale-out or a rollback to this revision pulls whatever latest is then, not the release that passed its gate.',
    fix: 'Reference the image by an immutable tag (the commit SHA or release id) or digest, or let the deploy fill it in (amazon-ecs-render-task-definition, shipgate deploy --image).',
    check(repo) {
        const findings = [];
        for (const { task, container, evidence } of containers(repo)) {
            const image = container.image;
            if (!image ||
                task.renderedContainers.has(container.name) ||
                PLACEHOLDER_IMAGE.test(image) ||
                image.includes('@sha256:'))
                continue;
            const last = image.slice(image.lastIndexOf('/') + 1);
            const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : null;
            if (tag === null || tag === 'latest')
                findings.push({
                    file: task.file,
                    line: container.imageLine,
                    message: `Container '${container.name}' runs ${image}${tag === null ? ' (no tag: latest)' : ''}: a rollback to this revision would not bring back the image that was deployed.`,
                    evidence
                });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/env-contract.js



const PLACEHOLDER = /^(changeme|change[-_ .]?me|change[-_ .]?this|xxx+|x{3,}|todo|tbd|fixme|placeholder|replace[-_ .]?me|your[-_ ].*|<.*>|\.\.\.|\*+|dummy|example|secret|password)$/i;
/** True for the values people leave in env files until someone fills them in. Never printed. */
function isPlaceholder(value) {
    return PLACEHOLDER.test(value.trim());
}
/** `# required` after the value, or alone on the line above the key (case does not matter). */
const MARKER = /#\s*required\b/i;
/** Names declared required in an env example file by the `# required` marker. */
function markedRequired(text) {
    const result = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, i) => {
        const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(raw);
        if (!match)
            return;
        const inline = /(^|\s)#/.test(match[2]) && MARKER.test(match[2]);
        const above = i > 0 && /^\s*#\s*required\b/i.test(lines[i - 1]);
        if (inline || above)
            result.push({ name: match[1], line: i + 1 });
    });
    return result;
}
function requiredVariables(repo) {
    const required = new Map();
    for (const name of repo.requireEnv)
        required.set(name, { name, file: null, line: null, from: '--require-env' });
    const examples = [...repo.text.keys()]
        .filter(f => files/* ENV_EXAMPLE_FILES */.p_.includes((0,util_text/* basenameOf */.Sv)(f)) && repo.scope.inScope(f))
        .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
    for (const file of examples)
        for (const { name, line } of markedRequired(repo.text.get(file) ?? ''))
            if (!required.has(name))
                required.set(name, { name, file, line, from: `marked # required in ${file}:${line}` });
    return [...required.values()];
}
const envContract = {
    id: 'env-contract',
    title: 'Required environment variables missing, empty or placeholders',
    severity: 'error',
    why: 'A release started without its environment crashes 10-30 s after start, after it already answered once (the second outage: DB_HOST, JWT secrets and others missing from the task definition).',
    fix: 'Set every required variable in the production environment (the env file, the task definition, the deploy job); required names come from --require-env and `# required` markers in .env.example.',
    check(repo) {
        const required = requiredVariables(repo);
        if (required.length === 0)
            return [];
        const findings = [];
        const env = repo.env;
        if (env) {
            const source = env.kind === 'file' ? (env.file ?? 'the env file') : 'the environment';
            const inFile = env.kind === 'file' && env.file !== null;
            const evidence = `production env: ${env.kind === 'file' ? `${source} (--env-file)` : 'the environment (--check-environment)'}`;
            for (const r of required) {
                const value = env.values.get(r.name);
                const envLine = env.lines.get(r.name) ?? null;
                if (value === undefined)
                    findings.push({
                        file: r.file ?? (inFile ? env.file : null),
                        line: r.line ?? (inFile ? env.lineCount : null),
                        message: `${r.name} is required (${r.from}) but missing from ${source}.`,
                        fix: `Set ${r.name} in ${source}.`,
                        evidence
                    });
                else if (value.trim() === '')
                    findings.push({
                        file: inFile ? env.file : r.file,
                        line: inFile ? envLine : r.line,
                        // a required variable set to nothing breaks the start as surely as a missing one (a
                        // secret missing from GitHub reaches the job as an empty variable)
                        message: `${r.name} is set but empty in ${source}.`,
                        fix: `Give ${r.name} its real value in ${source}.`,
                        evidence
                    });
                else if (isPlaceholder(value))
                    findings.push({
                        file: inFile ? env.file : r.file,
                        line: inFile ? envLine : r.line,
                        severity: 'warning',
                        message: `${r.name} in ${source} holds a placeholder, not a real value (the value is not shown).`,
                        fix: `Replace the placeholder of ${r.name} with its real value.`,
                        evidence
                    });
            }
        }
        for (const task of repo.deployment.taskDefinitions) {
            const essential = task.definition.containers.filter(c => c.essential);
            const app = essential.filter(c => task.renderedContainers.has(c.name));
            const checked = app.length > 0 ? app : essential;
            if (checked.length === 0)
                continue;
            const names = checked.map(c => `'${c.name}'`).join(', ');
            for (const r of required) {
                if (checked.some(c => c.envNames.has(r.name)))
                    continue;
                const fromFiles = checked.some(c => c.hasEnvironmentFiles);
                findings.push({
                    file: task.file,
                    line: checked[0].line,
                    severity: fromFiles ? 'warning' : undefined,
                    message: `${r.name} is required (${r.from}) but neither environment nor secrets of container ${names} set it${fromFiles ? ' (it may come from its environmentFiles, which the repository does not show)' : ': the task starts without it'}.`,
                    fix: `Add ${r.name} to the container's secrets (valueFrom: a Secrets Manager or SSM parameter ARN) or environment in ${task.file}.`,
                    evidence: `production env: the task definition ${task.file} (${task.evidence})`
                });
            }
        }
        if (!env && repo.deployment.taskDefinitions.length === 0)
            findings.push({
                file: null,
                line: null,
                severity: 'notice',
                message: `${(0,util_text/* plural */.LS)(required.length, 'required variable')} (${required
                    .slice(0, 8)
                    .map(r => r.name)
                    .join(', ')}${required.length > 8 ? ', ...' : ''}) not checked: no production environment was given (a PR check has none).`,
                fix: 'Check them where the production env is: --env-file, --check-environment in the deploy job, or --task-definition.',
                evidence: `required by ${[...new Set(required.map(r => (r.file ? `# required in ${r.file}` : r.from)))].join(', ')}`
            });
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/gitignore-build-output.js




const ENV_FILE = /(^|\/)\.env(\.[\w.-]+)?$/;
const gitignoreBuildOutput = {
    id: 'gitignore-build-output',
    title: 'Build output or .env not ignored by git, or tracked',
    severity: 'error',
    why: "A build output that git does not ignore gets committed and shipped, and outlives the build that made it (the first outage's .gitignore had no dist/); a committed .env leaks its secrets to everyone with the repository.",
    fix: 'Add `/dist/` (the build output) and `.env` to .gitignore, and untrack what is already committed with `git rm -r --cached dist .env`.',
    check(repo) {
        const findings = [];
        const gitignore = repo.text.get('.gitignore');
        const at = gitignore === undefined
            ? { file: null, line: null }
            : { file: '.gitignore', line: (0,util_text/* lineCount */.IC)(gitignore) };
        const missing = gitignore === undefined ? 'there is no .gitignore, so' : '.gitignore does not ignore it:';
        const fromSources = (0,project/* productionStarts */.T6)(repo).find(s => s.sourceRunner);
        for (const out of repo.outputs) {
            const present = (out.exists && (out.origin !== 'usual name' || out.jsFiles.length > 0)) || out.tracked.length > 0;
            if (!present && out.origin === 'usual name')
                continue;
            const evidence = `build output ${out.dir}/ (from ${out.origin})${present ? `, present (${out.exists ? `${out.fileCount} files` : `${out.tracked.length} tracked`})` : ''}`;
            // present and not ignored: the first outage (a stale dist/ next to the sources); declared
            // but absent: it can happen later
            if (!repo.isIgnored(out.dir, true))
                findings.push({
                    ...at,
                    severity: present ? 'error' : 'warning',
                    message: `${out.dir}/ (build output, from ${out.origin}) is not ignored: ${missing} a stale build can be committed and shipped.`,
                    fix: `Add a line \`/${out.dir}/\` to .gitignore.`,
                    evidence
                });
            // a committed build is deliberate in some repositories (a published action); it breaks a
            // release only when the app runs its sources beside it (stale-build-output says so)
            if (out.tracked.length > 0)
                findings.push({
                    file: out.tracked[0],
                    line: 1,
                    severity: fromSources ? 'error' : 'warning',
                    message: `${out.dir}/ is tracked by git (${(0,util_text/* plural */.LS)(out.tracked.length, 'file')}, e.g. ${out.tracked[0]}): every checkout ships this build, whatever the sources say.`,
                    fix: `git rm -r --cached ${out.dir} and add /${out.dir}/ to .gitignore.`,
                    evidence
                });
        }
        const envPresent = repo.files.includes('.env') || repo.secretLike.includes('.env');
        if (!repo.isIgnored('.env', false))
            findings.push({
                ...at,
                severity: envPresent ? 'error' : 'warning',
                message: `.env is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: ${envPresent ? 'the .env in this folder' : 'an .env file created later'} can be committed with its secrets.`,
                fix: 'Add a line `.env` (and `.env.*` with `!.env.example`) to .gitignore.',
                evidence: envPresent
                    ? '.env is present'
                    : `the repository's ${gitignore === undefined ? 'missing ' : ''}root .gitignore`
            });
        // other env files present and not ignored (.env.production, config/.env.local, ...); env
        // files for tests and development (.env.test, .env.development) hold no release secrets
        const tracked = new Set(repo.gitTracked ?? []);
        const releaseEnvFile = (file) => ENV_FILE.test(file) && !files/* ENV_EXAMPLE_FILES */.p_.some(e => file.endsWith(e)) && repo.scope.inScope(file);
        const envFiles = [...repo.files.filter(f => f.includes('.env')), ...repo.secretLike];
        for (const file of new Set(envFiles)) {
            if (file === '.env' || !releaseEnvFile(file) || tracked.has(file))
                continue;
            if (repo.isIgnored(file, false))
                continue;
            findings.push({
                ...at,
                message: `${file} is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: it can be committed with its secrets.`,
                fix: `Add a line \`.env.*\` (with \`!.env.example\`) or \`${file}\` to .gitignore.`,
                evidence: `${file} is present`
            });
        }
        for (const file of repo.gitTracked ?? [])
            if (releaseEnvFile(file))
                findings.push({
                    file,
                    line: 1,
                    message: `${file} is tracked by git: its secrets are in the repository history.`,
                    fix: `git rm --cached ${file}, ignore it, and rotate the secrets it held.`,
                    evidence: `${file} is tracked by git`
                });
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/module-format-conflict.js

const JS = /\.(js|mjs|cjs)$/;
const moduleFormatConflict = {
    id: 'module-format-conflict',
    title: 'JavaScript that Node will load in the wrong module format',
    severity: 'error',
    why: 'A CommonJS file in an ESM package fails with "require is not defined", and CommonJS code that declares __dirname, __filename or require at module scope fails with "SyntaxError: Identifier \'__dirname\' has already been declared" (the first outage).',
    fix: 'Build the output in the package\'s format (tsconfig "module": "NodeNext"), or mark it with .cjs/.mjs or a package.json "type" in the output folder; remove stale build output the app does not run.',
    check(repo) {
        const files = new Map();
        for (const s of (0,project/* startCommands */.$d)(repo))
            if (s.entry && JS.test(s.entry) && repo.text.has(s.entry))
                files.set(s.entry, `started by ${s.evidence}`);
        for (const out of repo.outputs)
            for (const f of out.jsFiles)
                if (!files.has(f))
                    files.set(f, `build output ${out.dir}/ (from ${out.origin})`);
        const findings = [];
        for (const [file, evidence] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
            const analysis = repo.parsed.module(file);
            if (!analysis)
                continue;
            const runtime = (0,project/* moduleTypeOf */.gB)(repo, file);
            const runsAsCjs = runtime.type === 'commonjs';
            const writtenAsCjs = analysis.syntax === 'cjs' || analysis.syntax === 'mixed';
            if (runsAsCjs || writtenAsCjs) {
                for (const d of analysis.wrapperDeclarations) {
                    if (d.kind === 'var' || d.kind === 'function')
                        continue;
                    findings.push({
                        file,
                        line: d.line,
                        message: `${file} is ${runsAsCjs ? 'loaded as' : 'written as'} CommonJS and declares \`${d.kind} ${d.name}\` at module scope, where the CommonJS wrapper already defines it: SyntaxError: Identifier '${d.name}' has already been declared.`,
                        evidence
                    });
                }
            }
            const why = runtime.pkg ? `${runtime.pkg} has "type": "module"` : 'its .mjs extension';
            if (runtime.type === 'module' && analysis.syntax === 'cjs' && analysis.cjsMarker) {
                findings.push({
                    file,
                    line: analysis.cjsMarker.line,
                    message: `${file} is CommonJS (${analysis.cjsMarker.what} at line ${analysis.cjsMarker.line}) but ${why}, so Node loads it as an ES module: ReferenceError: require/module/exports is not defined in ES module scope.`,
                    evidence
                });
            }
            else if (runsAsCjs &&
                analysis.syntax === 'esm' &&
                analysis.esmMarker &&
                (file.endsWith('.cjs') ||
                    (runtime.pkg !== null && /"type"\s*:\s*"commonjs"/.test(repo.text.get(runtime.pkg) ?? '')))) {
                findings.push({
                    file,
                    line: analysis.esmMarker.line,
                    message: `${file} is an ES module (${analysis.esmMarker.what} at line ${analysis.esmMarker.line}) but Node loads it as CommonJS: SyntaxError: Cannot use import statement outside a module.`,
                    evidence
                });
            }
            else if (analysis.syntax === 'mixed' && analysis.cjsMarker && analysis.esmMarker) {
                findings.push({
                    file,
                    line: analysis.cjsMarker.line,
                    severity: 'warning',
                    message: `${file} mixes ES module syntax (${analysis.esmMarker.what}, line ${analysis.esmMarker.line}) with CommonJS (${analysis.cjsMarker.what}, line ${analysis.cjsMarker.line}): one of them fails at run time.`,
                    evidence
                });
            }
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/pm2-duration.js
/** `5s`, `1m`, `500ms`, or a number of milliseconds (PM2's own reading of min_uptime). */
function pm2DurationMs(value) {
    if (typeof value === 'number')
        return value;
    if (typeof value !== 'string')
        return null;
    const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(value);
    if (!match)
        return null;
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 'ms'] ?? 1;
    return Number(match[1]) * unit;
}

;// CONCATENATED MODULE: ./lib/validate/rules/process-restart-policy.js


const MAX_RESTARTS_LIMIT = 5;
const MIN_UPTIME_FLOOR_MS = 10_000;
const processRestartPolicy = {
    id: 'process-restart-policy',
    title: 'PM2 restart settings that hide a crash loop',
    severity: 'error',
    why: 'PM2 counts a crash toward max_restarts only when it happens before min_uptime: with max_restarts 15 and min_uptime 5s the first outage restarted 106 times over three hours while `pm2 status` showed it online.',
    fix: "Set max_restarts: 3 and min_uptime: '30s' (at least 10s, longer than the app takes to crash), drop restart_delay, and point script at a file the release contains.",
    check(repo) {
        const findings = [];
        const starts = (0,project/* startCommands */.$d)(repo);
        const deployed = (0,project/* pm2Apps */.e0)(repo).filter(a => repo.deployment.pm2Files.has(a.file));
        for (const app of deployed) {
            const evidence = repo.deployment.pm2Files.get(app.file) ?? null;
            const label = `PM2 app '${app.name ?? '?'}'`;
            const minUptime = app.props.get('min_uptime');
            // PM2's default min_uptime is 1 s; a value it cannot read counts as set right
            const uptimeMs = !minUptime ? 1000 : minUptime.computed ? null : pm2DurationMs(minUptime.value);
            const shortUptime = uptimeMs !== null && uptimeMs < MIN_UPTIME_FLOOR_MS;
            const maxRestarts = app.props.get('max_restarts');
            // PM2's defaults hide a crash loop too, but nobody chose them: a warning; a value set
            // above the limit is the first outage's configuration: an error
            if (!maxRestarts) {
                findings.push({
                    file: app.file,
                    line: app.line,
                    severity: 'warning',
                    message: `${label} has no max_restarts: PM2 keeps restarting a crashing app (16 times, and forever when each run outlives min_uptime).`,
                    fix: 'Add max_restarts: 3 so a crash loop stops and shows as errored.',
                    evidence
                });
            }
            else {
                const value = Number(maxRestarts.value);
                // many restarts break the deploy with a short min_uptime (the first outage: 15 and 5s,
                // 106 restarts shown online); with a long one PM2 stops after them and shows errored
                if (!maxRestarts.computed && Number.isFinite(value) && value > MAX_RESTARTS_LIMIT)
                    findings.push({
                        file: app.file,
                        line: maxRestarts.line,
                        severity: shortUptime ? 'error' : 'warning',
                        message: `${label} has max_restarts: ${value} (more than ${MAX_RESTARTS_LIMIT}): a crash loop goes on for a long time before PM2 gives up.`,
                        fix: 'Set max_restarts: 3.',
                        evidence
                    });
            }
            if (!minUptime) {
                findings.push({
                    file: app.file,
                    line: app.line,
                    severity: 'warning',
                    message: `${label} has no min_uptime (PM2's default is 1s): a release that crashes a few seconds after start is never counted as a failed start and restarts forever, shown as online.`,
                    fix: "Add min_uptime: '30s' (longer than a bad release takes to crash).",
                    evidence
                });
            }
            else if (!minUptime.computed) {
                const ms = pm2DurationMs(minUptime.value);
                if (ms !== null && ms < MIN_UPTIME_FLOOR_MS)
                    findings.push({
                        file: app.file,
                        line: minUptime.line,
                        message: `${label} has min_uptime ${JSON.stringify(minUptime.value)} (${ms / 1000}s, under ${MIN_UPTIME_FLOOR_MS / 1000}s): a crash after that is not counted toward max_restarts, so the app restarts forever while shown online.`,
                        fix: "Set min_uptime: '30s' (at least 10s).",
                        evidence
                    });
            }
            const restartDelay = app.props.get('restart_delay');
            if (restartDelay && !(typeof restartDelay.value === 'number' && restartDelay.value === 0))
                findings.push({
                    file: app.file,
                    line: restartDelay.line,
                    severity: 'warning',
                    message: `${label} sets restart_delay: a crashing app can stay in 'waiting restart' forever instead of failing visibly.`,
                    fix: 'Remove restart_delay; rely on max_restarts and min_uptime.',
                    evidence
                });
            const cwd = app.props.get('cwd');
            if (cwd?.identifier === '__dirname')
                findings.push({
                    file: app.file,
                    line: cwd.line,
                    severity: 'warning',
                    message: `${label} sets cwd: __dirname: loaded through a 'current' symlink it resolves to one release, and pm2 reload keeps serving that old release after the symlink moves.`,
                    fix: "Set cwd to the stable path (e.g. '/srv/app/current') and start the app from there, or delete and start the app on each switch.",
                    evidence
                });
            // a missing script is checked only where the path can be traced in the repository: not
            // for a config that runs inside an image, an absolute cwd, or a file the build writes
            const start = starts.find(s => s.app?.file === app.file && s.app.line === app.line);
            const entry = start?.entry;
            const traceable = entry &&
                !/copied into the image/.test(evidence ?? '') &&
                !(typeof cwd?.value === 'string' && cwd.value.startsWith('/')) &&
                !cwd?.computed &&
                // a gitignored file outside the known build outputs is generated by something else
                (repo.outputs.some(o => (0,project/* isUnder */.Jo)(entry, o.dir)) || !repo.isIgnored(entry, false));
            if (start && entry && traceable && !repo.text.has(entry) && !repo.fileSet.has(entry)) {
                const output = repo.outputs.find(o => (0,project/* isUnder */.Jo)(entry, o.dir));
                const built = output && (output.jsFiles.includes(entry) || (0,project/* sourceFor */.nm)(repo, entry, output.dir) !== null);
                // an output folder with a build script of its own may write files shipgate cannot trace
                const untraceableBuild = output && !built && (0,project/* hasBuildScript */.e9)(repo);
                if (!built && !untraceableBuild)
                    findings.push({
                        file: app.file,
                        line: start.line,
                        message: `${label} starts ${entry}, which the release does not contain${output ? ' and the build does not produce' : ''}: PM2 would show it errored or crash-looping.`,
                        fix: `Point script at the file the release contains (or builds), or add ${entry}.`,
                        evidence
                    });
            }
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/stale-build-output.js


const staleBuildOutput = {
    id: 'stale-build-output',
    title: 'Build output beside an app that runs its sources, or older than its sources',
    severity: 'error',
    why: 'A dist/ left from an older build gets loaded beside the sources the app now runs (the first outage: a stale CommonJS dist/server.js crash-looped for three hours); a build older than its sources ships old code.',
    fix: 'Delete the build output (rm -rf dist/) where the app runs from sources, stop deploy scripts from building it, and ignore it in .gitignore; where the app runs the build, rebuild before deploying.',
    check(repo) {
        const findings = [];
        const starts = (0,project/* productionStarts */.T6)(repo);
        const fromSources = starts.find(s => s.sourceRunner && !(s.entry && repo.outputs.some(o => (0,project/* isUnder */.Jo)(s.entry, o.dir))));
        for (const out of repo.outputs) {
            const present = out.exists && (out.origin !== 'usual name' || out.jsFiles.length > 0);
            if (!present && out.tracked.length === 0)
                continue;
            if (fromSources) {
                const where = [
                    out.exists ? `exists (${(0,util_text/* plural */.LS)(out.fileCount, 'file')})` : null,
                    out.tracked.length ? `is tracked by git (${(0,util_text/* plural */.LS)(out.tracked.length, 'file')})` : null
                ]
                    .filter(Boolean)
                    .join(' and ');
                findings.push({
                    file: fromSources.file,
                    line: fromSources.line,
                    message: `${out.dir}/ ${where}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: modules can be loaded from the stale build instead of the sources.`,
                    evidence: fromSources.evidence,
                    fix: `Remove ${out.dir}/ from the artifact and the server (rm -rf ${out.dir}${out.tracked.length ? ` and git rm -r --cached ${out.dir}` : ''}), and stop building it on deploy.`
                });
                continue;
            }
            const runsIt = starts.find(s => s.entry && (0,project/* isUnder */.Jo)(s.entry, out.dir));
            if (runsIt &&
                out.newestMs !== null &&
                repo.sourcesNewestMs !== null &&
                repo.sourcesNewestMs - out.newestMs > 1000) {
                const minutes = Math.max(1, Math.round((repo.sourcesNewestMs - out.newestMs) / 60_000));
                findings.push({
                    file: runsIt.file,
                    line: runsIt.line,
                    severity: 'warning',
                    message: `${out.dir}/ is older than the sources it is built from (by about ${minutes} min), and ${runsIt.label} runs ${runsIt.entry}: the release would run stale code.`,
                    evidence: runsIt.evidence,
                    fix: `Rebuild ${out.dir}/ from the current sources as part of the release (npm run build), or run the sources directly.`
                });
            }
        }
        return findings;
    }
};

// EXTERNAL MODULE: ./lib/validate/workflow-deploy.js
var workflow_deploy = __webpack_require__(6257);
;// CONCATENATED MODULE: ./lib/validate/rules/workflow-deploy-needs-tests.js


const workflowDeployNeedsTests = {
    id: 'workflow-deploy-needs-tests',
    title: 'A workflow job deploys without needing the tests',
    severity: 'warning',
    why: 'A deploy job without `needs:` on the test job runs in parallel with the tests and ships a release whose tests fail.',
    fix: 'Add `needs: [test]` (the job that runs the tests) to the deploy job, run the tests in the same job before the deploy step, or start the deploy workflow with `on: workflow_run` after the CI workflow.',
    check(repo) {
        const findings = [];
        const workflows = [...repo.text.keys()].filter(files/* isWorkflowPath */.$u).sort();
        for (const { file, job, line: at } of repo.deployment.deployJobs) {
            const workflow = repo.parsed.workflow(file);
            if (!workflow)
                continue;
            // a workflow started by another one's completion (CI -> deploy) is gated by it
            if (workflow.events.includes('workflow_run'))
                continue;
            if ((0,workflow_deploy/* testsBeforeDeploy */.WB)(job, at))
                continue;
            const byId = new Map(workflow.jobs.map(j => [j.id, j]));
            const seen = new Set();
            const stack = [...job.needs];
            let tested = false;
            while (stack.length > 0 && !tested) {
                const id = stack.pop();
                if (seen.has(id))
                    continue;
                seen.add(id);
                const needed = byId.get(id);
                if (!needed)
                    continue;
                tested = (0,workflow_deploy/* runsTests */.Ev)(needed);
                stack.push(...needed.needs);
            }
            if (tested)
                continue;
            findings.push({
                file,
                line: job.line,
                message: job.needs.length === 0
                    ? `Job '${job.id}' deploys (line ${at}) without needs: on a job that runs the tests: it ships whether the tests pass or not.`
                    : `Job '${job.id}' deploys (line ${at}) but none of the jobs it needs (${job.needs.join(', ')}) runs the tests.`,
                evidence: `job '${job.id}' deploys at ${file}:${at}${workflows.length > 1 ? '' : ''}`
            });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/index.js














/** The static rules, in the order they run and are documented. One module each. */
const staticRules = [
    staleBuildOutput,
    moduleFormatConflict,
    processRestartPolicy,
    deployScriptDrift,
    gitignoreBuildOutput,
    envContract,
    dockerfileBasePin,
    dockerfileLayerOrder,
    dockerfileUser,
    dockerfileHealthcheck,
    dockerfileSecrets,
    workflowDeployNeedsTests,
    ecsHealthCheckStartPeriod,
    ecsLogConfiguration,
    ecsImagePinned
];
/** Every rule, the opt-in boot-smoke included: for configuration, SARIF and the README. */
const allRules = [...staticRules, boot_smoke_meta/* bootSmokeMeta */.v];


/***/ })

};

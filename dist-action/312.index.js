export const id = 312;
export const ids = [312,968];
export const modules = {

/***/ 968:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bootSmokeMeta: () => (/* binding */ bootSmokeMeta),
/* harmony export */   errorLocation: () => (/* binding */ errorLocation),
/* harmony export */   firstErrorLine: () => (/* binding */ firstErrorLine),
/* harmony export */   runBootSmoke: () => (/* binding */ runBootSmoke)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _gate_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26625);
/* harmony import */ var _gate_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71820);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(51097);





const bootSmokeMeta = {
    id: 'boot-smoke',
    title: 'The artifact does not boot and stay healthy (opt-in: --boot)',
    severity: 'error',
    optIn: true,
    why: 'Static checks cannot see a crash at start; booting the artifact with its production start command and gating it briefly catches the SyntaxError of the first outage before any server does.',
    fix: 'Run the start command locally, read the first error line, and fix it; make sure the health URL answers within the boot timeout.'
};
const OUTPUT_LIMIT = 64 * 1024;
/** The first line that names an error, else the first line of stderr. */
function firstErrorLine(output) {
    const lines = output
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '');
    return (lines.find(l => /^(\w*Error|Error)\b|^\w+Error:|\bpanic:|^FATAL|^fatal:|Uncaught/.test(l)) ??
        lines[0] ??
        null);
}
/** `/abs/dir/dist/server.js:51` (how Node prints a SyntaxError's place) inside the repository. */
function errorLocation(output, dir) {
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(dir);
    for (const match of output.matchAll(/(?:^|\(|\s|file:\/\/)(\/[^\s():]+):(\d+)(?::\d+)?/gm)) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(match[1]);
        if (path.startsWith(root + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) && !path.includes(`${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}node_modules${node_path__WEBPACK_IMPORTED_MODULE_1__.sep}`))
            return { file: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.relative)(root, path).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join('/'), line: Number(match[2]) };
    }
    return null;
}
/** Starts the artifact, gates its health URL for a short window, stops it. I/O: a process and HTTP. */
async function runBootSmoke(options) {
    const config = (0,_gate_config_js__WEBPACK_IMPORTED_MODULE_2__/* .parseGateConfig */ .t0)(new _options_js__WEBPACK_IMPORTED_MODULE_4__/* .Inputs */ .G(_gate_config_js__WEBPACK_IMPORTED_MODULE_2__/* .gateOptions */ .O6, {
        url: options.url,
        interval: '250ms',
        'probe-timeout': '2s',
        'healthy-threshold': '2',
        window: `${options.windowMs}ms`,
        timeout: `${options.timeoutMs}ms`
    }));
    options.log(`validate: boot-smoke: starting \`${options.command}\` in ${options.dir}`);
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('sh', ['-c', options.command], {
        cwd: options.dir,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
    });
    let output = '';
    const collect = (chunk) => {
        if (output.length < OUTPUT_LIMIT)
            output += chunk.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const state = { exited: false, code: null };
    const exitedPromise = new Promise(done => child.on('close', (code, signal) => {
        state.exited = true;
        state.code = code ?? (signal ? 128 : null);
        done();
    }));
    const exitSignal = {
        name: 'exit of the booted process',
        read: async () => (state.exited ? 1 : 0)
    };
    const result = await (0,_gate_run_js__WEBPACK_IMPORTED_MODULE_3__/* .waitForStableHealth */ .y)(config, { signals: [exitSignal] });
    const crashed = state.exited;
    const exitCode = state.code;
    if (!state.exited && child.pid) {
        try {
            process.kill(-child.pid, 'SIGTERM');
        }
        catch {
            // already gone
        }
        const killer = setTimeout(() => {
            try {
                if (child.pid)
                    process.kill(-child.pid, 'SIGKILL');
            }
            catch {
                // already gone
            }
        }, 3000);
        await exitedPromise;
        clearTimeout(killer);
    }
    await exitedPromise;
    options.log(`validate: boot-smoke: ${result.verdict} (${result.reason})`);
    if (result.verdict === 'pass')
        return [];
    const location = errorLocation(output, options.dir);
    const first = firstErrorLine(output);
    return [
        {
            file: location?.file ?? null,
            line: location?.line ?? null,
            message: crashed
                ? `\`${options.command}\` exited${exitCode !== null ? ` with code ${exitCode}` : ''} during the boot smoke test${first ? `: ${first}` : ' without output'}.`
                : `\`${options.command}\` did not stay healthy at ${options.url}: ${result.reason}${first ? ` (first error line: ${first})` : ''}.`
        }
    ];
}


/***/ }),

/***/ 69312:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  allRules: () => (/* binding */ allRules),
  staticRules: () => (/* binding */ staticRules)
});

// EXTERNAL MODULE: ./lib/validate/rules/boot-smoke.js
var boot_smoke = __webpack_require__(968);
// EXTERNAL MODULE: ./lib/validate/project.js
var project = __webpack_require__(89383);
// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(28805);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./lib/validate/workflow.js

/** Jobs of a workflow file with their lines; null when it is not valid YAML. */
function parseWorkflow(text) {
    const lineCounter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter });
    if (doc.errors.length > 0 || !(0,dist/* isMap */.jh)(doc.contents))
        return null;
    const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const str = (map, key) => {
        const v = map.get(key, true);
        return (0,dist/* isScalar */.jn)(v) && v.value !== null ? String(v.value) : null;
    };
    const jobs = doc.contents.get('jobs', true);
    if (!(0,dist/* isMap */.jh)(jobs))
        return [];
    const result = [];
    for (const pair of jobs.items) {
        const job = pair.value;
        if (!(0,dist/* isMap */.jh)(job))
            continue;
        const id = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : String(pair.key);
        const needsNode = job.get('needs', true);
        const needs = (0,dist/* isSeq */.oP)(needsNode)
            ? needsNode.items.map(i => String((0,dist/* isScalar */.jn)(i) ? i.value : i))
            : (0,dist/* isScalar */.jn)(needsNode)
                ? [String(needsNode.value)]
                : [];
        const stepsNode = job.get('steps', true);
        const steps = [];
        if ((0,dist/* isSeq */.oP)(stepsNode)) {
            for (const s of stepsNode.items) {
                if (!(0,dist/* isMap */.jh)(s))
                    continue;
                const runNode = s.get('run', true);
                const run = (0,dist/* isScalar */.jn)(runNode) && runNode.value !== null ? String(runNode.value) : null;
                const runLines = [];
                if (run !== null && runNode) {
                    const block = runNode.type === 'BLOCK_LITERAL' || runNode.type === 'BLOCK_FOLDED';
                    const first = lineOf(runNode) + (block ? 1 : 0);
                    run.split('\n').forEach((_l, i) => runLines.push(first + i));
                }
                const withNode = s.get('with', true);
                const withValues = {};
                if ((0,dist/* isMap */.jh)(withNode))
                    for (const w of withNode.items)
                        if ((0,dist/* isScalar */.jn)(w.key) && (0,dist/* isScalar */.jn)(w.value))
                            withValues[String(w.key.value)] = String(w.value.value);
                steps.push({
                    run,
                    runLines,
                    uses: str(s, 'uses'),
                    name: str(s, 'name'),
                    with: withValues,
                    line: lineOf(s)
                });
            }
        }
        result.push({
            id,
            name: str(job, 'name'),
            line: lineOf(pair.key),
            needs,
            uses: str(job, 'uses'),
            steps
        });
    }
    return result;
}
const DEPLOY_RUN = /\b(pm2\s+(deploy|reload|restart|start|startOrReload|startOrRestart)|shipgate\s+deploy|kubectl\s+(apply|rollout|set\s+image)|helm\s+(upgrade|install)|aws\s+ecs\s+update-service|ecs\s+deploy|fly(ctl)?\s+deploy|vercel\b.*--prod|netlify\s+deploy|serverless\s+deploy|sls\s+deploy|cap\s+\w+\s+deploy|kamal\s+deploy|docker\s+(stack\s+deploy|compose\b.*\bup)|npm\s+run\s+deploy|rsync\b.*@|scp\b.*:)/;
const DEPLOY_USES = /(deploy|aws-actions\/amazon-ecs-deploy-task-definition|appleboy\/ssh-action|azure\/webapps-deploy|google-github-actions\/deploy)/i;
const TEST_RUN = /\b((npm|pnpm|yarn|bun)\s+(run\s+)?test\b|npm\s+t\b|jest\b|vitest\b|mocha\b|pytest\b|go\s+test\b|cargo\s+test\b|make\s+(test|check)\b|rspec\b|phpunit\b|mvn\b.*\b(test|verify)\b|gradle\w*\s+\w*test)/i;
/** Where a job deploys: the line of its first deploying step, or the job line; null when it does not deploy. */
function deployLine(job) {
    if (job.uses && /deploy/i.test(job.uses))
        return job.line;
    for (const step of job.steps) {
        if (step.uses &&
            (DEPLOY_USES.test(step.uses) ||
                // a rollback restores a release that passed its gate already: not untested code
                (/shipgate/i.test(step.uses) && step.with.command === 'deploy')))
            return step.line;
        if (step.run) {
            const index = step.run.split('\n').findIndex(l => DEPLOY_RUN.test(l));
            if (index >= 0)
                return step.runLines[index] ?? step.line;
        }
    }
    if (/deploy/i.test(`${job.id} ${job.name ?? ''}`) && job.steps.length > 0)
        return job.line;
    return null;
}
/**
 * A job that runs the tests: by its steps, or by its id/name (`test`, `tests`, `ci`, ...) when it
 * calls a reusable workflow or runs a command the file does not spell out (`run: $TEST_COMMAND`).
 */
function runsTests(job) {
    if (job.steps.some(s => (s.run && TEST_RUN.test(s.run)) || (s.uses && /test/i.test(s.uses))))
        return true;
    return (/(^|[-_\s])(tests?|ci|check|checks|verify)([-_\s]|$)/i.test(`${job.id} ${job.name ?? ''}`) &&
        (!!job.uses || job.steps.some(s => s.run !== null)));
}
/** Runs its own tests before it deploys (a single-job pipeline). */
function testsBeforeDeploy(job, deployAt) {
    return job.steps.some(s => s.line < deployAt && s.run !== null && TEST_RUN.test(s.run));
}

;// CONCATENATED MODULE: ./lib/validate/rules/deploy-script-drift.js



const DEPLOYISH = /deploy|release|start|restart|reload|serve|ship|publish|postinstall|^up$/i;
/** The lines that run on a deploy: shell scripts, Makefile deploy targets, package.json deploy scripts, deploy jobs. */
function deployScriptLines(repo) {
    const lines = [];
    for (const [file, text] of repo.text) {
        if (!(0,project/* isShellScriptPath */.BM)(file))
            continue;
        const base = (0,util_text/* basenameOf */.Sv)(file);
        const makefile = !/\.(sh|bash)$/.test(base);
        if (!makefile && /^(build|test|lint|ci|check|bench)/i.test(base))
            continue;
        let target = '';
        text.split('\n').forEach((raw, i) => {
            if (makefile) {
                const t = /^([\w.-]+)\s*:(?!=)/.exec(raw);
                if (t)
                    target = t[1];
                if (!raw.startsWith('\t') || !DEPLOYISH.test(target))
                    return;
            }
            if (/^\s*#/.test(raw))
                return;
            lines.push({ file, line: i + 1, text: raw, where: makefile ? `make ${target}` : file });
        });
    }
    const pkg = (0,project/* packageInfo */.z2)(repo);
    if (pkg)
        for (const [name, script] of Object.entries(pkg.scripts)) {
            if (!DEPLOYISH.test(name) || /^(pre|post)?build/.test(name))
                continue;
            lines.push({
                file: pkg.file,
                line: (0,project/* jsonKeyLine */.Wm)(pkg.text, name),
                text: script,
                where: `npm run ${name}`
            });
        }
    for (const [file, text] of repo.text) {
        if (!(0,project/* isWorkflowPath */.$u)(file))
            continue;
        for (const job of parseWorkflow(text) ?? []) {
            if (deployLine(job) === null)
                continue;
            for (const step of job.steps) {
                if (!step.run)
                    continue;
                step.run
                    .split('\n')
                    .forEach((l, i) => lines.push({ file, line: step.runLines[i] ?? step.line, text: l, where: `job '${job.id}'` }));
            }
        }
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
        const files = new Set(repo.files);
        for (const l of deployScriptLines(repo)) {
            const build = (0,project/* buildCommandIn */.BR)(l.text);
            if (build && fromSources) {
                findings.push({
                    file: l.file,
                    line: l.line,
                    message: `${l.where} runs \`${build}\`, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner} (${fromSources.file}:${fromSources.line}): the build output is never meant to run and goes stale.`,
                    fix: `Remove \`${build}\` from the deploy (and delete the build output), or change ${fromSources.label} to run the built file.`
                });
                continue;
            }
            const started = (0,project/* startedFileIn */.zI)(l.text);
            if (!started || files.has(started) || repo.text.has(started))
                continue;
            const output = repo.outputs.find(o => (0,project/* isUnder */.Jo)(started, o.dir));
            if (output && (0,project/* sourceFor */.nm)(repo, started, output.dir)) {
                if (fromSources)
                    findings.push({
                        file: l.file,
                        line: l.line,
                        message: `${l.where} starts ${started}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: two different programs depending on who starts it.`,
                        fix: 'Start the app one way only: through the process config.'
                    });
                continue;
            }
            findings.push({
                file: l.file,
                line: l.line,
                message: `${l.where} starts ${started}, which neither the repository contains nor the build produces.`,
                fix: `Start the file the build writes (check tsconfig outDir and rootDir), or fix the path.`
            });
        }
        return findings;
    }
};

// EXTERNAL MODULE: ./lib/validate/docker.js
var docker = __webpack_require__(93288);
// EXTERNAL MODULE: ./lib/validate/rules/dockerfile-common.js
var dockerfile_common = __webpack_require__(84702);
;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-base-pin.js


const dockerfileBasePin = {
    id: 'dockerfile-base-pin',
    title: 'Base image not pinned (latest or no tag)',
    severity: 'warning',
    why: 'An unpinned base image changes under you: the same commit builds a different image tomorrow, and a rollback does not bring the old one back.',
    fix: 'Pin the base image to a version tag (node:20.18-alpine), or better to a digest (node:20.18-alpine@sha256:...).',
    check(repo) {
        const findings = [];
        for (const { file, parsed } of (0,dockerfile_common/* dockerfiles */.y)(repo)) {
            const stageNames = new Set();
            for (const stage of parsed.stages) {
                const image = (0,docker/* expandArgs */.S_)(stage.image, parsed.globalArgs);
                const isStage = stageNames.has(stage.image.toLowerCase());
                if (stage.name)
                    stageNames.add(stage.name);
                if (isStage || image === null || image === 'scratch' || stage.digest)
                    continue;
                if (image.includes('@sha256:'))
                    continue;
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

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-healthcheck.js


const dockerfileHealthcheck = {
    id: 'dockerfile-healthcheck',
    title: 'The image has no HEALTHCHECK',
    severity: 'warning',
    why: 'Without a health check a container that stopped serving stays "running"; the second outage flapped for hours behind a load balancer.',
    fix: 'Add `HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD wget -qO- http://127.0.0.1:PORT/health || exit 1` to the final stage.',
    check(repo) {
        const findings = [];
        for (const { file, parsed } of (0,dockerfile_common/* dockerfiles */.y)(repo)) {
            const chain = (0,docker/* finalStageChain */.au)(parsed);
            const finalStage = chain[0];
            if (!finalStage || finalStage.image.toLowerCase() === 'scratch')
                continue;
            const check = chain
                .map(s => [...s.instructions].reverse().find(i => i.keyword === 'HEALTHCHECK'))
                .find(Boolean);
            if (!check)
                findings.push({
                    file,
                    line: finalStage.line,
                    message: `The final stage (FROM ${finalStage.image}, line ${finalStage.line}) has no HEALTHCHECK: a container that stopped serving still counts as running.`
                });
            else if ((check.args[0] ?? '').toUpperCase() === 'NONE')
                findings.push({
                    file,
                    line: check.line,
                    message: `HEALTHCHECK NONE at line ${check.line} turns the health check off.`
                });
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-layer-order.js


const INSTALL = /\b(npm\s+(ci|install|i)\b|yarn(\s+install)?\s*($|&&|;|--)|pnpm\s+(install|i)\b|bun\s+install\b|pip3?\s+install\b|poetry\s+install\b|bundle\s+install\b|go\s+mod\s+download\b|composer\s+install\b|cargo\s+fetch\b)/;
const dockerfileLayerOrder = {
    id: 'dockerfile-layer-order',
    title: 'Sources copied before the dependency install',
    severity: 'warning',
    why: 'With `COPY . .` before `RUN npm ci`, any change to any file invalidates the install layer: every build reinstalls all dependencies (the third incident: 3-5 min builds).',
    fix: 'Copy the dependency manifests first (COPY package.json package-lock.json ./), run the install, then COPY . . for the sources.',
    check(repo) {
        const findings = [];
        for (const { file, parsed } of (0,dockerfile_common/* dockerfiles */.y)(repo)) {
            for (const stage of parsed.stages) {
                const copyAll = stage.instructions.find(i => (i.keyword === 'COPY' || i.keyword === 'ADD') && (0,docker/* copySources */.K1)(i).some(s => s === '.' || s === './'));
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

// EXTERNAL MODULE: ./lib/validate/rules/dockerfile-secrets.js
var dockerfile_secrets = __webpack_require__(94458);
;// CONCATENATED MODULE: ./lib/validate/rules/dockerfile-user.js


const dockerfileUser = {
    id: 'dockerfile-user',
    title: 'The image runs as root',
    severity: 'warning',
    why: 'A process that runs as root turns any remote code execution into full control of the container and what it mounts.',
    fix: 'Add `USER node` (or another unprivileged user) in the final stage, after the files are copied with --chown.',
    check(repo) {
        const findings = [];
        for (const { file, parsed } of (0,dockerfile_common/* dockerfiles */.y)(repo)) {
            const chain = (0,docker/* finalStageChain */.au)(parsed);
            const finalStage = chain[0];
            if (!finalStage || finalStage.image.toLowerCase() === 'scratch')
                continue;
            // the last USER of the final stage, else of the stage it is built from
            const user = chain
                .map(s => [...s.instructions].reverse().find(i => i.keyword === 'USER'))
                .find(Boolean);
            if (!user) {
                findings.push({
                    file,
                    line: finalStage.line,
                    message: `The final stage (FROM ${finalStage.image}, line ${finalStage.line}) has no USER: the app runs as root.`
                });
            }
            else if (/^(root|0)(:.*)?$/.test(user.args[0] ?? '')) {
                findings.push({
                    file,
                    line: user.line,
                    message: `USER ${user.args[0]} at line ${user.line}: the app runs as root.`
                });
            }
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
const envContract = {
    id: 'env-contract',
    title: 'Required environment variables missing, empty or placeholders',
    severity: 'error',
    why: 'A release started without its environment crashes 10-30 s after start, after it already answered once (the second outage: DB_HOST, JWT secrets and others missing from the task definition).',
    fix: 'Set every required variable in the env file or the deployment environment; the names come from --require-env and .env.example.',
    check(repo) {
        const required = new Map();
        for (const name of repo.requireEnv)
            required.set(name, { file: null, line: null, from: '--require-env' });
        const example = project/* ENV_EXAMPLE_FILES */.p_.find(f => repo.text.has(f));
        if (example)
            for (const entry of (0,util_text/* parseDotenv */.qd)(repo.text.get(example) ?? ''))
                if (!required.has(entry.name))
                    required.set(entry.name, { file: example, line: entry.line, from: example });
        if (required.size === 0 || !repo.env)
            return [];
        const env = repo.env;
        const source = env.kind === 'file' ? (env.file ?? 'the env file') : 'the environment';
        const findings = [];
        for (const [name, origin] of required) {
            const value = env.values.get(name);
            const envLine = env.lines.get(name) ?? null;
            const inFile = env.kind === 'file' && env.file !== null;
            if (value === undefined) {
                const endOfFile = inFile ? env.lineCount : null;
                findings.push({
                    file: origin.file ?? (inFile ? env.file : null),
                    line: origin.line ?? endOfFile,
                    message: `${name} is required (${origin.from}) but missing from ${source}.`,
                    fix: `Set ${name} in ${source}.`
                });
            }
            else if (value.trim() === '') {
                findings.push({
                    file: inFile ? env.file : origin.file,
                    line: inFile ? envLine : origin.line,
                    severity: 'warning',
                    message: `${name} is set but empty in ${source}.`,
                    fix: `Give ${name} its real value in ${source}.`
                });
            }
            else if (isPlaceholder(value)) {
                findings.push({
                    file: inFile ? env.file : origin.file,
                    line: inFile ? envLine : origin.line,
                    severity: 'warning',
                    message: `${name} in ${source} holds a placeholder, not a real value (the value is not shown).`,
                    fix: `Replace the placeholder of ${name} with its real value.`
                });
            }
        }
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
        for (const out of repo.outputs) {
            if (!(out.exists || out.tracked.length > 0 || out.origin !== 'usual name'))
                continue;
            if (out.origin === 'usual name' && out.jsFiles.length === 0 && out.tracked.length === 0)
                continue;
            if (!repo.isIgnored(out.dir, true))
                findings.push({
                    ...at,
                    message: `${out.dir}/ (build output, from ${out.origin}) is not ignored: ${missing} a stale build can be committed and shipped.`,
                    fix: `Add a line \`/${out.dir}/\` to .gitignore.`
                });
            if (out.tracked.length > 0)
                findings.push({
                    file: out.tracked[0],
                    line: 1,
                    message: `${out.dir}/ is tracked by git (${out.tracked.length} file${out.tracked.length === 1 ? '' : 's'}, e.g. ${out.tracked[0]}): every checkout ships this build, whatever the sources say.`,
                    fix: `git rm -r --cached ${out.dir} and add /${out.dir}/ to .gitignore.`
                });
        }
        const envPresent = repo.files.includes('.env') || repo.secretLike.includes('.env');
        if (!repo.isIgnored('.env', false))
            findings.push({
                ...at,
                severity: envPresent ? 'error' : 'warning',
                message: `.env is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: ${envPresent ? 'the .env in this folder' : 'an .env file created later'} can be committed with its secrets.`,
                fix: 'Add a line `.env` (and `.env.*` with `!.env.example`) to .gitignore.'
            });
        // other env files present and not ignored (.env.production, config/.env.local, ...)
        const tracked = new Set(repo.gitTracked ?? []);
        for (const file of new Set([...repo.files, ...repo.secretLike])) {
            if (file === '.env' ||
                !ENV_FILE.test(file) ||
                project/* ENV_EXAMPLE_FILES */.p_.some(e => file.endsWith(e)) ||
                tracked.has(file))
                continue;
            if (repo.isIgnored(file, false))
                continue;
            findings.push({
                ...at,
                message: `${file} is not ignored${gitignore === undefined ? ' (there is no .gitignore)' : ' by .gitignore'}: it can be committed with its secrets.`,
                fix: `Add a line \`.env.*\` (with \`!.env.example\`) or \`${file}\` to .gitignore.`
            });
        }
        for (const tracked of repo.gitTracked ?? [])
            if (ENV_FILE.test(tracked) && !project/* ENV_EXAMPLE_FILES */.p_.some(e => tracked.endsWith(e)))
                findings.push({
                    file: tracked,
                    line: 1,
                    message: `${tracked} is tracked by git: its secrets are in the repository history.`,
                    fix: `git rm --cached ${tracked}, ignore it, and rotate the secrets it held.`
                });
        return findings;
    }
};

// EXTERNAL MODULE: ./lib/validate/js-module.js
var js_module = __webpack_require__(37480);
;// CONCATENATED MODULE: ./lib/validate/rules/module-format-conflict.js


const JS = /\.(js|mjs|cjs)$/;
const moduleFormatConflict = {
    id: 'module-format-conflict',
    title: 'JavaScript that Node will load in the wrong module format',
    severity: 'error',
    why: 'A CommonJS file in an ESM package fails with "require is not defined", and CommonJS code that declares __dirname, __filename or require at module scope fails with "SyntaxError: Identifier \'__dirname\' has already been declared" (the first outage).',
    fix: 'Build the output in the package\'s format (tsconfig "module": "NodeNext"), or mark it with .cjs/.mjs or a package.json "type" in the output folder; remove stale build output the app does not run.',
    check(repo) {
        const files = new Set();
        for (const s of (0,project/* startCommands */.$d)(repo))
            if (s.entry && JS.test(s.entry) && repo.text.has(s.entry))
                files.add(s.entry);
        for (const out of repo.outputs)
            for (const f of out.jsFiles)
                files.add(f);
        const findings = [];
        for (const file of [...files].sort()) {
            const program = (0,js_module/* parseJavaScript */.pL)(repo.text.get(file) ?? '');
            if (!program)
                continue;
            const analysis = (0,js_module/* analyzeModule */.z2)(program);
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
                        message: `${file} is ${runsAsCjs ? 'loaded as' : 'written as'} CommonJS and declares \`${d.kind} ${d.name}\` at module scope, where the CommonJS wrapper already defines it: SyntaxError: Identifier '${d.name}' has already been declared.`
                    });
                }
            }
            const why = runtime.pkg ? `${runtime.pkg} has "type": "module"` : 'its .mjs extension';
            if (runtime.type === 'module' && analysis.syntax === 'cjs' && analysis.cjsMarker) {
                findings.push({
                    file,
                    line: analysis.cjsMarker.line,
                    message: `${file} is CommonJS (${analysis.cjsMarker.what} at line ${analysis.cjsMarker.line}) but ${why}, so Node loads it as an ES module: ReferenceError: require/module/exports is not defined in ES module scope.`
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
                    message: `${file} is an ES module (${analysis.esmMarker.what} at line ${analysis.esmMarker.line}) but Node loads it as CommonJS: SyntaxError: Cannot use import statement outside a module.`
                });
            }
            else if (analysis.syntax === 'mixed' && analysis.cjsMarker && analysis.esmMarker) {
                findings.push({
                    file,
                    line: analysis.cjsMarker.line,
                    severity: 'warning',
                    message: `${file} mixes ES module syntax (${analysis.esmMarker.what}, line ${analysis.esmMarker.line}) with CommonJS (${analysis.cjsMarker.what}, line ${analysis.cjsMarker.line}): one of them fails at run time.`
                });
            }
        }
        return findings;
    }
};

// EXTERNAL MODULE: ./lib/validate/pm2.js
var pm2 = __webpack_require__(93733);
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
        const files = new Set(repo.files);
        const starts = (0,project/* startCommands */.$d)(repo);
        for (const app of (0,project/* pm2Apps */.e0)(repo)) {
            const label = `PM2 app '${app.name ?? '?'}'`;
            const maxRestarts = app.props.get('max_restarts');
            if (!maxRestarts) {
                findings.push({
                    file: app.file,
                    line: app.line,
                    message: `${label} has no max_restarts: PM2 keeps restarting a crashing app (16 times, and forever when each run outlives min_uptime).`,
                    fix: 'Add max_restarts: 3 so a crash loop stops and shows as errored.'
                });
            }
            else {
                const value = Number(maxRestarts.value);
                if (!maxRestarts.computed && Number.isFinite(value) && value > MAX_RESTARTS_LIMIT)
                    findings.push({
                        file: app.file,
                        line: maxRestarts.line,
                        message: `${label} has max_restarts: ${value} (more than ${MAX_RESTARTS_LIMIT}): a crash loop goes on for a long time before PM2 gives up.`,
                        fix: 'Set max_restarts: 3.'
                    });
            }
            const minUptime = app.props.get('min_uptime');
            if (!minUptime) {
                findings.push({
                    file: app.file,
                    line: app.line,
                    message: `${label} has no min_uptime (PM2's default is 1s): a release that crashes a few seconds after start is never counted as a failed start and restarts forever, shown as online.`,
                    fix: "Add min_uptime: '30s' (longer than a bad release takes to crash)."
                });
            }
            else if (!minUptime.computed) {
                const ms = (0,pm2/* pm2DurationMs */.UV)(minUptime.value);
                if (ms !== null && ms < MIN_UPTIME_FLOOR_MS)
                    findings.push({
                        file: app.file,
                        line: minUptime.line,
                        message: `${label} has min_uptime ${JSON.stringify(minUptime.value)} (${ms / 1000}s, under ${MIN_UPTIME_FLOOR_MS / 1000}s): a crash after that is not counted toward max_restarts, so the app restarts forever while shown online.`,
                        fix: "Set min_uptime: '30s' (at least 10s)."
                    });
            }
            const restartDelay = app.props.get('restart_delay');
            if (restartDelay && !(typeof restartDelay.value === 'number' && restartDelay.value === 0))
                findings.push({
                    file: app.file,
                    line: restartDelay.line,
                    severity: 'warning',
                    message: `${label} sets restart_delay: a crashing app can stay in 'waiting restart' forever instead of failing visibly.`,
                    fix: 'Remove restart_delay; rely on max_restarts and min_uptime.'
                });
            const cwd = app.props.get('cwd');
            if (cwd?.identifier === '__dirname')
                findings.push({
                    file: app.file,
                    line: cwd.line,
                    severity: 'warning',
                    message: `${label} sets cwd: __dirname: loaded through a 'current' symlink it resolves to one release, and pm2 reload keeps serving that old release after the symlink moves.`,
                    fix: "Set cwd to the stable path (e.g. '/srv/app/current') and start the app from there, or delete and start the app on each switch."
                });
            const start = starts.find(s => s.app?.file === app.file && s.app.line === app.line);
            const entry = start?.entry;
            if (entry && !files.has(entry) && !repo.text.has(entry)) {
                const output = repo.outputs.find(o => (0,project/* isUnder */.Jo)(entry, o.dir));
                const built = output && (output.jsFiles.includes(entry) || (0,project/* sourceFor */.nm)(repo, entry, output.dir) !== null);
                if (!built)
                    findings.push({
                        file: app.file,
                        line: start.line,
                        message: `${label} starts ${entry}, which the release does not contain${output ? ' and the build does not produce' : ''}: PM2 would show it errored or crash-looping.`,
                        fix: `Point script at the file the release contains (or builds), or add ${entry}.`
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
                    out.exists ? `exists (${out.fileCount} file${out.fileCount === 1 ? '' : 's'})` : null,
                    out.tracked.length
                        ? `is tracked by git (${out.tracked.length} file${out.tracked.length === 1 ? '' : 's'})`
                        : null
                ]
                    .filter(Boolean)
                    .join(' and ');
                findings.push({
                    file: fromSources.file,
                    line: fromSources.line,
                    message: `${out.dir}/ ${where}, but ${fromSources.label} runs the sources with ${fromSources.sourceRunner}: modules can be loaded from the stale build instead of the sources.`,
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
                    fix: `Rebuild ${out.dir}/ from the current sources as part of the release (npm run build), or run the sources directly.`
                });
            }
        }
        return findings;
    }
};

;// CONCATENATED MODULE: ./lib/validate/rules/workflow-deploy-needs-tests.js


const workflowDeployNeedsTests = {
    id: 'workflow-deploy-needs-tests',
    title: 'A workflow job deploys without needing the tests',
    severity: 'error',
    why: 'A deploy job without `needs:` on the test job runs in parallel with the tests and ships a release whose tests fail.',
    fix: 'Add `needs: [test]` (the job that runs the tests) to the deploy job, or run the tests in the same job before the deploy step.',
    check(repo) {
        const findings = [];
        for (const [file, text] of [...repo.text].sort(([a], [b]) => a.localeCompare(b))) {
            if (!(0,project/* isWorkflowPath */.$u)(file))
                continue;
            const jobs = parseWorkflow(text);
            if (!jobs)
                continue;
            const byId = new Map(jobs.map(j => [j.id, j]));
            for (const job of jobs) {
                const at = deployLine(job);
                if (at === null || testsBeforeDeploy(job, at))
                    continue;
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
                    tested = runsTests(needed);
                    stack.push(...needed.needs);
                }
                if (tested)
                    continue;
                findings.push({
                    file,
                    line: job.line,
                    message: job.needs.length === 0
                        ? `Job '${job.id}' deploys (line ${at}) without needs: on a job that runs the tests: it ships whether the tests pass or not.`
                        : `Job '${job.id}' deploys (line ${at}) but none of the jobs it needs (${job.needs.join(', ')}) runs the tests.`
                });
            }
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
    dockerfile_secrets/* dockerfileSecrets */.W,
    workflowDeployNeedsTests
];
/** Every rule, the opt-in boot-smoke included: for configuration, SARIF and the README. */
const allRules = [...staticRules, boot_smoke.bootSmokeMeta];


/***/ })

};

export const id = 969;
export const ids = [969];
export const modules = {

/***/ 80234:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ZQ: () => (/* binding */ analyseDeployment),
  E8: () => (/* binding */ contributingStages),
  Nj: () => (/* binding */ logicalLines),
  ap: () => (/* binding */ chainOf)
});

// UNUSED EXPORTS: dockerBuildIn

// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(28805);
// EXTERNAL MODULE: ./lib/validate/files.js
var files = __webpack_require__(89717);
;// CONCATENATED MODULE: ./lib/validate/task-definition.js

/** First line at or after `fromLine` where `"key"` appears (with this value, when given). */
function keyLine(text, key, fromLine, value) {
    const lines = text.split('\n');
    const escaped = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`"${escaped(key)}"\\s*:${value === undefined ? '' : `\\s*${escaped(JSON.stringify(value))}`}`);
    for (let i = Math.max(0, fromLine - 1); i < lines.length; i++)
        if (pattern.test(lines[i]))
            return i + 1;
    return fromLine;
}
/** A task definition (RegisterTaskDefinition input or DescribeTaskDefinition output); null when it is not one. */
function readTaskDefinition(json, text) {
    if (!json)
        return null;
    const root = (json.taskDefinition && typeof json.taskDefinition === 'object' ? json.taskDefinition : json);
    const list = root.containerDefinitions;
    if (!Array.isArray(list))
        return null;
    const containers = [];
    let cursor = (0,util_text/* lineOf */.cA)(text, '"containerDefinitions"') ?? 1;
    for (const raw of list) {
        if (!raw || typeof raw !== 'object')
            continue;
        const c = raw;
        const name = typeof c.name === 'string' ? c.name : '?';
        const line = typeof c.name === 'string' ? keyLine(text, 'name', cursor, c.name) : cursor;
        const envNames = new Set();
        for (const key of ['environment', 'secrets'])
            if (Array.isArray(c[key]))
                for (const e of c[key])
                    if (e && typeof e === 'object' && typeof e.name === 'string')
                        envNames.add(e.name);
        const health = c.healthCheck && typeof c.healthCheck === 'object' ? c.healthCheck : null;
        containers.push({
            name,
            line,
            image: typeof c.image === 'string' ? c.image : null,
            imageLine: typeof c.image === 'string' ? keyLine(text, 'image', cursor, c.image) : line,
            essential: c.essential !== false,
            envNames,
            hasEnvironmentFiles: Array.isArray(c.environmentFiles) && c.environmentFiles.length > 0,
            healthCheck: health
                ? {
                    line: keyLine(text, 'healthCheck', cursor),
                    startPeriod: typeof health.startPeriod === 'number' ? health.startPeriod : null
                }
                : null,
            logConfiguration: !!c.logConfiguration && typeof c.logConfiguration === 'object',
            portMappings: Array.isArray(c.portMappings) && c.portMappings.length > 0
        });
        cursor = line + 1;
    }
    return { family: typeof root.family === 'string' ? root.family : null, containers };
}

// EXTERNAL MODULE: ./lib/validate/workflow-deploy.js
var workflow_deploy = __webpack_require__(96257);
;// CONCATENATED MODULE: ./lib/validate/deployment.js




const DOCKER_BUILD = /\b(?:docker|podman)\s+(?:buildx\s+build|image\s+build|build)\b/;
const VALUE_FLAGS = new Set([
    '-t',
    '--tag',
    '--build-arg',
    '--platform',
    '--cache-from',
    '--cache-to',
    '--label',
    '--secret',
    '--ssh',
    '-o',
    '--output',
    '--progress',
    '--network',
    '--builder',
    '--iidfile',
    '--metadata-file',
    '--add-host',
    '--build-context',
    '--attest',
    '--annotation',
    '--shm-size',
    '--ulimit'
]);
/** Joins `\` continuations so that a command split over lines is read whole (keeps the first line number). */
function logicalLines(text, firstLine = 1) {
    const result = [];
    let current = null;
    text.split('\n').forEach((raw, i) => {
        const piece = raw.replace(/\\\s*$/, ' ');
        if (current)
            current.text += ` ${piece}`;
        else
            current = { text: piece, line: firstLine + i };
        if (!/\\\s*$/.test(raw)) {
            result.push(current);
            current = null;
        }
    });
    if (current)
        result.push(current);
    return result;
}
function words(command) {
    return command
        .replace(/(^|\s)#.*$/, '')
        .split(/\s+/)
        .map(w => w.replace(/^["']|["']$/g, ''))
        .filter(w => w !== '');
}
/** `docker build -f X --target T CONTEXT` on one logical line. */
function dockerBuildIn(line) {
    const match = DOCKER_BUILD.exec(line);
    if (!match)
        return null;
    const rest = words(line.slice(match.index + match[0].length).split(/&&|;|\|/)[0]);
    let file = null;
    let target = null;
    let context = null;
    for (let i = 0; i < rest.length; i++) {
        const w = rest[i];
        const [flag, inline] = w.startsWith('--') && w.includes('=')
            ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]
            : [w, null];
        if (flag === '-f' || flag === '--file')
            file = inline ?? rest[++i] ?? null;
        else if (flag === '--target')
            target = inline ?? rest[++i] ?? null;
        else if (VALUE_FLAGS.has(flag)) {
            if (inline === null)
                i++;
        }
        else if (!w.startsWith('-'))
            context = w;
    }
    return { file, target, context: context ?? '.' };
}
/** Service, target or profile names of things that are not deployed. */
const NOT_DEPLOYED_NAME = /^(dev|develop|development|local|debug|test|tests|testing|e2e|ci|deprecated|legacy|old)$/i;
const unresolved = (value) => /\$\{\{|\$\w|\$\{/.test(value);
/** Resolves `${{ env.X }}` from the job's and the workflow's env; null when something stays unresolved. */
function resolveExpression(value, env) {
    const out = value.replace(/\$\{\{\s*env\.([A-Za-z_][\w]*)\s*\}\}/g, (_m, name) => env[name] ?? '${{?}}');
    return unresolved(out) ? null : out;
}
/** A path written relative to a folder (a context, a compose file, a working directory), in the repository. */
function within(base, path) {
    return (0,util_text/* normaliseRelative */.Z8)((0,util_text/* posixJoin */.iO)(base, path));
}
function chainOf(parsed, target) {
    const chain = [];
    let stage = target === null ? parsed.stages[parsed.stages.length - 1] : parsed.stages.find(s => s.name === target);
    while (stage && !chain.includes(stage)) {
        chain.push(stage);
        const base = stage.image.toLowerCase();
        stage = parsed.stages.find(s => s.name === base && s !== stage);
    }
    return chain;
}
/** The stages the image of `target` is built from: its FROM chain and every stage it copies from. */
function contributingStages(parsed, target) {
    const result = [];
    const queue = chainOf(parsed, target);
    while (queue.length > 0) {
        const stage = queue.shift();
        if (result.includes(stage))
            continue;
        result.push(stage);
        for (const instruction of stage.instructions) {
            const from = instruction.args.find(a => /^--from=/i.test(a));
            if (!from)
                continue;
            const name = from.slice(7).toLowerCase();
            const index = /^\d+$/.test(name) ? Number(name) : -1;
            const source = index >= 0 ? parsed.stages[index] : parsed.stages.find(s => s.name === name);
            if (source)
                queue.push(...chainOf(parsed, source.name ?? null).filter(s => !result.includes(s)));
        }
    }
    return result;
}

function analyseDeployment(repo) {
    const images = new Map();
    // every Dockerfile the walk found is read (files.ts): `text` says which exist
    const addImage = (image) => {
        if (!repo.text.has(image.file) || !repo.scope.inScope(image.file))
            return;
        const key = `${image.file}#${image.target ?? ''}`;
        const known = images.get(key);
        if (known)
            known.listens ||= image.listens;
        else
            images.set(key, image);
    };
    const pm2Files = new Map();
    const deployScripts = new Map();
    const containerScripts = new Set();
    const taskDefinitions = new Map();
    const rendered = new Map();
    const deployJobs = [];
    const unread = new Set();
    const addTaskDefinition = (file, evidence) => {
        if (!file || taskDefinitions.has(file))
            return;
        if (!repo.text.has(file))
            unread.add(file);
        const definition = readTaskDefinition(repo.parsed.json(file), repo.text.get(file) ?? '');
        if (definition)
            taskDefinitions.set(file, { file, evidence, definition, renderedContainers: new Set() });
    };
    const mentionsFile = (text, dir, exists, add) => {
        for (const w of words(text)) {
            const path = within(dir, w.replace(/^\.\//, ''));
            if (path && exists(path))
                add(path);
        }
    };
    // 1. workflows: images they build, task definitions they register, scripts and PM2 configs deploy jobs run
    for (const file of [...repo.text.keys()].filter(files/* isWorkflowPath */.$u).sort()) {
        const workflow = repo.parsed.workflow(file);
        if (!workflow)
            continue;
        for (const job of workflow.jobs) {
            const env = { ...workflow.env, ...job.env };
            const deployAt = (0,workflow_deploy/* deployLine */.IV)(job);
            if (deployAt !== null)
                deployJobs.push({ file, job, line: deployAt });
            for (const step of job.steps) {
                const cwd = step.workingDirectory ? (resolveExpression(step.workingDirectory, env) ?? '') : '';
                const at = `${file}:${step.line}`;
                for (const image of imagesFromStep(step, env, at, cwd))
                    if (!(image.target ?? '').split(/[-_.]/).some(n => NOT_DEPLOYED_NAME.test(n)))
                        addImage(image);
                const withValue = (key) => step.with[key] === undefined ? null : resolveExpression(step.with[key], env);
                if (step.uses && /amazon-ecs-render-task-definition/i.test(step.uses)) {
                    const path = withValue('task-definition');
                    const container = withValue('container-name');
                    if (path) {
                        const normal = (0,util_text/* normaliseRelative */.Z8)(path);
                        if (normal) {
                            addTaskDefinition(normal, `rendered and deployed by ${at}`);
                            if (container)
                                rendered.set(normal, new Set([...(rendered.get(normal) ?? []), container]));
                        }
                    }
                }
                if (step.uses &&
                    (/amazon-ecs-deploy-task-definition/i.test(step.uses) ||
                        (/shipgate/i.test(step.uses) && step.with.command === 'deploy'))) {
                    const path = withValue('task-definition');
                    if (path)
                        addTaskDefinition((0,util_text/* normaliseRelative */.Z8)(path), `deployed by ${at}`);
                }
                if (!step.run)
                    continue;
                for (const l of logicalLines(step.run, step.runLines[0] ?? step.line)) {
                    const line = resolveExpression(l.text, env) ?? l.text;
                    const register = /(?:register-task-definition|shipgate\s+deploy)\b.*?(?:--cli-input-json\s+file:\/\/|--task-definition[\s=]+)(\S+)/.exec(line);
                    if (register)
                        addTaskDefinition(within(cwd, register[1].replace(/^["']|["']$/g, '')), `deployed by ${file}:${l.line}`);
                    if (deployAt === null)
                        continue;
                    const evidence = `run by job '${job.id}' (${file}:${l.line}), which deploys`;
                    mentionsFile(line, cwd, p => (0,files/* isShellScriptPath */.BM)(p) && repo.text.has(p), p => deployScripts.set(p, deployScripts.get(p) ?? evidence));
                    if (/\bpm2\b/.test(line))
                        mentionsFile(line, cwd, p => (0,files/* isPm2ConfigPath */.rp)(p) && repo.text.has(p), p => pm2Files.set(p, pm2Files.get(p) ?? `started by ${file}:${l.line}`));
                }
            }
        }
    }
    // 2. compose files (in scope, not test or dev variants): the images their services build;
    // services for development, tests or kept only for compatibility (a `deprecated` profile) are not
    const notDeployed = new Set();
    for (const file of [...repo.text.keys()].filter(files/* isComposePath */.En).sort()) {
        if (!repo.scope.inScope(file))
            continue;
        const compose = repo.parsed.compose(file);
        if (!compose)
            continue;
        const dir = (0,util_text/* dirnameOf */.az)(file);
        for (const service of compose.services) {
            if (!service.build || unresolved(service.build.context))
                continue;
            const context = within(dir, service.build.context) ?? '';
            const dockerfile = service.build.dockerfile ?? 'Dockerfile';
            if (unresolved(dockerfile))
                continue;
            const names = [service.name, service.build.target ?? '', ...service.profiles].flatMap(n => n.split(/[-_.]/));
            if (names.some(n => NOT_DEPLOYED_NAME.test(n))) {
                notDeployed.add(within(context, dockerfile) ?? dockerfile);
                continue;
            }
            addImage({
                file: within(context, dockerfile) ?? dockerfile,
                target: service.build.target?.toLowerCase() ?? null,
                context,
                evidence: `built by service '${service.name}' of ${file}:${service.line}`,
                listens: service.listens
            });
        }
    }
    // 3. a plain `Dockerfile` in a folder in scope is what `docker build <folder>` builds
    for (const file of [...repo.text.keys()].filter(files/* isDockerfilePath */.e4).sort()) {
        if (!/^(dockerfile|containerfile)$/i.test((0,util_text/* basenameOf */.Sv)(file)) || !repo.scope.inScope(file))
            continue;
        if ([...images.values()].some(i => i.file === file) || notDeployed.has(file))
            continue;
        addImage({
            file,
            target: null,
            context: (0,util_text/* dirnameOf */.az)(file),
            evidence: `${file} is the default build of ${(0,util_text/* dirnameOf */.az)(file) || 'the repository root'}`,
            listens: false
        });
    }
    // scripts an image copies in and starts run inside it, not on the deploy host
    for (const image of images.values()) {
        const parsed = repo.parsed.dockerfile(image.file);
        if (!parsed)
            continue;
        for (const stage of parsed.stages)
            for (const i of stage.instructions)
                if (i.keyword === 'COPY' ||
                    i.keyword === 'ADD' ||
                    i.keyword === 'ENTRYPOINT' ||
                    i.keyword === 'CMD' ||
                    i.keyword === 'RUN')
                    for (const a of i.args) {
                        const path = within(image.context, a.replace(/^\.\//, ''));
                        if (path && (0,files/* isShellScriptPath */.BM)(path) && repo.text.has(path))
                            containerScripts.add(path);
                        if (path && (0,files/* isPm2ConfigPath */.rp)(path) && repo.text.has(path) && repo.scope.inScope(path))
                            pm2Files.set(path, pm2Files.get(path) ?? `copied into the image built from ${image.file}`);
                    }
    }
    // 4. package.json scripts that deploy, and deploy-named scripts in scope
    const pkg = repo.parsed.json('package.json');
    const scripts = (pkg?.scripts ?? {});
    for (const [name, command] of Object.entries(scripts)) {
        if (typeof command !== 'string')
            continue;
        const deployish = /deploy|release|^start(:prod(uction)?)?$|^serve$|^prod(uction)?$/i.test(name);
        if (!deployish)
            continue;
        mentionsFile(command, '', p => (0,files/* isShellScriptPath */.BM)(p) && repo.text.has(p), p => deployScripts.set(p, deployScripts.get(p) ?? `run by package.json script '${name}'`));
        if (/\bpm2\b/.test(command))
            mentionsFile(command, '', p => (0,files/* isPm2ConfigPath */.rp)(p) && repo.text.has(p), p => pm2Files.set(p, pm2Files.get(p) ?? `started by package.json script '${name}'`));
    }
    for (const file of [...repo.text.keys()].filter(files/* isShellScriptPath */.BM)) {
        if (!repo.scope.inScope(file) || containerScripts.has(file) || deployScripts.has(file))
            continue;
        if (/^(deploy|release|ship|rollout|update|restart|start|provision|production|prod)([-_.].*)?\.(sh|bash)$/i.test((0,util_text/* basenameOf */.Sv)(file)))
            deployScripts.set(file, `${file} is named for a deploy`);
        else if (/^(GNUmakefile|Makefile|makefile)$/.test((0,util_text/* basenameOf */.Sv)(file)) && (0,util_text/* dirnameOf */.az)(file) === '')
            deployScripts.set(file, 'its deploy targets');
    }
    // PM2 configs the deploy scripts start
    for (const script of deployScripts.keys())
        for (const l of (repo.text.get(script) ?? '').split('\n'))
            if (/\bpm2\b/.test(l))
                mentionsFile(l, '', p => (0,files/* isPm2ConfigPath */.rp)(p) && repo.text.has(p), p => pm2Files.set(p, pm2Files.get(p) ?? `started by ${script}`));
    // a PM2 config at the root of the repository is the app's, by convention
    for (const file of [...repo.text.keys()].filter(files/* isPm2ConfigPath */.rp))
        if (!file.includes('/') && !pm2Files.has(file) && repo.scope.inScope(file))
            pm2Files.set(file, `${file} is the repository's PM2 config`);
    for (const file of [...pm2Files.keys()])
        if (!repo.scope.inScope(file))
            pm2Files.delete(file);
    // 5. ECS task definitions: named by --task-definition, or found by name and content
    for (const file of repo.taskDefinitionFlags)
        addTaskDefinition(file, `named by --task-definition`);
    for (const file of [...repo.text.keys()].filter(files/* isTaskDefinitionCandidate */.c6).sort())
        if (repo.scope.inScope(file))
            addTaskDefinition(file, `${file} is an ECS task definition (by name and content)`);
    for (const [file, containers] of rendered) {
        const known = taskDefinitions.get(file);
        if (known)
            for (const c of containers)
                known.renderedContainers.add(c);
    }
    return {
        images: [...images.values()].sort((a, b) => a.file.localeCompare(b.file) || (a.target ?? '').localeCompare(b.target ?? '')),
        pm2Files,
        deployScripts,
        containerScripts,
        taskDefinitions: [...taskDefinitions.values()],
        deployJobs,
        unread: [...unread]
    };
}
function imagesFromStep(step, env, at, cwd) {
    const result = [];
    if (step.uses &&
        /docker\/build-push-action|docker\/bake-action|redhat-actions\/buildah-build/i.test(step.uses)) {
        const context = resolveExpression(step.with.context ?? '.', env);
        const file = step.with.file ?? step.with.dockerfile ?? step.with.containerfiles;
        const resolvedFile = file === undefined ? null : resolveExpression(file, env);
        if (context !== null && (file === undefined || resolvedFile !== null)) {
            const ctx = within(cwd, context) ?? '';
            result.push({
                file: resolvedFile ? ((0,util_text/* normaliseRelative */.Z8)(resolvedFile) ?? resolvedFile) : (0,util_text/* posixJoin */.iO)(ctx, 'Dockerfile'),
                target: step.with.target ? (resolveExpression(step.with.target, env)?.toLowerCase() ?? null) : null,
                context: ctx,
                evidence: `built by ${at} (${step.uses.replace(/@.*$/, '')})`,
                listens: false
            });
        }
    }
    if (step.run)
        for (const l of logicalLines(step.run, step.runLines[0] ?? step.line)) {
            const line = resolveExpression(l.text, env);
            const build = line ? dockerBuildIn(line) : null;
            if (!build || unresolved(build.context) || (build.file && unresolved(build.file)))
                continue;
            const ctx = within(cwd, build.context) ?? '';
            result.push({
                file: build.file ? (within(cwd, build.file) ?? build.file) : (0,util_text/* posixJoin */.iO)(ctx, 'Dockerfile'),
                target: build.target?.toLowerCase() ?? null,
                context: ctx,
                evidence: `built by ${at.replace(/:\d+$/, `:${l.line}`)} (docker build)`,
                listens: false
            });
        }
    return result;
}


/***/ }),

/***/ 98940:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ fileNamePrefilter),
/* harmony export */   o: () => (/* binding */ gitignoreMatcher)
/* harmony export */ });
/* harmony import */ var ignore__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(70298);

/** `ignore` is CommonJS with an ESM-style default in its types: take whichever callable Node hands us. */
const factory = (ignore__WEBPACK_IMPORTED_MODULE_0__["default"] ??
    ignore__WEBPACK_IMPORTED_MODULE_0__);
/** A matcher with .gitignore semantics (also used for .dockerignore). */
function gitignoreMatcher(text = '') {
    return factory().add(text);
}
/**
 * A fast pre-check for files: false when no pattern of the .gitignore text could match a file
 * with this name (its parents were checked on the way down), so the full matcher is skipped for
 * most files of a large tree. Null when a pattern is too rich to judge by name (`**`, `[...]`,
 * escapes): then every file goes through the matcher.
 */
function fileNamePrefilter(text) {
    const alternatives = [];
    for (const raw of text.split(/\r?\n/)) {
        let line = raw.replace(/\s+$/, '');
        if (line === '' || line.startsWith('#'))
            continue;
        if (line.startsWith('!'))
            line = line.slice(1);
        if (line.endsWith('/'))
            continue; // matches directories only
        const segment = line.slice(line.lastIndexOf('/') + 1);
        if (segment === '' || /[\\[\]]|\*\*/.test(segment))
            return null;
        alternatives.push(segment
            .replace(/[.+^${}()|]/g, c => `\\${c}`)
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'));
    }
    if (alternatives.length === 0)
        return () => false;
    // ignore() matches case-insensitively by default; so does this
    const pattern = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
    return name => pattern.test(name);
}


/***/ }),

/***/ 89383:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ startCommands),
/* harmony export */   BR: () => (/* binding */ buildCommandIn),
/* harmony export */   Jo: () => (/* binding */ isUnder),
/* harmony export */   T6: () => (/* binding */ productionStarts),
/* harmony export */   Wm: () => (/* binding */ jsonKeyLine),
/* harmony export */   cS: () => (/* binding */ tsconfigInfo),
/* harmony export */   e0: () => (/* binding */ pm2Apps),
/* harmony export */   e9: () => (/* binding */ hasBuildScript),
/* harmony export */   gB: () => (/* binding */ moduleTypeOf),
/* harmony export */   nm: () => (/* binding */ sourceFor),
/* harmony export */   yp: () => (/* binding */ outputCandidates),
/* harmony export */   z2: () => (/* binding */ packageInfo),
/* harmony export */   zI: () => (/* binding */ startedFileIn)
/* harmony export */ });
/* unused harmony exports USUAL_OUTPUT_DIRS, readStartCommand */
/* harmony import */ var _files_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89717);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(28805);


/** Pure facts derived from the parsed repository, shared by several rules. */
const USUAL_OUTPUT_DIRS = ['dist', 'build', 'out'];
function packageInfo(repo, file = 'package.json') {
    const text = repo.text.get(file);
    const json = repo.parsed.json(file);
    if (!json || text === undefined)
        return null;
    const scripts = {};
    if (json.scripts && typeof json.scripts === 'object')
        for (const [k, v] of Object.entries(json.scripts))
            if (typeof v === 'string')
                scripts[k] = v;
    const type = json.type === 'module' ? 'module' : json.type === 'commonjs' ? 'commonjs' : null;
    return { file, json, type, scripts, text };
}
/** Line of `"key":` in a JSON text (first occurrence), or 1. */
function jsonKeyLine(text, key) {
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .lineOf */ .cA)(text, `"${key}"`) ?? 1;
}
/** The nearest package.json above a file decides how Node loads a `.js`. */
function moduleTypeOf(repo, file) {
    if (file.endsWith('.mjs'))
        return { type: 'module', pkg: null };
    if (file.endsWith('.cjs'))
        return { type: 'commonjs', pkg: null };
    let dir = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .dirnameOf */ .az)(file);
    for (;;) {
        const pkg = packageInfo(repo, (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .posixJoin */ .iO)(dir, 'package.json'));
        if (pkg)
            return { type: pkg.type ?? 'commonjs', pkg: pkg.file };
        if (dir === '')
            return { type: 'commonjs', pkg: null };
        dir = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .dirnameOf */ .az)(dir);
    }
}
function tsconfigInfo(repo) {
    const text = repo.text.get('tsconfig.json');
    const json = repo.parsed.json('tsconfig.json');
    if (!json || text === undefined)
        return null;
    const options = (json.compilerOptions ?? {});
    const outDir = typeof options.outDir === 'string' ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(options.outDir) : null;
    const rootDir = typeof options.rootDir === 'string' ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(options.rootDir) : null;
    return { outDir: outDir || null, rootDir, line: outDir ? jsonKeyLine(text, 'outDir') : 1 };
}
/** Directories a build writes to: tsconfig outDir, package.json main/bin, and the usual names. */
function outputCandidates(repo) {
    const found = new Map();
    const ts = tsconfigInfo(repo);
    if (ts?.outDir)
        found.set(ts.outDir, 'tsconfig.json outDir');
    const pkg = packageInfo(repo);
    if (pkg && typeof pkg.json.main === 'string') {
        const top = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(pkg.json.main)?.split('/')[0];
        if (top && USUAL_OUTPUT_DIRS.concat(['lib']).includes(top) && !found.has(top))
            found.set(top, 'package.json main');
    }
    // dist/ is a build output by convention; build/ and out/ only when package.json names them
    // (a build/ folder often holds build tooling, not output)
    for (const dir of USUAL_OUTPUT_DIRS)
        if (!found.has(dir) && (dir === 'dist' || (pkg?.text.includes(`${dir}/`) ?? false)))
            found.set(dir, 'usual name');
    return [...found.entries()].map(([dir, origin]) => ({ dir, origin }));
}
const SOURCE_RUNNERS = ['tsx', 'ts-node', 'ts-node-esm', 'ts-node-dev', 'tsnd', 'bun'];
const SOURCE_EXT = /\.(ts|mts|cts|tsx)$/;
const JS_EXT = /\.(js|mjs|cjs)$/;
function tokens(command) {
    return command.split(/\s+/).filter(t => t !== '');
}
/** Reads a shell-like start command: `tsx src/server.ts`, `node --import tsx src/x.ts`, `node dist/server.js`. */
function readStartCommand(command) {
    const words = tokens(command.replace(/&&.*$/, ''));
    let sourceRunner = null;
    let entry = null;
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(word);
        if (SOURCE_RUNNERS.includes(base) && !sourceRunner)
            sourceRunner = base;
        if (/^--(experimental-strip-types|experimental-transform-types)$/.test(word))
            sourceRunner ??= `node ${word}`;
        if (/^--(import|loader|require|r)$/.test(word) && /^(tsx|ts-node)/.test(words[i + 1] ?? ''))
            sourceRunner ??= `node ${word} ${words[i + 1]}`;
        if (/^--(import|loader)=(tsx|ts-node)/.test(word))
            sourceRunner ??= `node ${word}`;
        if (!entry && !word.startsWith('-') && (SOURCE_EXT.test(word) || JS_EXT.test(word))) {
            entry = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(word);
            if (SOURCE_EXT.test(word) && !sourceRunner && /^node$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .basenameOf */ .Sv)(words[0] ?? '')))
                sourceRunner = 'node (type stripping)';
        }
    }
    return { sourceRunner, entry };
}
/** The apps of the PM2 configs in scope (deployed or not: see `deployment.pm2Files`). */
function pm2Apps(repo) {
    const apps = [];
    for (const file of [...repo.text.keys()].sort())
        if ((0,_files_js__WEBPACK_IMPORTED_MODULE_1__/* .isPm2ConfigPath */ .rp)(file) && repo.scope.inScope(file))
            apps.push(...repo.parsed.pm2Apps(file));
    return apps;
}
function asText(value) {
    return Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : '';
}
function startCommands(repo) {
    const result = [];
    const pkg = packageInfo(repo);
    let pkgStart = null;
    if (pkg?.scripts.start) {
        pkgStart = {
            file: pkg.file,
            line: jsonKeyLine(pkg.text, 'start'),
            label: "package.json script 'start'",
            evidence: "package.json script 'start' (npm start)",
            ...readStartCommand(pkg.scripts.start)
        };
    }
    for (const app of pm2Apps(repo)) {
        const deployed = repo.deployment.pm2Files.get(app.file);
        if (!deployed)
            continue;
        const script = app.props.get('script');
        if (!script || typeof script.value !== 'string')
            continue;
        const args = asText(app.props.get('args')?.value);
        const interpreter = asText(app.props.get('interpreter')?.value);
        const interpreterArgs = [app.props.get('interpreter_args'), app.props.get('node_args')]
            .map(v => asText(v?.value))
            .join(' ');
        const label = `PM2 app '${app.name ?? '?'}'`;
        const cwd = app.props.get('cwd');
        const base = typeof cwd?.value === 'string' ? ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(cwd.value) ?? '') : (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .dirnameOf */ .az)(app.file);
        const scriptWord = script.value.trim();
        if (/^(npm|yarn|pnpm)$/.test(scriptWord) && /^(run\s+)?start\b/.test(args.trim()) && pkgStart) {
            result.push({ ...pkgStart, file: app.file, line: script.line, label, app, evidence: deployed });
            continue;
        }
        const read = readStartCommand(`${interpreter} ${interpreterArgs} ${scriptWord} ${args}`);
        if (!read.sourceRunner && SOURCE_EXT.test(scriptWord))
            read.sourceRunner = interpreter || 'a TypeScript loader';
        result.push({
            file: app.file,
            line: script.line,
            label,
            sourceRunner: read.sourceRunner,
            entry: read.entry ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .posixJoin */ .iO)(base, read.entry) : null,
            app,
            evidence: deployed
        });
    }
    // the process manager's view first: it is what runs on the server
    if (pkgStart)
        result.push(pkgStart);
    return result;
}
/** What runs in production: the process manager's apps when there are any, else package.json start. */
function productionStarts(repo) {
    const all = startCommands(repo);
    const managed = all.filter(s => s.app);
    return managed.length > 0 ? managed : all;
}
/** `npm run build`, `yarn build`, `pnpm run build`, `tsc` (not `tsc --noEmit`), on one shell line. */
function buildCommandIn(line) {
    const code = line.replace(/(^|\s)#.*$/, '');
    const npm = /\b(npm|pnpm|yarn|bun)\s+(run\s+)?build(?![\w:-])/.exec(code);
    if (npm)
        return npm[0];
    const tsc = /(^|[\s;&|(])((npx\s+)?tsc)(\s[^;&|]*)?(?=$|[;&|)])/.exec(code);
    if (tsc && !/--noEmit|--build\s+--dry|-v\b|--version/.test(tsc[4] ?? ''))
        return tsc[2].trim();
    return null;
}
/** `node dist/server.js`, `pm2 start dist/server.js`: the JavaScript file a shell line starts. */
function startedFileIn(line) {
    const code = line.replace(/(^|\s)#.*$/, '');
    const match = /\b(?:node|pm2\s+(?:start|restart|reload|startOrReload|startOrRestart))\s+(?:-[-\w=]*\s+)*([\w./@-]+\.(?:c|m)?js)\b/.exec(code);
    return match ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .normaliseRelative */ .Z8)(match[1]) : null;
}
/** Maps a file under an output dir back to the source the build compiles it from (dist/a.js -> src/a.ts). */
function sourceFor(repo, outputFile, outDir) {
    const ts = tsconfigInfo(repo);
    const rootDir = ts?.rootDir ?? 'src';
    const rest = outputFile.slice(outDir.length + 1).replace(/\.(c|m)?js$/, '');
    const files = repo.fileSet;
    for (const ext of ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']) {
        const candidate = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_0__/* .posixJoin */ .iO)(rootDir, rest + ext);
        if (files.has(candidate))
            return candidate;
    }
    return null;
}
function isUnder(path, dir) {
    return path === dir || path.startsWith(`${dir}/`);
}
/**
 * package.json has a build that writes more than tsconfig says (next build, webpack, a script of
 * its own): files under its output folder cannot be traced from the repository. A plain `tsc`
 * can.
 */
function hasBuildScript(repo) {
    const pkg = packageInfo(repo);
    if (!pkg)
        return false;
    return Object.entries(pkg.scripts).some(([k, v]) => /^build(:|$)/.test(k) && !/^(npx\s+)?tsc(\s+(-p|--project)\s+\S+|\s+-b|\s+--build)*\s*$/.test(v.trim()));
}


/***/ }),

/***/ 96257:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ev: () => (/* binding */ runsTests),
/* harmony export */   IV: () => (/* binding */ deployLine),
/* harmony export */   WB: () => (/* binding */ testsBeforeDeploy)
/* harmony export */ });
/** Which workflow jobs deploy and which run the tests: pure, apart from the YAML parser. */
// `docker compose up` on the runner starts a stack for tests (an e2e job): a deploy only with a
// remote host or context.
const DEPLOY_RUN = /\b(pm2\s+(deploy|reload|restart|start|startOrReload|startOrRestart)|shipgate\s+deploy|kubectl\s+(apply|rollout|set\s+image)|helm\s+(upgrade|install)|aws\s+ecs\s+update-service|ecs\s+deploy|fly(ctl)?\s+deploy|vercel\b.*--prod|netlify\s+deploy|serverless\s+deploy|sls\s+deploy|cap\s+\w+\s+deploy|kamal\s+deploy|docker\s+stack\s+deploy|docker(-compose|\s+compose)?\s+(-H|--host|--context|-c)\s+\S+.*\bup\b|DOCKER_HOST=ssh:\S+.*compose.*\bup\b|npm\s+run\s+deploy|rsync\b.*@|scp\b.*:)/;
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
    // named for a deploy, and does something besides setting up, building and testing
    if (/deploy/i.test(`${job.id} ${job.name ?? ''}`) &&
        job.steps.some(s => s.run !== null && !SETUP_ONLY.test(s.run.trim())))
        return job.line;
    return null;
}
const SETUP_ONLY = /^((npm|pnpm|yarn|bun)\s+((run\s+)?(build|test|lint|install|ci|i)\b|--filter\s+\S+\s+(run\s+)?build\b)|go\s+(build|test|mod)|make\s+(build|test)|echo\b)[^\n]*$/;
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


/***/ })

};

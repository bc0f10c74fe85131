export const id = 16;
export const ids = [16];
export const modules = {

/***/ 3016:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadEnv: () => (/* binding */ loadEnv),
  loadRepo: () => (/* binding */ loadRepo),
  walkRepository: () => (/* binding */ walkRepository)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./lib/validate/gitignore.js
var gitignore = __webpack_require__(98940);
// EXTERNAL MODULE: ./lib/errors.js
var errors = __webpack_require__(452);
// EXTERNAL MODULE: ./lib/validate/deployment.js + 1 modules
var deployment = __webpack_require__(80234);
// EXTERNAL MODULE: ./lib/validate/files.js
var validate_files = __webpack_require__(89717);
// EXTERNAL MODULE: ./lib/util/text.js
var util_text = __webpack_require__(28805);
;// CONCATENATED MODULE: ./lib/validate/parsed.js


function parserKindsFor(paths) {
    const kinds = new Set();
    for (const path of paths) {
        if ((0,validate_files/* isDockerfilePath */.e4)(path))
            kinds.add('docker');
        else if ((0,validate_files/* isWorkflowPath */.$u)(path))
            kinds.add('workflow');
        else if ((0,validate_files/* isPm2ConfigPath */.rp)(path))
            kinds.add('pm2');
        else if ((0,validate_files/* isComposePath */.En)(path))
            kinds.add('compose');
        else if (/\.(c|m)?js$/.test(path))
            kinds.add('js');
    }
    return kinds;
}
/**
 * Every file of the snapshot parsed at most once, whichever rules ask for it: one shared memo
 * per parser. Parsers are loaded ahead (async) by `load`; the accessors are synchronous, so
 * rules stay pure functions.
 */
class ParsedFiles {
    text;
    modules = {};
    memo = new Map();
    /** How many times each `kind:file` was parsed (always 1 at most: the memo is the point). */
    parses = new Map();
    constructor(text) {
        this.text = text;
    }
    async load(kinds) {
        for (const kind of kinds) {
            if (this.modules[kind])
                continue;
            if (kind === 'docker')
                this.modules.docker = await Promise.all(/* import() */[__webpack_require__.e(279), __webpack_require__.e(288)]).then(__webpack_require__.bind(__webpack_require__, 93288));
            if (kind === 'js')
                this.modules.js = await Promise.all(/* import() */[__webpack_require__.e(559), __webpack_require__.e(480)]).then(__webpack_require__.bind(__webpack_require__, 37480));
            if (kind === 'pm2')
                this.modules.pm2 = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(559), __webpack_require__.e(733)]).then(__webpack_require__.bind(__webpack_require__, 93733));
            if (kind === 'workflow')
                this.modules.workflow = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(197)]).then(__webpack_require__.bind(__webpack_require__, 20197));
            if (kind === 'compose')
                this.modules.compose = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(390)]).then(__webpack_require__.bind(__webpack_require__, 31390));
        }
    }
    once(kind, file, parse) {
        const key = `${kind}:${file}`;
        if (this.memo.has(key))
            return this.memo.get(key);
        const text = this.text.get(file);
        // a file not read (yet) is not remembered: the loader may read it once evidence names it
        if (text === undefined)
            return null;
        this.parses.set(key, (this.parses.get(key) ?? 0) + 1);
        const value = parse(text);
        this.memo.set(key, value);
        return value;
    }
    json(file) {
        return this.once('json', file, text => (0,util_text/* parseJsonLoose */.Ml)(text));
    }
    dockerfile(file) {
        const docker = this.modules.docker;
        if (!docker)
            return null;
        return this.once('docker', file, text => {
            const parsed = docker.parseDockerfile(text);
            return parsed.stages.length > 0 ? parsed : null;
        });
    }
    pm2Apps(file) {
        const pm2 = this.modules.pm2;
        if (!pm2)
            return [];
        return this.once('pm2', file, text => pm2.parsePm2Config(file, text) ?? []) ?? [];
    }
    workflow(file) {
        const workflow = this.modules.workflow;
        if (!workflow)
            return null;
        return this.once('workflow', file, text => workflow.parseWorkflowFile(text));
    }
    compose(file) {
        const compose = this.modules.compose;
        if (!compose)
            return null;
        return this.once('compose', file, text => compose.parseCompose(text));
    }
    module(file) {
        const js = this.modules.js;
        if (!js)
            return null;
        return this.once('module', file, text => {
            const program = js.parseJavaScript(text);
            return program ? js.analyzeModule(program) : null;
        });
    }
}

// EXTERNAL MODULE: ./lib/validate/project.js
var project = __webpack_require__(89383);
;// CONCATENATED MODULE: ./lib/validate/scope.js



/**
 * What validate speaks about: what is deployed or published. Trees of tests, fixtures, examples,
 * end-to-end suites, docs and templates, backup files, and test or development variants of
 * Dockerfiles, compose files and scripts are left out, unless `.github/shipgate.yml` names them
 * (`validate.include`); `validate.exclude` leaves out more.
 */
const OUT_OF_SCOPE_DIRS = new Set([
    'test',
    'tests',
    '__tests__',
    '__test__',
    'spec',
    'specs',
    'fixture',
    'fixtures',
    '__fixtures__',
    'testdata',
    'test-data',
    'example',
    'examples',
    'sample',
    'samples',
    'demo',
    'demos',
    'e2e',
    'integration-test',
    'integration-tests',
    'cypress',
    'playwright',
    'docs',
    'doc',
    'documentation',
    'template',
    'templates',
    'mock',
    'mocks',
    '__mocks__',
    'bench',
    'benchmark',
    'benchmarks',
    'stories',
    '.storybook'
]);
const BACKUP = /(\.(bak|orig|old|backup|save|swp|tmp|rej)|~)$/i;
/** Name parts of a file made for tests, not for a release. */
const TEST_PART = /^(test|tests|e2e|spec|ci|integration|testing)$/i;
/** Name parts of a file made for a developer's machine. */
const DEV_PART = /^(dev|develop|development|local|debug|devcontainer)$/i;
/** The name parts of a file: `document.e2e.Dockerfile` -> document, e2e, dockerfile. */
function nameParts(path) {
    return (0,util_text/* basenameOf */.Sv)(path)
        .split(/[.\-_]/)
        .filter(Boolean);
}
function builtInReason(path) {
    const segments = path.split('/');
    for (const dir of segments.slice(0, -1))
        if (OUT_OF_SCOPE_DIRS.has(dir.toLowerCase()))
            return `under ${dir}/`;
    const base = segments[segments.length - 1];
    if (BACKUP.test(base))
        return 'a backup file';
    const parts = nameParts(path);
    // .env.test, .env.development: settings for tests and laptops, not the release's secrets
    if (/^\.env\./.test(base) && parts.some(p => TEST_PART.test(p) || DEV_PART.test(p)))
        return 'an env file for tests or development';
    const kindOfFile = (0,validate_files/* isDockerfilePath */.e4)(path) || (0,validate_files/* isComposePath */.En)(path) || (0,validate_files/* isShellScriptPath */.BM)(path);
    if (kindOfFile && parts.some(p => TEST_PART.test(p)))
        return 'named for tests';
    if (((0,validate_files/* isDockerfilePath */.e4)(path) || (0,validate_files/* isComposePath */.En)(path)) && parts.some(p => DEV_PART.test(p)))
        return 'named for development';
    if (((0,validate_files/* isDockerfilePath */.e4)(path) || (0,validate_files/* isComposePath */.En)(path)) && segments.slice(0, -1).some(d => DEV_PART.test(d)))
        return 'in a folder for development';
    return null;
}
function makeScope(config = { include: [], exclude: [] }) {
    const include = config.include.length > 0 ? (0,gitignore/* gitignoreMatcher */.o)(config.include.join('\n')) : null;
    const exclude = config.exclude.length > 0 ? (0,gitignore/* gitignoreMatcher */.o)(config.exclude.join('\n')) : null;
    const cache = new Map();
    const outOfScope = (path) => {
        const known = cache.get(path);
        if (known !== undefined)
            return known;
        let reason;
        if (exclude?.ignores(path))
            reason = 'excluded by validate.exclude';
        else if (include?.ignores(path))
            reason = null;
        else
            reason = builtInReason(path);
        cache.set(path, reason);
        return reason;
    };
    return { outOfScope, inScope: path => outOfScope(path) === null };
}

;// CONCATENATED MODULE: ./lib/validate/load.js











const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_OUTPUT_FILES = 5000;
const MAX_OUTPUT_JS = 200;
function readText(path) {
    try {
        const stat = (0,external_node_fs_.statSync)(path);
        if (!stat.isFile() || stat.size > MAX_TEXT_BYTES)
            return undefined;
        return (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
/** A .pem/.crt-style file that holds certificates only (public) and no private key. */
function isCertificateOnly(root, path, name) {
    if (!/\.(pem|key)$/.test(name))
        return false;
    const text = readText((0,external_node_path_.join)(root, path));
    return text !== undefined && /-----BEGIN CERTIFICATE-----/.test(text) && !/PRIVATE KEY-----/.test(text);
}
/**
 * Lists the files git would see: skips node_modules, .git and everything the .gitignore files
 * (root and nested) ignore, without descending into ignored folders. Synchronous on purpose:
 * readdir with file types is the fastest way through 50,000 files.
 */
function walkRepository(root) {
    const files = [];
    const secretLike = [];
    const rootText = readText((0,external_node_path_.join)(root, '.gitignore')) ?? '';
    const rootIgnore = (0,gitignore/* gitignoreMatcher */.o)(rootText);
    const walk = (rel, matchers) => {
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)(rel === '' ? root : (0,external_node_path_.join)(root, rel), { withFileTypes: true });
        }
        catch {
            return;
        }
        let active = matchers;
        if (rel !== '' && entries.some(e => e.name === '.gitignore' && e.isFile())) {
            const text = readText((0,external_node_path_.join)(root, rel, '.gitignore'));
            if (text)
                active = [
                    ...matchers,
                    { base: rel, ig: (0,gitignore/* gitignoreMatcher */.o)(text), mayMatchFile: (0,gitignore/* fileNamePrefilter */.X)(text) }
                ];
        }
        for (const entry of entries) {
            const name = entry.name;
            const path = rel === '' ? name : `${rel}/${name}`;
            const isDir = entry.isDirectory();
            if (isDir && SKIP_DIRS.has(name))
                continue;
            if (!isDir && !entry.isFile())
                continue;
            const ignored = active.some(m => {
                if (!isDir && m.mayMatchFile && !m.mayMatchFile(name))
                    return false;
                const inBase = m.base === '' ? path : path.slice(m.base.length + 1);
                try {
                    return m.ig.ignores(isDir ? `${inBase}/` : inBase);
                }
                catch {
                    return false; // a name the matcher refuses (e.g. `...`) is not ignored
                }
            });
            if (!isDir && validate_files/* SECRET_FILE */.Yt.test(name) && !isCertificateOnly(root, path, name))
                secretLike.push(path);
            if (ignored)
                continue;
            if (isDir)
                walk(path, active);
            else
                files.push(path);
        }
    };
    walk('', [{ base: '', ig: rootIgnore, mayMatchFile: (0,gitignore/* fileNamePrefilter */.X)(rootText) }]);
    return { files, secretLike, rootIgnore };
}
function boundedFiles(root, dir, limit) {
    const result = [];
    const stack = [dir];
    while (stack.length > 0 && result.length < limit) {
        const rel = stack.pop();
        let entries;
        try {
            entries = (0,external_node_fs_.readdirSync)((0,external_node_path_.join)(root, rel), { withFileTypes: true });
        }
        catch {
            continue;
        }
        for (const e of entries) {
            const path = `${rel}/${e.name}`;
            if (e.isDirectory()) {
                if (!SKIP_DIRS.has(e.name))
                    stack.push(path);
            }
            else if (e.isFile() && result.length < limit) {
                try {
                    result.push({ path, mtimeMs: (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, path)).mtimeMs });
                }
                catch {
                    // vanished while walking
                }
            }
        }
    }
    return result;
}
function gitTrackedFiles(root, pathspecs) {
    try {
        const out = (0,external_node_child_process_.execFileSync)('git', ['ls-files', '-z', '--', ...pathspecs], {
            cwd: root,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'ignore'],
            timeout: 10_000,
            maxBuffer: 64 * 1024 * 1024
        });
        return new Set(out.split('\0').filter(Boolean));
    }
    catch {
        return null;
    }
}
function isGitCheckout(root) {
    for (let dir = (0,external_node_path_.resolve)(root);; dir = (0,external_node_path_.resolve)(dir, '..')) {
        if ((0,external_node_fs_.existsSync)((0,external_node_path_.join)(dir, '.git')))
            return true;
        if ((0,external_node_path_.resolve)(dir, '..') === dir)
            return false;
    }
}
function loadEnv(options, root) {
    if (options.envFile) {
        const path = (0,external_node_path_.resolve)(options.envFile);
        const text = readText(path);
        if (text === undefined)
            throw new errors/* ConfigurationError */.j1(`cannot read '${options.envFile}'`, 'env-file');
        const entries = (0,util_text/* parseDotenv */.qd)(text);
        const rel = (0,external_node_path_.relative)(root, path);
        const display = !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? rel.split(external_node_path_.sep).join('/') : options.envFile;
        return {
            kind: 'file',
            file: display,
            lineCount: (0,util_text/* lineCount */.IC)(text),
            lines: new Map(entries.map(e => [e.name, e.line])),
            values: new Map(entries.map(e => [e.name, e.value]))
        };
    }
    if (!options.checkEnvironment)
        return null;
    const values = new Map();
    for (const [k, v] of Object.entries(options.environment))
        if (v !== undefined)
            values.set(k, v);
    return { kind: 'environment', file: null, lineCount: null, lines: new Map(), values };
}
const noDeployment = {
    images: [],
    pm2Files: new Map(),
    deployScripts: new Map(),
    containerScripts: new Set(),
    taskDefinitions: [],
    deployJobs: [],
    unread: []
};
/**
 * Gathers everything the static rules read and parses it once: all of validate's file-system
 * I/O is here. Parsers load only for the kinds of files the repository has.
 */
async function loadRepo(options) {
    const root = (0,external_node_path_.resolve)(options.dir);
    let stat;
    try {
        stat = (0,external_node_fs_.statSync)(root);
    }
    catch {
        throw new errors/* ConfigurationError */.j1(`'${options.dir}' does not exist`, 'dir');
    }
    if (!stat.isDirectory())
        throw new errors/* ConfigurationError */.j1(`'${options.dir}' is not a directory`, 'dir');
    const walked = walkRepository(root);
    const text = new Map();
    for (const file of walked.files) {
        if (!(0,validate_files/* isInterestingPath */.aJ)(file))
            continue;
        const content = readText((0,external_node_path_.join)(root, file));
        if (content !== undefined)
            text.set(file, content);
    }
    if (!text.has('.gitignore')) {
        const gitignore = readText((0,external_node_path_.join)(root, '.gitignore'));
        if (gitignore !== undefined)
            text.set('.gitignore', gitignore);
    }
    const taskDefinitionFlags = [];
    for (const given of options.taskDefinitions ?? []) {
        const path = (0,external_node_path_.resolve)(root, given);
        const rel = (0,external_node_path_.relative)(root, path).split(external_node_path_.sep).join('/');
        const inRepo = !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel) ? (0,util_text/* normaliseRelative */.Z8)(rel) : null;
        const content = readText(path);
        if (content === undefined || !inRepo)
            throw new errors/* ConfigurationError */.j1(`cannot read '${given}' inside '${options.dir}'`, 'task-definition');
        text.set(inRepo, content);
        taskDefinitionFlags.push(inRepo);
    }
    const parsed = new ParsedFiles(text);
    await parsed.load([...parserKindsFor(text.keys())].filter(k => k !== 'js'));
    let fileSet = null;
    const repo = {
        files: walked.files,
        // built when a rule first needs it: most runs never do, and 50,000 paths cost a GC
        get fileSet() {
            fileSet ??= new Set(walked.files);
            return fileSet;
        },
        text,
        isIgnored: (path, isDir) => walked.rootIgnore.ignores(isDir ? `${path}/` : path),
        gitTracked: null,
        secretLike: walked.secretLike,
        outputs: [],
        sourcesNewestMs: null,
        env: null,
        requireEnv: options.requireEnv,
        taskDefinitionFlags,
        parsed,
        scope: makeScope(options.scope),
        deployment: noDeployment
    };
    repo.deployment = (0,deployment/* analyseDeployment */.ZQ)(repo);
    // evidence can name a file by a path no name rule reads (a task definition as ecs/api.json)
    if (repo.deployment.unread.length > 0) {
        for (const file of repo.deployment.unread) {
            const content = readText((0,external_node_path_.join)(root, file));
            if (content !== undefined)
                text.set(file, content);
        }
        repo.deployment = (0,deployment/* analyseDeployment */.ZQ)(repo);
    }
    const candidates = (0,project/* outputCandidates */.yp)(repo);
    const tracked = isGitCheckout(root)
        ? gitTrackedFiles(root, [...candidates.map(c => c.dir), '.env', '.env.*', '*/.env'])
        : null;
    repo.gitTracked = tracked;
    const outputs = [];
    for (const candidate of candidates) {
        let exists = false;
        try {
            exists = (0,external_node_fs_.statSync)((0,external_node_path_.join)(root, candidate.dir)).isDirectory();
        }
        catch {
            exists = false;
        }
        const found = exists ? boundedFiles(root, candidate.dir, MAX_OUTPUT_FILES) : [];
        const jsFiles = [];
        for (const f of found) {
            if (!/\.(js|mjs|cjs)$/.test(f.path) || jsFiles.length >= MAX_OUTPUT_JS)
                continue;
            const content = readText((0,external_node_path_.join)(root, f.path));
            if (content === undefined)
                continue;
            text.set(f.path, content);
            jsFiles.push(f.path);
        }
        outputs.push({
            dir: candidate.dir,
            origin: candidate.origin,
            exists,
            fileCount: found.length,
            tracked: [...(tracked ?? [])].filter(t => t.startsWith(`${candidate.dir}/`)).sort(),
            newestMs: found.length ? Math.max(...found.map(f => f.mtimeMs)) : null,
            jsFiles: jsFiles.sort()
        });
    }
    repo.outputs = outputs;
    // package.json files inside the outputs decide their module format
    for (const out of outputs)
        if (out.exists) {
            const pkg = readText((0,external_node_path_.join)(root, out.dir, 'package.json'));
            if (pkg !== undefined)
                text.set(`${out.dir}/package.json`, pkg);
        }
    if (outputs.some(o => o.exists)) {
        const sourceDir = (0,project/* tsconfigInfo */.cS)(repo)?.rootDir || 'src';
        const sources = boundedFiles(root, sourceDir, MAX_OUTPUT_FILES).filter(f => /\.(m|c)?[tj]sx?$/.test(f.path));
        repo.sourcesNewestMs = sources.length ? Math.max(...sources.map(f => f.mtimeMs)) : null;
    }
    // the files the start commands name, even when ignored (a built entry on a server)
    for (const start of (0,project/* startCommands */.$d)(repo)) {
        if (!start.entry || text.has(start.entry))
            continue;
        const content = readText((0,external_node_path_.join)(root, start.entry));
        if (content !== undefined)
            text.set(start.entry, content);
    }
    if ([...text.keys()].some(f => /\.(c|m)?js$/.test(f)))
        await parsed.load(['js']);
    repo.env = options.env !== undefined ? options.env : loadEnv(options, root);
    return repo;
}


/***/ })

};

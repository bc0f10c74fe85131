export const id = 384;
export const ids = [384];
export const modules = {

/***/ 1384:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadEnv: () => (/* binding */ loadEnv),
/* harmony export */   loadSnapshot: () => (/* binding */ loadSnapshot),
/* harmony export */   walkRepository: () => (/* binding */ walkRepository)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(76760);
/* harmony import */ var _gitignore_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(98940);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(452);
/* harmony import */ var _project_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(89383);
/* harmony import */ var _rules_dockerfile_secrets_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(94458);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(28805);








const SKIP_DIRS = new Set(['node_modules', '.git']);
const MAX_TEXT_BYTES = 1024 * 1024;
const MAX_OUTPUT_FILES = 5000;
const MAX_OUTPUT_JS = 200;
function readText(path) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(path);
        if (!stat.isFile() || stat.size > MAX_TEXT_BYTES)
            return undefined;
        return (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * Lists the files git would see: skips node_modules, .git and everything the .gitignore files
 * (root and nested) ignore, without descending into ignored folders. Synchronous on purpose:
 * readdir with file types is the fastest way through 50,000 files.
 */
function walkRepository(root) {
    const files = [];
    const secretLike = [];
    const rootText = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, '.gitignore')) ?? '';
    const rootIgnore = (0,_gitignore_js__WEBPACK_IMPORTED_MODULE_3__/* .gitignoreMatcher */ .o)(rootText);
    const walk = (rel, matchers) => {
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(rel === '' ? root : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, rel), { withFileTypes: true });
        }
        catch {
            return;
        }
        let active = matchers;
        if (rel !== '' && entries.some(e => e.name === '.gitignore' && e.isFile())) {
            const text = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, rel, '.gitignore'));
            if (text)
                active = [
                    ...matchers,
                    { base: rel, ig: (0,_gitignore_js__WEBPACK_IMPORTED_MODULE_3__/* .gitignoreMatcher */ .o)(text), mayMatchFile: (0,_gitignore_js__WEBPACK_IMPORTED_MODULE_3__/* .fileNamePrefilter */ .X)(text) }
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
            if (!isDir && _rules_dockerfile_secrets_js__WEBPACK_IMPORTED_MODULE_6__/* .SECRET_FILE */ .Y.test(name))
                secretLike.push(path);
            if (ignored)
                continue;
            if (isDir)
                walk(path, active);
            else
                files.push(path);
        }
    };
    walk('', [{ base: '', ig: rootIgnore, mayMatchFile: (0,_gitignore_js__WEBPACK_IMPORTED_MODULE_3__/* .fileNamePrefilter */ .X)(rootText) }]);
    return { files, secretLike, rootIgnore };
}
function boundedFiles(root, dir, limit) {
    const result = [];
    const stack = [dir];
    while (stack.length > 0 && result.length < limit) {
        const rel = stack.pop();
        let entries;
        try {
            entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, rel), { withFileTypes: true });
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
                    result.push({ path, mtimeMs: (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path)).mtimeMs });
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
        const out = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)('git', ['ls-files', '-z', '--', ...pathspecs], {
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
    for (let dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(root);; dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(dir, '..')) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, '.git')))
            return true;
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(dir, '..') === dir)
            return false;
    }
}
function loadEnv(options, root) {
    if (options.envFile) {
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(options.envFile);
        const text = readText(path);
        if (text === undefined)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`cannot read '${options.envFile}'`, 'env-file');
        const entries = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_7__/* .parseDotenv */ .qd)(text);
        const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, path);
        const display = !rel.startsWith('..') && !(0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(rel) ? rel.split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/') : options.envFile;
        return {
            kind: 'file',
            file: display,
            lineCount: (0,_util_text_js__WEBPACK_IMPORTED_MODULE_7__/* .lineCount */ .IC)(text),
            lines: new Map(entries.map(e => [e.name, e.line])),
            values: new Map(entries.map(e => [e.name, e.value]))
        };
    }
    const values = new Map();
    for (const [k, v] of Object.entries(options.environment))
        if (v !== undefined)
            values.set(k, v);
    return { kind: 'environment', file: null, lineCount: null, lines: new Map(), values };
}
/** Gathers everything the static rules read. All of validate's file-system I/O is here. */
function loadSnapshot(options) {
    const root = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(options.dir);
    let stat;
    try {
        stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(root);
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`'${options.dir}' does not exist`, 'dir');
    }
    if (!stat.isDirectory())
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ConfigurationError */ .j1(`'${options.dir}' is not a directory`, 'dir');
    const walked = walkRepository(root);
    const text = new Map();
    for (const file of walked.files) {
        if (!(0,_project_js__WEBPACK_IMPORTED_MODULE_5__/* .isInterestingPath */ .aJ)(file))
            continue;
        const content = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file));
        if (content !== undefined)
            text.set(file, content);
    }
    if (!text.has('.gitignore')) {
        const gitignore = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, '.gitignore'));
        if (gitignore !== undefined)
            text.set('.gitignore', gitignore);
    }
    const partial = {
        files: walked.files,
        text,
        isIgnored: (path, isDir) => walked.rootIgnore.ignores(isDir ? `${path}/` : path),
        gitTracked: null,
        secretLike: walked.secretLike,
        outputs: [],
        sourcesNewestMs: null,
        env: null,
        requireEnv: options.requireEnv
    };
    const candidates = (0,_project_js__WEBPACK_IMPORTED_MODULE_5__/* .outputCandidates */ .yp)(partial);
    const tracked = isGitCheckout(root)
        ? gitTrackedFiles(root, [...candidates.map(c => c.dir), '.env', '.env.*', '*/.env'])
        : null;
    partial.gitTracked = tracked;
    const outputs = [];
    for (const candidate of candidates) {
        let exists = false;
        try {
            exists = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, candidate.dir)).isDirectory();
        }
        catch {
            exists = false;
        }
        const found = exists ? boundedFiles(root, candidate.dir, MAX_OUTPUT_FILES) : [];
        const jsFiles = [];
        for (const f of found) {
            if (!/\.(js|mjs|cjs)$/.test(f.path) || jsFiles.length >= MAX_OUTPUT_JS)
                continue;
            const content = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, f.path));
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
    partial.outputs = outputs;
    // package.json files inside the outputs decide their module format
    for (const out of outputs)
        if (out.exists) {
            const pkg = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, out.dir, 'package.json'));
            if (pkg !== undefined)
                text.set(`${out.dir}/package.json`, pkg);
        }
    if (outputs.some(o => o.exists)) {
        const sourceDir = (0,_project_js__WEBPACK_IMPORTED_MODULE_5__/* .tsconfigInfo */ .cS)(partial)?.rootDir || 'src';
        const sources = boundedFiles(root, sourceDir, MAX_OUTPUT_FILES).filter(f => /\.(m|c)?[tj]sx?$/.test(f.path));
        partial.sourcesNewestMs = sources.length ? Math.max(...sources.map(f => f.mtimeMs)) : null;
    }
    // the files the start commands name, even when ignored (a built entry on a server)
    for (const start of (0,_project_js__WEBPACK_IMPORTED_MODULE_5__/* .startCommands */ .$d)(partial)) {
        if (!start.entry || text.has(start.entry))
            continue;
        const content = readText((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, start.entry));
        if (content !== undefined)
            text.set(start.entry, content);
    }
    partial.env = loadEnv(options, root);
    return partial;
}


/***/ })

};

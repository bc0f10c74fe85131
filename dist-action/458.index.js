export const id = 458;
export const ids = [458];
export const modules = {

/***/ 93288:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ai: () => (/* binding */ parseDockerfile),
/* harmony export */   K1: () => (/* binding */ copySources),
/* harmony export */   S_: () => (/* binding */ expandArgs),
/* harmony export */   au: () => (/* binding */ finalStageChain)
/* harmony export */ });
/* harmony import */ var dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(78390);

/** Parses a Dockerfile with dockerfile-ast (the parser behind the Docker language server). */
function parseDockerfile(text) {
    const dockerfile = dockerfile_ast__WEBPACK_IMPORTED_MODULE_0__.DockerfileParser.parse(text);
    const globalArgs = new Map();
    const stages = [];
    for (const instruction of dockerfile.getInstructions()) {
        const keyword = instruction.getKeyword().toUpperCase();
        const line = instruction.getRange().start.line + 1;
        const flagged = instruction;
        const flags = (flagged.getFlags?.() ?? []).map(f => `--${f.getName()}=${f.getValue() ?? ''}`);
        const args = [...flags, ...instruction.getArguments().map(a => a.getValue())];
        if (keyword === 'FROM') {
            const from = instruction;
            stages.push({
                image: from.getImage() ?? args.find(a => !a.startsWith('--')) ?? '',
                imageName: from.getImageName(),
                tag: from.getImageTag(),
                digest: from.getImageDigest(),
                name: from.getBuildStage()?.toLowerCase() ?? null,
                line,
                instructions: []
            });
        }
        else if (stages.length === 0) {
            if (keyword === 'ARG')
                for (const arg of args) {
                    const [name, ...value] = arg.split('=');
                    globalArgs.set(name, value.join('=').replace(/^["']|["']$/g, ''));
                }
        }
        else {
            stages[stages.length - 1].instructions.push({ keyword, args, line });
        }
    }
    return { globalArgs, stages };
}
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

/***/ 37480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pL: () => (/* binding */ parseJavaScript),
/* harmony export */   z2: () => (/* binding */ analyzeModule)
/* harmony export */ });
/* unused harmony export CJS_WRAPPER_NAMES */
/* harmony import */ var acorn__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54559);

/** Names that CommonJS passes to every module through its wrapper function. */
const CJS_WRAPPER_NAMES = ['exports', 'require', 'module', '__filename', '__dirname'];
const baseOptions = {
    ecmaVersion: 'latest',
    locations: true,
    allowHashBang: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true
};
/** Parses with a real JavaScript parser (acorn): as a module first, then as a script. Null when neither parses. */
function parseJavaScript(code) {
    for (const sourceType of ['module', 'script']) {
        try {
            return (0,acorn__WEBPACK_IMPORTED_MODULE_0__/* .parse */ .qg)(code, { ...baseOptions, sourceType });
        }
        catch {
            // try the other source type
        }
    }
    return null;
}
/** Walks the tree; `fn` returning false skips the node's children. */
function visit(node, fn) {
    if (!node || typeof node !== 'object')
        return;
    if (Array.isArray(node)) {
        for (const child of node)
            visit(child, fn);
        return;
    }
    const n = node;
    if (typeof n.type !== 'string')
        return;
    if (fn(n) === false)
        return;
    for (const key of Object.keys(n)) {
        if (key === 'loc' || key === 'start' || key === 'end' || key === 'type')
            continue;
        const value = n[key];
        if (value && typeof value === 'object')
            visit(value, fn);
    }
}
function patternNames(pattern, out) {
    if (!pattern)
        return;
    switch (pattern.type) {
        case 'Identifier':
            out.push(pattern.name);
            break;
        case 'ObjectPattern':
            for (const p of pattern.properties)
                patternNames((p.type === 'RestElement' ? p.argument : p.value), out);
            break;
        case 'ArrayPattern':
            for (const e of pattern.elements)
                patternNames(e, out);
            break;
        case 'RestElement':
            patternNames(pattern.argument, out);
            break;
        case 'AssignmentPattern':
            patternNames(pattern.left, out);
            break;
    }
}
const lineOfNode = (node) => node.loc?.start.line ?? 1;
function isIdentifier(node, name) {
    return !!node && node.type === 'Identifier' && node.name === name;
}
/** Reads a parsed program: which module format it is written in and what it declares at module scope. */
function analyzeModule(program) {
    const wrapperDeclarations = [];
    const wrapper = new Set(CJS_WRAPPER_NAMES);
    let body = program.body;
    // `export const __dirname = ...` still declares at module scope
    body = body.map(s => s.type === 'ExportNamedDeclaration' && s.declaration ? s.declaration : s);
    for (const statement of body) {
        if (statement.type === 'VariableDeclaration') {
            for (const d of statement.declarations) {
                const names = [];
                patternNames(d.id, names);
                for (const name of names)
                    if (wrapper.has(name))
                        wrapperDeclarations.push({
                            name,
                            kind: statement.kind,
                            line: lineOfNode(d)
                        });
            }
        }
        else if ((statement.type === 'ClassDeclaration' || statement.type === 'FunctionDeclaration') &&
            statement.id &&
            wrapper.has(statement.id.name)) {
            wrapperDeclarations.push({
                name: statement.id.name,
                kind: statement.type === 'ClassDeclaration' ? 'class' : 'function',
                line: lineOfNode(statement)
            });
        }
    }
    const declaresRequire = wrapperDeclarations.some(d => d.name === 'require');
    let cjsMarker = null;
    let esmMarker = null;
    const cjs = (what, node) => {
        if (!cjsMarker || lineOfNode(node) < cjsMarker.line)
            cjsMarker = { what, line: lineOfNode(node) };
    };
    const esm = (what, node) => {
        if (!esmMarker || lineOfNode(node) < esmMarker.line)
            esmMarker = { what, line: lineOfNode(node) };
    };
    visit(program, node => {
        // A bundle's own module wrapper (function (module, exports, require) {...}) binds these
        // names itself: what happens inside says nothing about how Node loads the file.
        if (/Function/.test(node.type)) {
            const params = [];
            for (const p of node.params ?? [])
                patternNames(p, params);
            if (params.some(p => wrapper.has(p)))
                return false;
        }
        switch (node.type) {
            case 'ImportDeclaration':
                esm('import', node);
                break;
            case 'ExportNamedDeclaration':
            case 'ExportDefaultDeclaration':
            case 'ExportAllDeclaration':
                esm('export', node);
                break;
            case 'MetaProperty':
                if (isIdentifier(node.meta, 'import'))
                    esm('import.meta', node);
                break;
            case 'CallExpression': {
                const args = node.arguments;
                if (!declaresRequire &&
                    isIdentifier(node.callee, 'require') &&
                    args.length === 1 &&
                    (args[0].type === 'Literal' || args[0].type === 'TemplateLiteral'))
                    cjs('require()', node);
                const callee = node.callee;
                if (callee.type === 'MemberExpression' &&
                    isIdentifier(callee.object, 'Object') &&
                    isIdentifier(callee.property, 'defineProperty') &&
                    isIdentifier(args[0], 'exports'))
                    cjs('Object.defineProperty(exports, ...)', node);
                break;
            }
            case 'AssignmentExpression': {
                const left = node.left;
                if (left.type !== 'MemberExpression')
                    break;
                if (isIdentifier(left.object, 'module') && isIdentifier(left.property, 'exports'))
                    cjs('module.exports =', node);
                else if (isIdentifier(left.object, 'exports'))
                    cjs('exports.* =', node);
                else if (left.object.type === 'MemberExpression' &&
                    isIdentifier(left.object.object, 'module') &&
                    isIdentifier(left.object.property, 'exports'))
                    cjs('module.exports.* =', node);
                break;
            }
        }
    });
    const syntax = cjsMarker && esmMarker ? 'mixed' : cjsMarker ? 'cjs' : esmMarker ? 'esm' : 'neither';
    return { syntax, cjsMarker, esmMarker, wrapperDeclarations };
}


/***/ }),

/***/ 93733:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UV: () => (/* binding */ pm2DurationMs),
/* harmony export */   rp: () => (/* binding */ isPm2ConfigPath),
/* harmony export */   tu: () => (/* binding */ parsePm2Config)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _js_module_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37480);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28805);



/** ecosystem.config.js, ecosystem.config.cjs, pm2.json, ecosystem.yaml, ... */
function isPm2ConfigPath(path) {
    return (/^(ecosystem|pm2|process)([.-][\w-]+)*\.(c?js|mjs|json|ya?ml)$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .basenameOf */ .Sv)(path)) &&
        !/^(process)\.(c?js|mjs)$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_2__/* .basenameOf */ .Sv)(path)));
}
function jsValue(node) {
    const line = node.loc?.start.line ?? 1;
    switch (node.type) {
        case 'Literal':
            return { value: node.value, line };
        case 'TemplateLiteral': {
            const quasis = node.quasis;
            return node.expressions.length === 0
                ? { value: quasis[0].value.cooked, line }
                : { value: null, computed: true, line };
        }
        case 'Identifier':
            return { value: null, identifier: node.name, line };
        case 'ArrayExpression': {
            const items = node.elements.map(e => (e ? jsValue(e).value : null));
            return items.every(i => typeof i === 'string')
                ? { value: items, line }
                : { value: null, computed: true, line };
        }
        default:
            return { value: null, computed: true, line };
    }
}
function appsFromJs(file, text) {
    const program = (0,_js_module_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJavaScript */ .pL)(text);
    if (!program)
        return null;
    const apps = [];
    const visit = (node) => {
        if (!node || typeof node !== 'object')
            return;
        if (Array.isArray(node))
            return node.forEach(visit);
        const n = node;
        if (n.type === 'ObjectExpression') {
            for (const p of n.properties) {
                if (p.type !== 'Property')
                    continue;
                const key = p.key;
                const keyName = key.type === 'Identifier' ? key.name : key.value;
                const value = p.value;
                if (keyName === 'apps' && value.type === 'ArrayExpression') {
                    for (const element of value.elements) {
                        if (!element || element.type !== 'ObjectExpression')
                            continue;
                        const props = new Map();
                        for (const ap of element.properties) {
                            if (ap.type !== 'Property')
                                continue;
                            const k = ap.key;
                            const name = k.type === 'Identifier' ? k.name : String(k.value);
                            props.set(name, { ...jsValue(ap.value), line: ap.loc?.start.line ?? 1 });
                        }
                        const appName = props.get('name')?.value;
                        apps.push({
                            file,
                            line: element.loc?.start.line ?? 1,
                            name: typeof appName === 'string' ? appName : null,
                            props
                        });
                    }
                }
            }
        }
        for (const key of Object.keys(n)) {
            if (key === 'loc')
                continue;
            const child = n[key];
            if (child && typeof child === 'object')
                visit(child);
        }
    };
    visit(program);
    return apps;
}
function appsFromYaml(file, text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter });
    if (doc.errors.length > 0)
        return null;
    const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const root = doc.contents;
    let list = [];
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root)) {
        const apps = root.get('apps', true);
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(apps))
            list = apps.items;
        else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(apps))
            list = [apps];
        else if (root.has('script'))
            list = [root];
    }
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(root))
        list = root.items;
    return list.filter(yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh).map(app => {
        const props = new Map();
        for (const pair of app.items) {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : String(pair.key);
            const node = pair.value;
            const keyLine = lineOf(pair.key);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
                props.set(key, { value: node.value, line: keyLine });
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) && node.items.every(yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn))
                props.set(key, {
                    value: node.items.map(i => String(i.value)),
                    line: keyLine
                });
            else
                props.set(key, { value: null, computed: true, line: keyLine });
        }
        const name = props.get('name')?.value;
        return { file, line: lineOf(app), name: typeof name === 'string' ? name : null, props };
    });
}
/** Reads the apps of a PM2 ecosystem file without running it; null when the file does not parse. */
function parsePm2Config(file, text) {
    return /\.(c?js|mjs)$/.test(file) ? appsFromJs(file, text) : appsFromYaml(file, text);
}
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


/***/ }),

/***/ 89383:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $d: () => (/* binding */ startCommands),
/* harmony export */   $u: () => (/* binding */ isWorkflowPath),
/* harmony export */   BM: () => (/* binding */ isShellScriptPath),
/* harmony export */   BR: () => (/* binding */ buildCommandIn),
/* harmony export */   Jo: () => (/* binding */ isUnder),
/* harmony export */   T6: () => (/* binding */ productionStarts),
/* harmony export */   Wm: () => (/* binding */ jsonKeyLine),
/* harmony export */   aJ: () => (/* binding */ isInterestingPath),
/* harmony export */   cS: () => (/* binding */ tsconfigInfo),
/* harmony export */   e0: () => (/* binding */ pm2Apps),
/* harmony export */   e4: () => (/* binding */ isDockerfilePath),
/* harmony export */   gB: () => (/* binding */ moduleTypeOf),
/* harmony export */   nm: () => (/* binding */ sourceFor),
/* harmony export */   p_: () => (/* binding */ ENV_EXAMPLE_FILES),
/* harmony export */   yp: () => (/* binding */ outputCandidates),
/* harmony export */   z2: () => (/* binding */ packageInfo),
/* harmony export */   zI: () => (/* binding */ startedFileIn)
/* harmony export */ });
/* unused harmony exports USUAL_OUTPUT_DIRS, readStartCommand */
/* harmony import */ var _pm2_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93733);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(28805);


/** Pure facts derived from a snapshot, shared by several rules. */
const USUAL_OUTPUT_DIRS = ['dist', 'build', 'out'];
function isDockerfilePath(path) {
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .basenameOf */ .Sv)(path);
    return /^(Dockerfile|Containerfile)(\..+)?$/.test(base) || /\.(dockerfile|Dockerfile)$/.test(base);
}
function isWorkflowPath(path) {
    return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}
function isShellScriptPath(path) {
    return /\.(sh|bash)$/.test(path) || /^(GNUmakefile|Makefile|makefile)$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .basenameOf */ .Sv)(path));
}
const ENV_EXAMPLE_FILES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];
/** The files whose contents the rules read (the rest of the tree is only listed). */
function isInterestingPath(path) {
    const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .basenameOf */ .Sv)(path);
    if (base === 'package.json')
        return true;
    if (!path.includes('/') && (/^tsconfig(\..+)?\.json$/.test(base) || base === '.gitignore'))
        return true;
    if (ENV_EXAMPLE_FILES.includes(path) || base === '.dockerignore')
        return true;
    return (0,_pm2_js__WEBPACK_IMPORTED_MODULE_0__/* .isPm2ConfigPath */ .rp)(path) || isDockerfilePath(path) || isWorkflowPath(path) || isShellScriptPath(path);
}
function packageInfo(repo, file = 'package.json') {
    const text = repo.text.get(file);
    const json = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonLoose */ .Ml)(text);
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
    return (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .lineOf */ .cA)(text, `"${key}"`) ?? 1;
}
/** The nearest package.json above a file decides how Node loads a `.js`. */
function moduleTypeOf(repo, file) {
    if (file.endsWith('.mjs'))
        return { type: 'module', pkg: null };
    if (file.endsWith('.cjs'))
        return { type: 'commonjs', pkg: null };
    let dir = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .dirnameOf */ .az)(file);
    for (;;) {
        const pkg = packageInfo(repo, (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .posixJoin */ .iO)(dir, 'package.json'));
        if (pkg)
            return { type: pkg.type ?? 'commonjs', pkg: pkg.file };
        if (dir === '')
            return { type: 'commonjs', pkg: null };
        dir = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .dirnameOf */ .az)(dir);
    }
}
function tsconfigInfo(repo) {
    const text = repo.text.get('tsconfig.json');
    const json = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .parseJsonLoose */ .Ml)(text);
    if (!json || text === undefined)
        return null;
    const options = (json.compilerOptions ?? {});
    const outDir = typeof options.outDir === 'string' ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(options.outDir) : null;
    const rootDir = typeof options.rootDir === 'string' ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(options.rootDir) : null;
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
        const top = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(pkg.json.main)?.split('/')[0];
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
        const base = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .basenameOf */ .Sv)(word);
        if (SOURCE_RUNNERS.includes(base) && !sourceRunner)
            sourceRunner = base;
        if (/^--(experimental-strip-types|experimental-transform-types)$/.test(word))
            sourceRunner ??= `node ${word}`;
        if (/^--(import|loader|require|r)$/.test(word) && /^(tsx|ts-node)/.test(words[i + 1] ?? ''))
            sourceRunner ??= `node ${word} ${words[i + 1]}`;
        if (/^--(import|loader)=(tsx|ts-node)/.test(word))
            sourceRunner ??= `node ${word}`;
        if (!entry && !word.startsWith('-') && (SOURCE_EXT.test(word) || JS_EXT.test(word))) {
            entry = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(word);
            if (SOURCE_EXT.test(word) && !sourceRunner && /^node$/.test((0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .basenameOf */ .Sv)(words[0] ?? '')))
                sourceRunner = 'node (type stripping)';
        }
    }
    return { sourceRunner, entry };
}
function pm2Apps(repo) {
    const apps = [];
    for (const [file, text] of repo.text)
        if ((0,_pm2_js__WEBPACK_IMPORTED_MODULE_0__/* .isPm2ConfigPath */ .rp)(file))
            apps.push(...((0,_pm2_js__WEBPACK_IMPORTED_MODULE_0__/* .parsePm2Config */ .tu)(file, text) ?? []));
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
            ...readStartCommand(pkg.scripts.start)
        };
    }
    for (const app of pm2Apps(repo)) {
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
        const base = typeof cwd?.value === 'string' ? ((0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(cwd.value) ?? '') : (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .dirnameOf */ .az)(app.file);
        const scriptWord = script.value.trim();
        if (/^(npm|yarn|pnpm)$/.test(scriptWord) && /^(run\s+)?start\b/.test(args.trim()) && pkgStart) {
            result.push({ ...pkgStart, file: app.file, line: script.line, label, app });
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
            entry: read.entry ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .posixJoin */ .iO)(base, read.entry) : null,
            app
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
    return match ? (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .normaliseRelative */ .Z8)(match[1]) : null;
}
/** Maps a file under an output dir back to the source the build compiles it from (dist/a.js -> src/a.ts). */
function sourceFor(repo, outputFile, outDir) {
    const ts = tsconfigInfo(repo);
    const rootDir = ts?.rootDir ?? 'src';
    const rest = outputFile.slice(outDir.length + 1).replace(/\.(c|m)?js$/, '');
    const files = new Set(repo.files);
    for (const ext of ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs']) {
        const candidate = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_1__/* .posixJoin */ .iO)(rootDir, rest + ext);
        if (files.has(candidate))
            return candidate;
    }
    return null;
}
function isUnder(path, dir) {
    return path === dir || path.startsWith(`${dir}/`);
}


/***/ }),

/***/ 84702:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   y: () => (/* binding */ dockerfiles)
/* harmony export */ });
/* harmony import */ var _docker_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(93288);
/* harmony import */ var _project_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89383);


/** Every Dockerfile of the snapshot, parsed once per rule run (parsing is cheap). */
function dockerfiles(repo) {
    const result = [];
    for (const [file, text] of repo.text)
        if ((0,_project_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerfilePath */ .e4)(file)) {
            const parsed = (0,_docker_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDockerfile */ .Ai)(text);
            if (parsed.stages.length > 0)
                result.push({ file, parsed });
        }
    return result.sort((a, b) => a.file.localeCompare(b.file));
}


/***/ }),

/***/ 94458:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   W: () => (/* binding */ dockerfileSecrets),
/* harmony export */   Y: () => (/* binding */ SECRET_FILE)
/* harmony export */ });
/* harmony import */ var _gitignore_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(98940);
/* harmony import */ var _docker_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93288);
/* harmony import */ var _util_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(28805);
/* harmony import */ var _dockerfile_common_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(84702);




/** Key files and env files that must never be baked into an image. */
const SECRET_FILE = /^(\.env(\.(?!example$|sample$|template$|dist$)[\w.-]+)?|.*\.(pem|p8|p12|pfx|key)|id_(rsa|dsa|ecdsa|ed25519)(\.\w+)?)$/;
const GLOB_SECRET = /(\.env|\.pem|\.p8|\.p12|\.pfx|\.key|id_rsa|id_ed25519|id_ecdsa)\b/;
const dockerfileSecrets = {
    id: 'dockerfile-secrets',
    title: 'Secrets copied into the image',
    severity: 'error',
    why: 'Anything copied into an image stays in its layers: everyone who can pull the image can read a .env, an Apple .p8 key, a .pem or an SSH key, even after a later `RUN rm`.',
    fix: 'Do not COPY key or env files; pass secrets at run time (environment, mounted secrets, `RUN --mount=type=secret`), and list them in .dockerignore.',
    check(repo) {
        const findings = [];
        for (const { file, parsed } of (0,_dockerfile_common_js__WEBPACK_IMPORTED_MODULE_2__/* .dockerfiles */ .y)(repo)) {
            const context = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .dirnameOf */ .az)(file);
            const dockerignoreText = repo.text.get((0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .posixJoin */ .iO)(context, '.dockerignore'));
            const dockerignore = (0,_gitignore_js__WEBPACK_IMPORTED_MODULE_0__/* .gitignoreMatcher */ .o)(dockerignoreText ?? '');
            const inContext = repo.secretLike
                .filter(p => context === '' || p.startsWith(`${context}/`))
                .map(p => (context === '' ? p : p.slice(context.length + 1)))
                .filter(p => !dockerignore.ignores(p));
            for (const stage of parsed.stages) {
                for (const instruction of stage.instructions) {
                    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD')
                        continue;
                    for (const source of (0,_docker_js__WEBPACK_IMPORTED_MODULE_1__/* .copySources */ .K1)(instruction)) {
                        const named = (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .basenameOf */ .Sv)(source.replace(/\/+$/, ''));
                        if (SECRET_FILE.test(named) || (/[*?]/.test(named) && GLOB_SECRET.test(named))) {
                            findings.push({
                                file,
                                line: instruction.line,
                                message: `${instruction.keyword} ${source} at line ${instruction.line} puts a secret file into the image layers.`
                            });
                        }
                        else if (source === '.' || source === './' || source.endsWith('/')) {
                            const dir = source === '.' || source === './' ? '' : source.replace(/^\.\//, '').replace(/\/+$/, '');
                            const leaked = inContext.filter(p => dir === '' || p.startsWith(`${dir}/`));
                            if (leaked.length > 0)
                                findings.push({
                                    file,
                                    line: instruction.line,
                                    message: `${instruction.keyword} ${source} at line ${instruction.line} copies ${leaked.slice(0, 3).join(', ')}${leaked.length > 3 ? ` and ${leaked.length - 3} more` : ''} into the image: .dockerignore does not exclude ${leaked.length === 1 ? 'it' : 'them'}.`,
                                    fix: `Add ${leaked
                                        .slice(0, 3)
                                        .map(l => (0,_util_text_js__WEBPACK_IMPORTED_MODULE_3__/* .basenameOf */ .Sv)(l))
                                        .join(', ')} (e.g. \`.env*\`, \`*.pem\`, \`*.p8\`) to .dockerignore.`
                                });
                        }
                    }
                }
            }
        }
        return findings;
    }
};


/***/ })

};

export const id = 733;
export const ids = [733,480];
export const modules = {

/***/ 37480:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CJS_WRAPPER_NAMES: () => (/* binding */ CJS_WRAPPER_NAMES),
/* harmony export */   analyzeModule: () => (/* binding */ analyzeModule),
/* harmony export */   parseJavaScript: () => (/* binding */ parseJavaScript)
/* harmony export */ });
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

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parsePm2Config: () => (/* binding */ parsePm2Config)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);
/* harmony import */ var _js_module_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(37480);


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
    const program = (0,_js_module_js__WEBPACK_IMPORTED_MODULE_1__.parseJavaScript)(text);
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


/***/ })

};

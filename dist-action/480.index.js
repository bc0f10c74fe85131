export const id = 480;
export const ids = [480];
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


/***/ })

};

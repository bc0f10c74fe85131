export const id = 197;
export const ids = [197];
export const modules = {

/***/ 20197:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseWorkflow: () => (/* binding */ parseWorkflow),
/* harmony export */   parseWorkflowFile: () => (/* binding */ parseWorkflowFile)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(38815);

/** A workflow file: its triggers and jobs; null when it is not valid YAML. */
function parseWorkflowFile(text) {
    const lineCounter = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const doc = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter });
    if (doc.errors.length > 0 || !(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents))
        return null;
    const root = doc.contents;
    const on = root.get('on', true);
    const events = [];
    const afterWorkflows = [];
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(on))
        events.push(String(on.value));
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(on))
        for (const e of on.items)
            events.push(String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(e) ? e.value : e));
    else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(on))
        for (const pair of on.items) {
            const event = String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? pair.key.value : pair.key);
            events.push(event);
            if (event === 'workflow_run' && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(pair.value)) {
                const names = pair.value.get('workflows', true);
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(names))
                    for (const n of names.items)
                        afterWorkflows.push(String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(n) ? n.value : n));
                else if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(names))
                    afterWorkflows.push(String(names.value));
            }
        }
    const nameNode = root.get('name', true);
    const name = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(nameNode) && nameNode.value !== null ? String(nameNode.value) : null;
    return {
        jobs: jobsOf(doc, lineCounter) ?? [],
        env: scalarMap(root.get('env', true)),
        events,
        afterWorkflows,
        name
    };
}
function scalarMap(node) {
    const result = {};
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node))
        for (const pair of node.items)
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.value) && pair.value.value !== null)
                result[String(pair.key.value)] = String(pair.value.value);
    return result;
}
/** Jobs of a workflow file with their lines; null when it is not valid YAML. */
function parseWorkflow(text) {
    return parseWorkflowFile(text)?.jobs ?? null;
}
function jobsOf(doc, lineCounter) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(doc.contents))
        return null;
    const lineOf = (node) => node?.range ? lineCounter.linePos(node.range[0]).line : 1;
    const str = (map, key) => {
        const v = map.get(key, true);
        return (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(v) && v.value !== null ? String(v.value) : null;
    };
    const jobs = doc.contents.get('jobs', true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(jobs))
        return [];
    const result = [];
    for (const pair of jobs.items) {
        const job = pair.value;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(job))
            continue;
        const id = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : String(pair.key);
        const needsNode = job.get('needs', true);
        const needs = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(needsNode)
            ? needsNode.items.map(i => String((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(i) ? i.value : i))
            : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(needsNode)
                ? [String(needsNode.value)]
                : [];
        const stepsNode = job.get('steps', true);
        const steps = [];
        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(stepsNode)) {
            for (const s of stepsNode.items) {
                if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(s))
                    continue;
                const runNode = s.get('run', true);
                const run = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(runNode) && runNode.value !== null ? String(runNode.value) : null;
                const runLines = [];
                if (run !== null && runNode) {
                    const block = runNode.type === 'BLOCK_LITERAL' || runNode.type === 'BLOCK_FOLDED';
                    const first = lineOf(runNode) + (block ? 1 : 0);
                    run.split('\n').forEach((_l, i) => runLines.push(first + i));
                }
                const withNode = s.get('with', true);
                const withValues = {};
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(withNode))
                    for (const w of withNode.items)
                        if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(w.key) && (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(w.value))
                            withValues[String(w.key.value)] = String(w.value.value);
                steps.push({
                    run,
                    runLines,
                    uses: str(s, 'uses'),
                    name: str(s, 'name'),
                    with: withValues,
                    workingDirectory: str(s, 'working-directory'),
                    line: lineOf(s)
                });
            }
        }
        const environmentNode = job.get('environment', true);
        const environment = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(environmentNode)
            ? String(environmentNode.value)
            : (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(environmentNode)
                ? str(environmentNode, 'name')
                : null;
        result.push({
            id,
            name: str(job, 'name'),
            line: lineOf(pair.key),
            needs,
            environment,
            env: scalarMap(job.get('env', true)),
            uses: str(job, 'uses'),
            steps
        });
    }
    return result;
}


/***/ })

};

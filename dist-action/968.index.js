export const id = 968;
export const ids = [968];
export const modules = {

/***/ 86604:
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

/***/ 968:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bootSmokeMeta: () => (/* reexport safe */ _boot_smoke_meta_js__WEBPACK_IMPORTED_MODULE_5__.v),
/* harmony export */   runBootSmoke: () => (/* binding */ runBootSmoke)
/* harmony export */ });
/* unused harmony exports firstErrorLine, errorLocation */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(31421);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(76760);
/* harmony import */ var _gate_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(26625);
/* harmony import */ var _gate_run_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71820);
/* harmony import */ var _options_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(51097);
/* harmony import */ var _boot_smoke_meta_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(86604);






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
        env: options.env,
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
                : `\`${options.command}\` did not stay healthy at ${options.url}: ${result.reason}${first ? ` (first error line: ${first})` : ''}.`,
            evidence: `the production start command given by --boot, gated on ${options.url}`
        }
    ];
}


/***/ })

};
